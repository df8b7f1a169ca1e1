package dev.planning.api;

import static org.apiguardian.api.API.Status.STABLE;

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
}
