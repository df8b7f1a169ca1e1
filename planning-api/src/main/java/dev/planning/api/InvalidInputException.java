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

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, SourceLocation location) {
        super(message, location, null);
    }

    public InvalidInputException(String message, SourceLocation location, Throwable cause) {
        super(message, location, cause);
    }
}
