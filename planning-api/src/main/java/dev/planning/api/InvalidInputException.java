package dev.planning.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import java.util.function.UnaryOperator;
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

    /**
     * The same error with every file it names as data renamed: its location and, in a subtype that
     * holds one, the other place a mistake concerns (the first declaration of a rule name declared
     * again, like SARIF's related locations), so that a caller that shows files otherwise (relative to
     * the workspace rather than the rulebook) renames them without reading the message. Where the
     * message names two places it says how they are named, as {@code how} tells ({@code relative to
     * the workspace}, {@code absolute}). This error is the cause of the one returned.
     *
     * <pre>{@code
     * throw e.renamed(file -> "rulebook/" + file, "relative to the workspace");
     * }</pre>
     *
     * @param file maps a file as this error names it to the file as it should be named, never {@code null}
     * @param how  how the renamed files are named, in words, never {@code null}
     * @return the renamed error, never {@code null}
     * @since 0.1
     */
    public InvalidInputException renamed(UnaryOperator<String> file, String how) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(how, "how");
        return new InvalidInputException(getMessage(), location().map(l -> new SourceLocation(file.apply(l.file()),
                l.line(), l.column())).orElse(null), this);
    }
}
