package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A dependency on another task: a local id ({@code FE-12}) or a cross-stream reference
 * ({@code be:PLN-BE-001}, stream then id).
 *
 * @param stream the other stream, for cross-stream references
 * @param id     the task id, never {@code null}
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record TaskRef(Optional<String> stream, String id) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param stream the other stream, for cross-stream references
     * @param id the task id, never {@code null}
     */
    public TaskRef {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(id, "id");
    }

    /**
     * Parses {@code ID} or {@code stream:ID}.
     *
     * @param text {@code ID} or {@code stream:ID}
     * @return the reference
     */
    public static TaskRef parse(String text) {
        int colon = text.indexOf(':');
        if (colon > 0) {
            return new TaskRef(Optional.of(text.substring(0, colon)), text.substring(colon + 1));
        }
        return new TaskRef(Optional.empty(), text);
    }

    /**
     * Whether this reference points into another stream.
     *
     * @return whether this reference points into another stream
     */
    public boolean isCrossStream() {
        return stream.isPresent();
    }

    /** {@code stream:id} or {@code id}, as written. */
    @Override
    public String toString() {
        return stream.map(s -> s + ":" + id).orElse(id);
    }
}
