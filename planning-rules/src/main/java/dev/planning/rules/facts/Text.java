package dev.planning.rules.facts;

import dev.planning.api.Printable;
import dev.planning.api.artifact.PersonNames;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Normalises optional text for facts: a text that shows nothing and an absent one both become
 * {@code null}. A text shows something when it holds a character shown as itself
 * ({@link Printable#shownAsItself}) that is a letter, number, punctuation mark or symbol (not the
 * braille blank): a no-break space, a zero-width space, a byte order mark, a Hangul filler, a
 * combining mark or a braille blank alone is as empty to a reader as no text, so a rule asking for an
 * owner or a note is not met by one.
 */
final class Text {

    private Text() {
    }

    static String orNull(Optional<String> value) {
        return value.isPresent() ? shown(value.get()) : null;
    }

    static String orNull(String value) {
        return value == null ? null : shown(value);
    }

    /** The text stripped, or {@code null} when it shows nothing. */
    private static String shown(String value) {
        String stripped = value.strip();
        return showsSomething(stripped) ? stripped : null;
    }

    /**
     * How many distinct approvers {@code values} names: each text that shows something, stripped, whose
     * name is clear ({@link PersonNames#unclear}: no invisible character, look-alike punctuation or
     * mixed scripts, which would let one person count twice), compared as its {@linkplain #identity
     * identity}: the same approver in another case, in full-width letters or with an accent composed or
     * decomposed counts once. A name that is not clear counts for no one (lint names it).
     */
    static int distinct(Collection<String> values) {
        // A loop, not a stream: every task of a plan is counted, and most have no approver at all.
        if (values.isEmpty()) {
            return 0;
        }
        Set<String> identities = new HashSet<>();
        for (String value : values) {
            String name = orNull(value);
            if (name != null && PersonNames.unclear(name).isEmpty()) {
                identities.add(identity(name));
            }
        }
        return identities.size();
    }

    /** A name as compared: {@link PersonNames#identity}. */
    static String identity(String value) {
        return PersonNames.identity(value);
    }

    /**
     * Whether the text holds a character that draws something on its own: one {@linkplain
     * Printable#shownAsItself shown as itself} that is a letter, a digit or other number, a punctuation
     * mark or a symbol, but the braille pattern blank U+2800 (a symbol of no dots). A space, and a
     * combining mark (drawn on the character before it, here on nothing), are not enough.
     */
    static boolean showsSomething(String value) {
        // A loop over the code points (a lone surrogate is one, as String.codePoints() has it), not a stream:
        // every text of every task is asked.
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (Printable.shownAsItself(c) && (DRAWN >> Character.getType(c) & 1) != 0 && c != BRAILLE_BLANK) {
                return true;
            }
            i += Character.charCount(c);
        }
        return false;
    }

    private static final int BRAILLE_BLANK = 0x2800;

    /** Letters, numbers, punctuation and symbols, as bits of {@link Character#getType}'s values. */
    private static final int DRAWN = 1 << Character.UPPERCASE_LETTER | 1 << Character.LOWERCASE_LETTER
            | 1 << Character.TITLECASE_LETTER | 1 << Character.MODIFIER_LETTER | 1 << Character.OTHER_LETTER
            | 1 << Character.DECIMAL_DIGIT_NUMBER | 1 << Character.LETTER_NUMBER | 1 << Character.OTHER_NUMBER
            | 1 << Character.CONNECTOR_PUNCTUATION | 1 << Character.DASH_PUNCTUATION | 1 << Character.START_PUNCTUATION
            | 1 << Character.END_PUNCTUATION | 1 << Character.INITIAL_QUOTE_PUNCTUATION
            | 1 << Character.FINAL_QUOTE_PUNCTUATION | 1 << Character.OTHER_PUNCTUATION | 1 << Character.MATH_SYMBOL
            | 1 << Character.CURRENCY_SYMBOL | 1 << Character.MODIFIER_SYMBOL | 1 << Character.OTHER_SYMBOL;
}
