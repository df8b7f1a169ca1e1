package dev.planning.engine.internal.eventlog;

import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.SystemFailureException;
import dev.planning.api.event.PlanningEvent;
import java.time.Instant;

/**
 * The rule every event store keeps on an append's time, one for the file, in-memory and PostgreSQL stores (time43):
 * an event dated before the log's last event is refused before anything is written; the same instant is fine. Every
 * read refuses a log whose times go backwards (time41), so a store that wrote such an event would make the cycle
 * unreadable by its own write. The engine dates each event no earlier than the log's last (it never meets this
 * refusal); an embedder appending through the store with a clock that stepped back (NTP, a restored container) does.
 *
 * <p>The refusal is a {@link SystemFailureException} (exit 3 on the command line): neither the user's input nor a
 * disk's failure, but the clock of the system the command runs on, behind the log; no verdict, and the same append
 * succeeds once the clock is right again.
 */
public final class AppendOrder {

    private AppendOrder() {
    }

    /**
     * Refuses to append {@code event} after a log whose last event, line {@code lastLine}, is dated {@code last}, when
     * the event is dated earlier.
     *
     * @param event    the event to append
     * @param last     the timestamp of the log's last event
     * @param lastLine that event's line
     * @param location where the log is, as the store's errors name it
     * @throws SystemFailureException when {@code event} is dated before {@code last}, naming the log, both times and
     *                                the line, and saying that nothing was written
     */
    public static void refuseDatedBefore(PlanningEvent event, Instant last, int lastLine, String location) {
        Instant at = event.timestamp();
        if (!at.isBefore(last)) {
            return;
        }
        throw new SystemFailureException(Printable.line("event " + Printable.cut(event.id(), Printable.VALUE_CHARACTERS)
                + " is dated " + at + ", before line " + lastLine + ", the log's last event, dated " + last
                + ": the clock went back (or that event was dated ahead of it); nothing was written, as every read"
                + " refuses a log whose events go back in time: date the event no earlier than " + last
                + " (set the clock right, or wait until it passes that time) and append it again"),
                SourceLocation.ofFile(location), null);
    }
}
