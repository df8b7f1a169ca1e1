package dev.planning.api.lifecycle;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The identity of a planning cycle: a stream ({@code fe}, {@code be}, {@code design}, ...) and a
 * cycle id (a date such as {@code 2025-09-02} or a tag such as {@code PLN-BE-2024-01}).
 *
 * <p>Both parts become path segments, so both are validated here: a stream matches
 * {@code [a-z][a-z0-9-]*} (at most 32 characters), a cycle id matches
 * {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}. Neither can contain a separator or start with a dot,
 * so neither can leave the workspace.
 *
 * @param stream  the stream name, never {@code null}
 * @param cycleId the cycle id, never {@code null}
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record CycleRef(String stream, String cycleId) {

    private static final Pattern STREAM = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern CYCLE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param stream the stream name, never {@code null}
     * @param cycleId the cycle id, never {@code null}
     */
    public CycleRef {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(cycleId, "cycleId");
        requireStream(stream);
        requireCycleId(cycleId);
    }

    /**
     * Checks a stream name, throwing {@link InvalidInputException} with the expected form.
     *
     * @param stream the stream name, never {@code null}
     * @return the stream name, unchanged
     */
    public static String requireStream(String stream) {
        if (!STREAM.matcher(stream).matches()) {
            throw new InvalidInputException("invalid stream '" + printable(stream)
                    + "': expected lower-case letters, digits and '-', starting with a letter (e.g. fe, be, design)");
        }
        return stream;
    }

    /**
     * Checks a cycle id, throwing {@link InvalidInputException} with the expected form.
     *
     * @param cycleId the cycle id, never {@code null}
     * @return the cycle id, unchanged
     */
    public static String requireCycleId(String cycleId) {
        if (!CYCLE_ID.matcher(cycleId).matches()) {
            throw new InvalidInputException("invalid cycle id '" + printable(cycleId)
                    + "': expected 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"
                    + " (e.g. 2025-09-02 or PLN-BE-2024-01)");
        }
        return cycleId;
    }

    private static String printable(String text) {
        return Printable.cut(text, Printable.VALUE_CHARACTERS);
    }

    // equals and hashCode are written out, with the meaning a record's generated ones have: the
    // generated ones are bootstrapped through invokedynamic (ObjectMethods) on first use, which
    // spins method-handle classes at run time that no start-up cache holds (docs/benchmarks/cold-start.md,
    // "Cold start, seventh pass").

    /** Equal when both components are equal, as for any record. */
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof CycleRef that && stream.equals(that.stream)
                && cycleId.equals(that.cycleId);
    }

    /** A hash of both components, as for any record. */
    @Override
    public int hashCode() {
        return 31 * stream.hashCode() + cycleId.hashCode();
    }

    /** {@code stream/cycleId}, the entity id used in events. */
    @Override
    public String toString() {
        return stream + "/" + cycleId;
    }
}
