package dev.planning.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * An event log whose hash chain is broken: a line was edited, deleted, reordered or inserted.
 * {@link #location()} names the log file and the first line that does not chain.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public class EventLogCorruptedException extends PlanningException {

    private static final long serialVersionUID = 1L;

    /**
     * A log whose hash chain breaks. The message is kept on one line ({@link Printable#line}): it
     * may quote what the log's line holds (an event id, a type, a state), which is a contributor's
     * text and could otherwise print lines of its own.
     *
     * @param message the message, for people
     * @param location the log and the line where the chain breaks
     */
    public EventLogCorruptedException(String message, SourceLocation location) {
        super(Printable.line(message), location, null);
    }
}
