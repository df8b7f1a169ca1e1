package dev.planning.rules.facts;

import dev.planning.api.Printable;
import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
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

    /**
     * How many distinct texts that show something {@code values} holds, each stripped and compared as
     * its {@linkplain #identity identity}: the same approver in another case, in full-width letters or
     * with an accent composed or decomposed counts once.
     */
    static int distinct(Collection<String> values) {
        return (int) values.stream().map(Text::orNull).filter(Objects::nonNull).map(Text::identity).distinct().count();
    }

    /**
     * A name as compared: its NFKC form (full-width and other compatibility letters as the letters they
     * show, accents composed), case folded by the root locale's upper then lower case (so {@code ß} and
     * {@code SS}, {@code ς} and {@code σ} agree), and NFKC again.
     */
    static String identity(String value) {
        String folded = Normalizer.normalize(value, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFKC);
    }

    static boolean showsSomething(String value) {
        return value.codePoints().anyMatch(c -> Printable.shownAsItself(c) && Character.getType(c) != Character.SPACE_SEPARATOR);
    }
}
