package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.Printable;
import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * The names of people and teams a plan writes (a task's {@code owner}, its {@code controls.approvals},
 * the capacity model's owners and members): whether a name is clear, and the identity two names are
 * compared by. Approvals are counted by name and effort is charged to a budget by name, so two names a
 * reader takes for the same person (one with a zero-width space, a soft hyphen or a variation selector
 * inside, one with a Cyrillic {@code е} for a Latin {@code e}, one with the hyphen U+2010 for {@code -})
 * must neither count as two approvers nor let one person's work escape their budget.
 *
 * <p>The rule is an allow-list on the name's NFKC form (so full-width letters are the letters they
 * show): ASCII letters and digits, the space (never two in a row) and {@code ' + - . / @ _}; beyond
 * ASCII, letters, marks and decimal digits of a script ({@link UnicodeScript}), never a character of
 * the common or inherited script (punctuation and symbols that look like ASCII ones, invisible
 * characters) nor one {@linkplain Printable#shownAsItself shown as its escape}; and the letters of one
 * script, or of Latin with Han and the Japanese kana, with Han and Bopomofo, or with Han and Hangul
 * (the "highly restrictive" level of Unicode's UTS #39). Two characters of the common script count
 * as kana: the prolonged sound mark U+30FC after a kana (Lucy in katakana, U+30EB U+30FC U+30B7 U+30FC)
 * and the middle dot U+30FB between two kana (John Smith, U+30B8 U+30E7 U+30F3 U+30FB U+30B9 U+30DF
 * U+30B9). A mark (Mn, Mc, Me) counts only on a letter, or after the marks on a letter, of its script: a
 * Devanagari vowel sign or virama on a Devanagari letter; a mark of the inherited script from a script's
 * block (the Arabic shadda U+0651 and the other harakat) on a letter of that script; an accent of the
 * combining diacritical blocks (a Yoruba tone mark on a vowel with a dot below, U+1EB9 U+0300) on a Latin, Greek or
 * Cyrillic letter; never alone, after a digit, punctuation or a space, twice in a row or more than four
 * on one letter of the NFD form, nor a dot above (U+0307, U+0358) on an i or j, dotted or dotless, which
 * reads as the letter alone (UTS #39, 5.4). A name that breaks the rule does not count as
 * an approval, and lint names it; the capacity check refuses it as an owner it cannot charge.
 *
 * <p>Not caught: names confusable within one script (ASCII {@code l} and {@code I}, {@code rn} and
 * {@code m}) or whole-script confusables (a name in Cyrillic letters alone that reads as a Latin one);
 * a reviewer still reads the names.
 *
 * <pre>{@code
 * Optional<String> clear = PersonNames.unclear("techlead-erik");        // empty: counts
 * Optional<String> mixed = PersonNames.unclear("techlead-\u0435rik");   // "mixes the scripts Cyrillic and Latin"
 * boolean same = PersonNames.identity("\uff42ob ").equals(PersonNames.identity("Bob"));   // true
 * }</pre>
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PersonNames {

    /** The ASCII characters a name may hold beside letters and digits. */
    private static final String ASCII_PUNCTUATION = " '+-./@_";

    /** Letters, marks and decimal digits, as bits of {@link Character#getType}'s values. */
    private static final int WORD = 1 << Character.UPPERCASE_LETTER | 1 << Character.LOWERCASE_LETTER
            | 1 << Character.TITLECASE_LETTER | 1 << Character.MODIFIER_LETTER | 1 << Character.OTHER_LETTER
            | 1 << Character.NON_SPACING_MARK | 1 << Character.COMBINING_SPACING_MARK | 1 << Character.ENCLOSING_MARK
            | 1 << Character.DECIMAL_DIGIT_NUMBER;

    /** The sets of scripts one name may mix (UTS #39, highly restrictive). */
    private static final Set<Set<UnicodeScript>> MIXES = Set.of(
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA),
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.BOPOMOFO),
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HANGUL));

    /** KATAKANA-HIRAGANA PROLONGED SOUND MARK (its half-width form is this one in NFKC). */
    private static final int PROLONGED_SOUND_MARK = 0x30FC;

    /** KATAKANA MIDDLE DOT (its half-width form is this one in NFKC). */
    private static final int KATAKANA_MIDDLE_DOT = 0x30FB;

    /** Marks (Mn, Mc, Me), as bits of {@link Character#getType}'s values. */
    private static final int MARK = 1 << Character.NON_SPACING_MARK | 1 << Character.COMBINING_SPACING_MARK
            | 1 << Character.ENCLOSING_MARK;

    /** Combining dots above (U+0307, U+0358), which vanish into the dot of an i or j. */
    private static final String DOTS_ABOVE = "\u0307\u0358";

    /** Letters a dot above reads as: i, j, their dotless forms, and the Cyrillic i and je. */
    private static final String DOTTED_OR_DOTLESS = "ij\u0131\u0237\u0456\u0458\u0269\u026a";

    /** The most marks one letter may carry in the NFD form (UTS #39, 5.4). */
    private static final int MAX_MARKS = 4;

    /** The blocks of the inherited script's marks that no one script owns: accents of the European scripts. */
    private static final Set<Character.UnicodeBlock> GENERIC_MARKS = Set.of(Character.UnicodeBlock.COMBINING_DIACRITICAL_MARKS,
            Character.UnicodeBlock.COMBINING_DIACRITICAL_MARKS_SUPPLEMENT,
            Character.UnicodeBlock.COMBINING_DIACRITICAL_MARKS_EXTENDED);

    /** The scripts whose letters take {@link #GENERIC_MARKS}. */
    private static final Set<UnicodeScript> ACCENTED = EnumSet.of(UnicodeScript.LATIN, UnicodeScript.GREEK,
            UnicodeScript.CYRILLIC);

    private PersonNames() {
    }

    /**
     * Why a name cannot count as an approver, or empty when it can (the class comment gives the rule).
     *
     * @param name an approver's name as written, without surrounding blanks
     * @return why the name cannot count as an approver, or empty when it can
     */
    public static Optional<String> unclear(String name) {
        String text = Normalizer.normalize(name, Normalizer.Form.NFKC);
        Optional<String> stacked = stackedMarks(Normalizer.normalize(text, Normalizer.Form.NFD));
        if (stacked.isPresent()) {
            return stacked;
        }
        Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
        int previous = -1;
        int base = -1;
        boolean afterKana = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c >= 0x80 && Printable.shownAsItself(c) && (MARK >> Character.getType(c) & 1) != 0) {
                if (base < 0 || !marks(c, base)) {
                    return Optional.of("holds " + shown(c) + ", a mark that follows no letter of its script");
                }
                if (DOTS_ABOVE.indexOf(c) >= 0 && DOTTED_OR_DOTLESS.indexOf(base) >= 0) {
                    // UTS #39, 5.4: a dot over i or j (or over the dotless ones) reads as the letter alone.
                    return Optional.of("holds " + shown(c) + " on " + shown(base)
                            + ", which reads as the letter alone");
                }
                previous = c;
                continue;
            }
            base = Character.isLetter(c) ? c : -1;
            if (c < 0x80) {
                if (Character.isLetter(c)) {
                    scripts.add(UnicodeScript.LATIN);
                } else if (!Character.isDigit(c) && ASCII_PUNCTUATION.indexOf(c) < 0) {
                    return Optional.of("holds " + shown(c) + ", which is none of the letters, digits, space and "
                            + ASCII_PUNCTUATION.strip() + " a name may hold");
                } else if (c == ' ' && previous == ' ') {
                    return Optional.of("holds two spaces in a row");
                }
            } else if (c == PROLONGED_SOUND_MARK && afterKana) {
                // Common by its script, but a kana's own (Script_Extensions Hiragana and Katakana, as UTS #39
                // reads it): it lengthens the kana before it. After anything else (after Han it reads as the Han
                // digit one, U+4E00) it stays refused below.
                previous = c;
                continue;
            } else if (c == KATAKANA_MIDDLE_DOT && afterKana && i < text.length() && kana(text.codePointAt(i))) {
                // Common by its script, a kana's own by its Script_Extensions: it separates the parts of a name
                // written in kana (John Smith, U+30B8 U+30E7 U+30F3 U+30FB U+30B9 U+30DF U+30B9). Between two
                // kana only; elsewhere it stays refused below.
                previous = c;
                afterKana = false;
                continue;
            } else {
                UnicodeScript script = UnicodeScript.of(c);
                if (!Printable.shownAsItself(c) || (WORD >> Character.getType(c) & 1) == 0
                        || script == UnicodeScript.COMMON || script == UnicodeScript.INHERITED
                        || script == UnicodeScript.UNKNOWN) {
                    return Optional.of("holds " + shown(c) + ", which is no letter or digit of a script (an invisible"
                            + " character, or punctuation that may pass for another)");
                }
                scripts.add(script);
            }
            afterKana = kana(c);
            previous = c;
        }
        if (scripts.size() > 1 && MIXES.stream().noneMatch(mix -> mix.containsAll(scripts))) {
            return Optional.of("mixes the scripts " + scripts.stream().map(PersonNames::scriptName).sorted()
                    .collect(Collectors.joining(" and ")));
        }
        return Optional.empty();
    }

    private static boolean kana(int c) {
        return c >= 0x80 && (UnicodeScript.of(c) == UnicodeScript.HIRAGANA || UnicodeScript.of(c) == UnicodeScript.KATAKANA);
    }

    /**
     * Whether a mark may draw on a letter: a mark of a script on a letter of that script; a mark of the
     * inherited script from a script's block (the Arabic harakat) on a letter of that script; one of the
     * generic accents on a letter of Latin, Greek or Cyrillic. Any other (a block that names no script, the
     * marks for symbols) fails closed.
     */
    private static boolean marks(int mark, int letter) {
        UnicodeScript script = UnicodeScript.of(letter);
        UnicodeScript own = UnicodeScript.of(mark);
        if (own != UnicodeScript.INHERITED) {
            return own == script && own != UnicodeScript.COMMON && own != UnicodeScript.UNKNOWN;
        }
        Character.UnicodeBlock block = Character.UnicodeBlock.of(mark);
        if (block == null) {
            return false;
        }
        if (GENERIC_MARKS.contains(block)) {
            return ACCENTED.contains(script);
        }
        try {
            return UnicodeScript.forName(block.toString()) == script;
        } catch (IllegalArgumentException noSuchScript) {
            return false;
        }
    }

    /** In the NFD form: a mark twice in a row, or more than {@link #MAX_MARKS} on one letter. */
    private static Optional<String> stackedMarks(String decomposed) {
        int previous = -1;
        int run = 0;
        for (int i = 0; i < decomposed.length(); ) {
            int c = decomposed.codePointAt(i);
            i += Character.charCount(c);
            if ((MARK >> Character.getType(c) & 1) == 0) {
                run = 0;
            } else if (c == previous) {
                return Optional.of("holds " + shown(c) + " twice in a row");
            } else if (++run > MAX_MARKS) {
                return Optional.of("holds more than " + MAX_MARKS + " marks on one letter");
            }
            previous = c;
        }
        return Optional.empty();
    }

    /**
     * The form two names are compared by: stripped, its NFKC form (full-width and other compatibility
     * letters as the letters they show, accents composed), case folded by the root locale's upper then
     * lower case (so {@code ß} and {@code SS}, {@code ς} and {@code σ} agree), and NFKC again. Two clear
     * names with one identity name one person.
     *
     * @param name a name as written
     * @return the form two names are compared by
     */
    public static String identity(String name) {
        String folded = Normalizer.normalize(name.strip(), Normalizer.Form.NFKC).toUpperCase(Locale.ROOT)
                .toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFKC).strip();
    }

    private static String shown(int c) {
        return String.format(Locale.ROOT, "U+%04X", c);
    }

    private static String scriptName(UnicodeScript script) {
        String upper = script.name();
        return upper.charAt(0) + upper.substring(1).toLowerCase(Locale.ROOT);
    }
}
