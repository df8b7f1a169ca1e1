package dev.planning.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.eventlog.AppendOrder;
import dev.planning.engine.internal.eventlog.CycleEntity;
import dev.planning.engine.internal.eventlog.EventLineCodec;
import dev.planning.engine.internal.hash.Sha256;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * An {@link EventStore} that keeps every cycle's log in memory: for tests and for applications
 * that embed the library without a workspace's {@code events/} directory.
 *
 * <pre>{@code
 * PlanningWorkspace ws = Planning.builder()
 *         .workspace(dir)
 *         .eventStore(new InMemoryEventStore())
 *         .build();
 * }</pre>
 *
 * <p>It keeps the SPI's promises except durability: compare-and-append is atomic between threads
 * (of appends expecting the same head, exactly one succeeds; the others get
 * {@link ConcurrentTransitionException}), and each event is encoded as the file store's log line
 * would be and hashed the same way, so a history kept here carries the same hashes as the same
 * history in a file. Nothing survives the instance: it is not a system of record. Appending an
 * event that succeeded again with the same expected head is refused with
 * {@link ConcurrentTransitionException}, as with the file store. An event whose entity id names
 * another cycle ({@code stream/cycleId} not the one appended to) is refused with
 * {@link IllegalArgumentException}, as every store refuses it. An event dated before the log's last event is refused
 * with {@link dev.planning.api.SystemFailureException}, nothing written, as every store refuses it (the same instant is
 * fine). Thread-safe. It passes the
 * {@code planning-testkit} event store contract.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class InMemoryEventStore implements EventStore {

    private final EventLineCodec codec = new EventLineCodec();
    private final Map<CycleRef, List<RecordedEvent>> logs = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryEventStore() {
    }

    /** {@inheritDoc} Never refuses: a log held in memory cannot be damaged from outside. */
    @Override
    public List<RecordedEvent> read(CycleRef cycle) {
        Objects.requireNonNull(cycle, "cycle");
        List<RecordedEvent> log = logs.get(cycle);
        if (log == null) {
            return List.of();
        }
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    @Override
    public RecordedEvent append(CycleRef cycle, PlanningEvent event, String expectedHead) {
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(expectedHead, "expectedHead");
        CycleEntity.refuseAppendOfAnotherCycle(cycle, event, () -> location(cycle));
        byte[] line = codec.encodeAppended(event, expectedHead, () -> location(cycle));
        String hash = Sha256.hex(line);
        List<RecordedEvent> log = logs.computeIfAbsent(cycle, c -> new ArrayList<>());
        synchronized (log) {
            String head = log.isEmpty() ? RecordedEvent.GENESIS : log.get(log.size() - 1).hash();
            if (!head.equals(expectedHead)) {
                throw new ConcurrentTransitionException("cycle " + cycle
                        + " changed while this transition was running: expected head " + expectedHead
                        + ", found " + head + "; re-run to see its new state");
            }
            if (!log.isEmpty()) {
                // time43: as every store, never a log whose events go back in time.
                RecordedEvent last = log.get(log.size() - 1);
                AppendOrder.refuseDatedBefore(event, last.event().timestamp(), last.line(), location(cycle));
            }
            // The event as it will read back: decoded from its line, as the file store returns it.
            RecordedEvent recorded = new RecordedEvent(log.size() + 1, codec.decode(line).event(), expectedHead, hash);
            log.add(recorded);
            return recorded;
        }
    }

    /** {@inheritDoc} Never refuses. */
    @Override
    public List<CycleRef> cycles() {
        List<CycleRef> cycles = new ArrayList<>();
        logs.forEach((cycle, log) -> {
            synchronized (log) {
                // An append refused on a new cycle leaves an empty list behind: that cycle holds no log.
                if (!log.isEmpty()) {
                    cycles.add(cycle);
                }
            }
        });
        cycles.sort(Comparator.comparing(CycleRef::stream).thenComparing(CycleRef::cycleId));
        return List.copyOf(cycles);
    }

    /** {@code memory:} and the cycle, as errors about its log name it. */
    @Override
    public String location(CycleRef cycle) {
        return "memory:" + cycle;
    }
}
