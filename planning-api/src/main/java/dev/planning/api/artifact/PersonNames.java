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
 * (the "highly restrictive" level of Unicode's UTS #39). One character of the common script counts
 * as the kana it follows: the prolonged sound mark U+30FC after a kana (Lucy in katakana, U+30EB U+30FC
 * U+30B7 U+30FC). A name that breaks the rule does not count as
 * an approval, and lint names it; the capacity check refuses it as an owner it cannot charge.
 *
 * <p>Not caught: names confusable within one script (ASCII {@code l} and {@code I}, {@code rn} and
 * {@code m}) or whole-script confusables (a name in Cyrillic letters alone that reads as a Latin one);
 * a reviewer still reads the names.
 *
 * <pre>{@code
 * PersonNames.unclear("techlead-erik");        // empty: counts
 * PersonNames.unclear("techlead-\u0435rik");   // "mixes the scripts Cyrillic and Latin"
 * PersonNames.identity("\uff42ob ").equals(PersonNames.identity("Bob"));   // true
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
        Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
        int previous = -1;
        boolean afterKana = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
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
            afterKana = c >= 0x80 && (UnicodeScript.of(c) == UnicodeScript.HIRAGANA
                    || UnicodeScript.of(c) == UnicodeScript.KATAKANA);
            previous = c;
        }
        if (scripts.size() > 1 && MIXES.stream().noneMatch(mix -> mix.containsAll(scripts))) {
            return Optional.of("mixes the scripts " + scripts.stream().map(PersonNames::scriptName).sorted()
                    .collect(Collectors.joining(" and ")));
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
