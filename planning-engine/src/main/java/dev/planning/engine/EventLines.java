package dev.planning.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.eventlog.AppendOrder;
import dev.planning.engine.internal.eventlog.CycleEntity;
import dev.planning.engine.internal.eventlog.EventLineCodec;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.engine.internal.hash.Sha256;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The event log's line format, for an {@link dev.planning.api.store.EventStore} of one's own that
 * should hold the same lines and hashes as the file store (so that a log moves between stores
 * unchanged): each event is one line, the {@code planning_event} envelope as compact UTF-8 JSON
 * with its {@code prev_sha256}, and its hash is the SHA-256 of the line's bytes.
 *
 * <pre>{@code
 * byte[] line = EventLines.encode(event, expectedHead);
 * RecordedEvent recorded = EventLines.decode(log.size() + 1, line);   // the event as it reads back
 * database.insert(cycle, recorded.line(), line, recorded.hash());
 * }</pre>
 *
 * <p>Before that, {@link #requireAbout} refuses an event about another cycle, and {@link #requireNotBefore} one dated
 * before the log's last event, as the contract asks.
 *
 * <p>Decoding an encoded line gives the same event, and encoding a decoded line the same bytes.
 * Thread-safe.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class EventLines {

    /** The largest line, in bytes, the file store writes or reads (1 MiB). */
    public static final int MAX_LINE_BYTES = FileEventStore.MAX_LINE_BYTES;

    private static final EventLineCodec CODEC = new EventLineCodec();

    private EventLines() {
    }

    /**
     * The log line for an event chained to {@code prevHash}, UTF-8, without its line feed.
     *
     * @param event    the event; never {@code null}
     * @param prevHash the hash of the line before ({@link RecordedEvent#GENESIS} for the first); never
     *                 {@code null}
     * @return the line's bytes, never {@code null}
     * @throws IllegalArgumentException when {@code prevHash} is not 64 lower-case hex digits
     */
    public static byte[] encode(PlanningEvent event, String prevHash) {
        Objects.requireNonNull(event, "event");
        requireHash(prevHash, "prevHash");
        return CODEC.encode(event, prevHash);
    }

    /**
     * A line read back: its event, the hash it chains to and its own hash.
     *
     * @param lineNumber the line's 1-based position in its log
     * @param line       the line's bytes, UTF-8, without its line feed; never {@code null}
     * @return the event as recorded at that line, never {@code null}
     * @throws dev.planning.api.InvalidInputException naming the first field that is missing or
     *                                                malformed
     * @throws IllegalArgumentException when {@code lineNumber} is less than 1
     */
    public static RecordedEvent decode(int lineNumber, byte[] line) {
        Objects.requireNonNull(line, "line");
        if (lineNumber < 1) {
            throw new IllegalArgumentException("lineNumber must be 1 or more, got " + lineNumber);
        }
        EventLineCodec.Line decoded = CODEC.decode(line);
        return new RecordedEvent(lineNumber, decoded.event(), decoded.prevHash(), hash(line));
    }

    /**
     * The hash of a line: the lower-case hex SHA-256 of its bytes, what the next line chains to.
     *
     * @param line the line's bytes, without its line feed; never {@code null}
     * @return 64 lower-case hex digits
     */
    public static String hash(byte[] line) {
        return Sha256.hex(Objects.requireNonNull(line, "line"));
    }

    /**
     * Refuses an event about another cycle than the one it is appended to, as every store of the
     * {@code planning-testkit} event store contract must: its entity id has a cycle's form
     * ({@code stream/cycleId}, as {@link CycleRef} accepts it) and names another cycle. An entity id of
     * another form (one's own) passes. Call it in {@code append} before anything is written.
     *
     * @param cycle the cycle appended to; never {@code null}
     * @param event the event; never {@code null}
     * @throws IllegalArgumentException when the event is about another cycle, naming it
     */
    public static void requireAbout(CycleRef cycle, PlanningEvent event) {
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(event, "event");
        CycleEntity.refuseAppendOfAnotherCycle(cycle, event, () -> "the log of " + cycle);
    }

    /**
     * Refuses an event dated before {@code last}, the log's last event, as every store of the {@code planning-testkit}
     * event store contract must (the same instant passes): every read refuses a log whose events go back in time, so a
     * store that wrote one after a clock stepped back would make the cycle unreadable by its own write. Call it in
     * {@code append} once the expected head is checked (the event follows {@code last}), before anything is written.
     *
     * @param last     the log's last event as recorded; never {@code null}
     * @param event    the event to append; never {@code null}
     * @param location where the log is, as the store's errors name it
     *                 ({@link dev.planning.api.store.EventStore#location}); never {@code null}
     * @throws dev.planning.api.SystemFailureException when {@code event} is dated before {@code last}, naming both
     *         times (the clock went back; exit code 3 on the command line)
     * @since 0.1
     */
    public static void requireNotBefore(RecordedEvent last, PlanningEvent event, String location) {
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(location, "location");
        AppendOrder.refuseDatedBefore(event, last.event().timestamp(), last.line(), location);
    }

    private static void requireHash(String value, String name) {
        Objects.requireNonNull(value, name);
        if (!Sha256.isHash(value)) {
            throw new IllegalArgumentException(name + " must be 64 lower-case hex digits, got " + value);
        }
    }
}
