package dev.planning.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * User input that cannot be used: a missing or unreadable file, malformed YAML, a value of the
 * wrong type, a path that escapes the workspace, an identifier of the wrong form.
 *
 * <p>The message says what was expected; {@link #location()} names the file, and the line and
 * column where they are known. The command line maps it to exit code 2.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public class InvalidInputException extends PlanningException {

    private static final long serialVersionUID = 1L;

    /**
     * Input that is wrong, concerning no file.
     *
     * @param message the message, for people
     */
    public InvalidInputException(String message) {
        super(message);
    }

    /**
     * Input that is wrong at a location.
     *
     * @param message the message, for people
     * @param location the file, line and column it concerns, or {@code null}
     */
    public InvalidInputException(String message, SourceLocation location) {
        super(message, location, null);
    }

    /**
     * Input that is wrong at a location, found through another exception.
     *
     * @param message the message, for people
     * @param location the file, line and column it concerns, or {@code null}
     * @param cause what caused it, or {@code null}
     */
    public InvalidInputException(String message, SourceLocation location, Throwable cause) {
        super(message, location, cause);
    }
}
