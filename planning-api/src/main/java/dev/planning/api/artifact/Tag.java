package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.STABLE;

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
     * Parses the list form: {@code Key:Value} becomes a key/value tag, anything without a colon a
     * plain label.
     *
     * @param text a tag as written in the list form
     * @return the tag
     */
    public static Tag parse(String text) {
        int colon = text.indexOf(':');
        if (colon > 0 && colon < text.length() - 1) {
            return new Tag(text.substring(0, colon).trim(), Optional.of(text.substring(colon + 1).trim()));
        }
        return new Tag(text.trim(), Optional.empty());
    }

    /** {@code key:value} or {@code key}. */
    @Override
    public String toString() {
        return value.map(v -> key + ":" + v).orElse(key);
    }
}
