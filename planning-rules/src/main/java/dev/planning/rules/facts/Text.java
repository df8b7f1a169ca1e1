package dev.planning.rules.facts;

import dev.planning.api.Printable;
import java.util.Collection;
import java.util.Optional;

/**
 * Normalises optional text for facts: a text that shows nothing and an absent one both become
 * {@code null}. A text shows something when it holds a character shown as itself
 * ({@link Printable#shownAsItself}) that is not a space: a no-break space, a zero-width space, a byte
 * order mark or a Hangul filler alone is as empty to a reader as no text, so a rule asking for an
 * owner or a note is not met by one.
 */
final class Text {

    private Text() {
    }

    static String orNull(Optional<String> value) {
        return value.map(String::strip).filter(Text::showsSomething).orElse(null);
    }

    static String orNull(String value) {
        return orNull(Optional.ofNullable(value));
    }

    /** How many distinct texts that show something {@code values} holds, each stripped. */
    static int distinct(Collection<String> values) {
        return (int) values.stream().map(Text::orNull).filter(v -> v != null).distinct().count();
    }

    static boolean showsSomething(String value) {
        return value.codePoints().anyMatch(c -> Printable.shownAsItself(c) && Character.getType(c) != Character.SPACE_SEPARATOR);
    }
}
