package dev.planning.api.store;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Append-only, hash-chained event logs, one per cycle.
 *
 * <p>Implementations must make {@link #append} durable before returning, must never lose or
 * rewrite an acknowledged event, and must make compare-and-append atomic across threads and
 * processes: of two appends expecting the same head, exactly one succeeds.
 *
 * <p>A retry is safe: repeating an append that succeeded (the same event with the same expected
 * head, say after a lost acknowledgement) never records the event twice. A store either returns
 * the event as first recorded (a store idempotent by event id) or refuses with
 * {@link dev.planning.api.ConcurrentTransitionException}, after which the caller re-reads the log
 * and finds its event there.
 *
 * <p>{@link #read} returns a snapshot: later appends do not change a list already returned, and a
 * caller's change to it (when the list allows one) does not reach the store. A line's
 * {@link RecordedEvent#hash() hash} must commit to the whole history before it (the file store's
 * is the SHA-256 of the line, which holds its {@code prev_sha256}), because the head hash is what
 * a sealed manifest's {@code MANIFEST_SEALED} event and a compare-and-append rely on; a store that
 * should hold the same lines and hashes as the file store (so that a log can move between them)
 * encodes each event with {@code dev.planning.engine.EventLines}.
 *
 * <p>A log's events never go back in time: {@link #append} refuses an event dated before the log's last event
 * ({@link dev.planning.api.SystemFailureException}, nothing written; the same instant is fine), and {@link #read} of a
 * log whose stored events do (an event dated before the one before it, written into the storage by hand) refuses it
 * with {@link dev.planning.api.EventLogCorruptedException} naming that line. The engine dates each event no earlier
 * than the log's last; an embedder that appends with a clock that stepped back (NTP, a restored container) is refused
 * rather than left with a log every later read refuses.
 *
 * <p>The {@code planning-testkit} module's {@code EventStoreContract} checks these promises; every
 * implementation should run it in its tests.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface EventStore {

    /**
     * Reads a cycle's events, oldest first, verifying the hash chain. Empty when the cycle has no
     * log yet.
     *
     * @param cycle the cycle
     * @return the events, oldest first; empty for a cycle without a log
     * @throws dev.planning.api.EventLogCorruptedException when the chain is broken, or an event is dated before the
     *         event before it, naming the line
     * @throws NullPointerException when {@code cycle} is {@code null}
     */
    List<RecordedEvent> read(CycleRef cycle);

    /**
     * Appends an event if the log's last line still has the hash {@code expectedHead}
     * ({@link RecordedEvent#GENESIS} for an empty log).
     *
     * @param cycle the cycle
     * @param event the event
     * @param expectedHead the hash the log's last line must have (64 zeros for an empty log)
     * @return the event as recorded
     * @throws dev.planning.api.ConcurrentTransitionException when the head moved (nothing is written)
     * @throws dev.planning.api.SystemFailureException when {@code event} is dated before the log's last event (the
     *         clock went back; nothing is written): naming both times; exit code 3 on the command line, since neither
     *         the input nor the log is at fault, and the same append succeeds once the clock is right
     * @throws NullPointerException when an argument is {@code null}, naming it
     * @throws IllegalArgumentException when {@code expectedHead} is not 64 lower-case hex digits
     */
    RecordedEvent append(CycleRef cycle, PlanningEvent event, String expectedHead);

    /**
     * The cycles this store holds a log for: every cycle with at least one event, each once, sorted
     * by stream then cycle id ({@link String#compareTo}, whatever the storage's collation). A cycle
     * only read, or whose first append was refused, is not listed. The list is a snapshot, as
     * {@link #read}'s is. Cross-cycle questions ({@link dev.planning.api.PlanningWorkspace#queries})
     * ask it, so that every cycle the store holds is seen, whether or not the workspace has a plan or
     * an event log file for it. Each is a {@link CycleRef}, whose stream and cycle id are checked when it is made:
     * a name in the storage that no append writes (a stream or cycle id edited in by hand) is refused with a
     * {@link dev.planning.api.PlanningException} naming it, never skipped and never passed on, and a workspace
     * built on the store takes the list as it is ({@code PlanningWorkspace.cycles()} refuses no list or a
     * {@code null} in it). The {@code planning-testkit} {@code DamageableEventStoreContract} checks the refusal.
     *
     * <p>The default refuses: a store written before this method existed still compiles, and a
     * question that needs the list fails with this exception rather than answering "no cycles".
     * The {@code planning-testkit} {@code EventStoreContract} fails a store that does not
     * implement it.
     *
     * @return the cycles with at least one event, sorted by stream then cycle id; never {@code null}
     * @throws UnsupportedOperationException from a store that does not implement it
     * @throws dev.planning.api.PlanningException when the storage cannot be read (never an empty list
     *         in its place), or holds a cycle under a name no append writes
     * @since 0.1
     */
    default List<CycleRef> cycles() {
        throw new UnsupportedOperationException(getClass().getName()
                + " does not list its cycles: implement EventStore.cycles() to ask questions across its cycles");
    }

    /**
     * Where a cycle's log lives, as errors about it should name it (a file store returns the
     * workspace-relative path of the log file). Never {@code null}.
     *
     * @param cycle the cycle
     * @return where a cycle's log lives, as errors about it should name it (a file store returns the
     *         workspace-relative path of the log file)
     */
    default String location(CycleRef cycle) {
        return "event log of " + cycle;
    }
}
