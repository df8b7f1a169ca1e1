package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A governance tag: a plain label ({@code Release}) or a key and value ({@code Risk:Low},
 * {@code compliance: sox}).
 *
 * @param key   the label, or the key of a key/value tag; never {@code null} or blank
 * @param value the value of a key/value tag
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record Tag(String key, Optional<String> value) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param key the label, or the key of a key/value tag or blank
     * @param value the value of a key/value tag
     */
    public Tag {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.isBlank()) {
            throw new IllegalArgumentException("tag key must not be blank");
        }
    }

    /**
     * A tag key, or a value a taxonomy governs, as every check compares it: without surrounding blanks
     * (what {@link String#strip()} removes) and lower-cased by {@link Locale#ROOT}. The one fold of tag
     * keys: {@link Tags#value(String)}, the rulebook's taxonomy, required tags and governance's
     * criticality all compare through it, never with {@link String#equalsIgnoreCase(String)}, which
     * folds some letters otherwise (it reads {@code crİticality}, with U+0130, and {@code crıticality},
     * with U+0131, as {@code criticality}; this fold does not), so no key is one key to one check and
     * another to the next.
     *
     * @param text a key or value as written
     * @return it stripped and lower-cased by {@link Locale#ROOT}
     * @since 0.1
     */
    public static String fold(String text) {
        return Objects.requireNonNull(text, "text").strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the list form: {@code Key:Value} becomes a key/value tag, anything without a colon a
     * plain label. The key and the value lose the blanks around them that {@link #fold} strips (what
     * {@link String#strip()} removes, Unicode blanks such as U+2003 included), so a key parsed is the key
     * every check folds; a control character around them is kept, as the fold keeps it (a task breakdown's
     * schema refuses such a key).
     *
     * @param text a tag as written in the list form
     * @return the tag
     */
    public static Tag parse(String text) {
        int colon = text.indexOf(':');
        if (colon > 0 && colon < text.length() - 1) {
            return new Tag(text.substring(0, colon).strip(), Optional.of(text.substring(colon + 1).strip()));
        }
        return new Tag(text.strip(), Optional.empty());
    }

    /** {@code key:value} or {@code key}. */
    @Override
    public String toString() {
        return value.map(v -> key + ":" + v).orElse(key);
    }
}
