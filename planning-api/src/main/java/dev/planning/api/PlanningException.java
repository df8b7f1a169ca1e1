package dev.planning.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Root of the framework's unchecked exceptions.
 *
 * <p>Each subtype carries structured detail so that a command line can print it as a one-line
 * message without a stack trace, and an embedding application can handle it by type:
 * {@link InvalidInputException} for unreadable or invalid user input,
 * {@link InvalidTransitionException} for a transition the lifecycle does not allow,
 * {@link ConcurrentTransitionException} when another writer advanced the cycle first,
 * {@link EventLogCorruptedException} when an event log's hash chain is broken, and
 * {@link SystemFailureException} when the system failed the command (no space, an I/O error).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public class PlanningException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient SourceLocation location;

    /**
     * An error that concerns no file.
     *
     * @param message the message, for people
     */
    public PlanningException(String message) {
        this(message, null, null);
    }

    /**
     * An error, located when it concerns a file.
     *
     * @param message the message, for people
     * @param location the file, line and column it concerns, or {@code null}
     * @param cause what caused it, or {@code null}
     */
    public PlanningException(String message, SourceLocation location, Throwable cause) {
        super(message, cause);
        this.location = location;
    }

    /**
     * Where the problem is, when it concerns a file.
     *
     * @return where the problem is, when it concerns a file
     */
    public Optional<SourceLocation> location() {
        return Optional.ofNullable(location);
    }

    /**
     * The message prefixed with the location ({@code file:line:column: message}), for people. The
     * location is shown on one line ({@link Printable#line}): a file's name is whatever a contributor
     * committed, and may hold a line feed or an escape sequence that would otherwise print a line of
     * its own; a location shows as it is up to {@value Printable#LOCATION_CHARACTERS} characters, room for a path as given
     * and where it resolved ({@link Printable#path}, each part already cut at {@value Printable#PATH_CHARACTERS}),
     * a longer one cut ({@link Printable#cut}, its backslashes left as they are, as a file quoted with
     * {@link Printable#path} already holds the escapes {@link Printable#line} wrote) before its line and column. {@link #location()} keeps the name as it
     * is (for JSON).
     *
     * <p>The rule (msg41): what this shows is text as shown, never quoted twice. The message is shown as it is: whoever
     * builds it (this project's readers and gates, a subclass, an embedder's own gate or reader) quotes each value it
     * takes from a file where it builds it ({@link Printable#line}, {@link Printable#cut}, {@link Printable#path}). The
     * location's file is either a path on disk given as {@link Printable#path} shows it or a workspace-relative name
     * ({@link SourceLocation}). Shown again (a list of errors, a finding's {@code describe()}, the command line, the
     * Maven plugin's log, the HTML report), it goes through {@link Printable#shown(String, String)}, which escapes any
     * character not shown as itself that a raw value left, but keeps backslashes: a raw value's own {@code \u005cu000A}
     * there reads like an escaped line feed, where a quoted one reads {@code \u005cu005Cu000A}.
     *
     * @return the message prefixed with the location ({@code file:line:column: message}), for people
     */
    public String describe() {
        if (location == null) {
            return getMessage();
        }
        String file = location.file();
        String at = location.toString().substring(file.length());
        // A reader may have quoted the file with Printable.path already (text40): its escapes are kept as they are.
        return Printable.cut(file, Printable.LOCATION_CHARACTERS, false) + Printable.line(at) + ": " + getMessage();
    }
}
