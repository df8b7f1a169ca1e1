package dev.planning.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The system the command runs on failed it, not its input: the process ran out of file descriptors,
 * the disk is full, the disk answered an I/O error. Nothing the user gave was wrong, and no verdict
 * was reached; the same command may succeed once what ran out is freed.
 *
 * <p>The message names the file and the file system's reason; {@link #location()} names the file.
 * The command line prints the message on one line and maps it to exit code 3 (no verdict), not 2,
 * which means the input is wrong.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public class SystemFailureException extends PlanningException {

    private static final long serialVersionUID = 1L;

    /**
     * A failure of the system, concerning a file.
     *
     * @param message the message, for people
     * @param location the file it concerns, or {@code null}
     * @param cause the I/O error, or {@code null}
     */
    public SystemFailureException(String message, SourceLocation location, Throwable cause) {
        super(message, location, cause);
    }

    /**
     * This failure with {@code addition} after its message, as a new exception of the same kind whose cause is this
     * one: what a command that had written a file before the system failed it adds (what was written, and what
     * completes it), so that an embedder handling a kind by type still sees that kind. A subtype overrides it to keep
     * its kind and detail (the PostgreSQL store's busy and unreachable store do); one that does not is handed on as a
     * plain {@code SystemFailureException} with it as the cause.
     *
     * @param addition the text to put after the message; never {@code null}
     * @return a failure of the same kind, its message this one's followed by {@code addition}, its location this
     *     one's, its cause this one
     * @since 0.1
     */
    public SystemFailureException withAddedMessage(String addition) {
        return new SystemFailureException(getMessage() + Objects.requireNonNull(addition, "addition"),
                location().orElse(null), this);
    }
}
