package dev.planning.bench.lifecycle;

import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.eventlog.AppendOrder;
import dev.planning.engine.internal.eventlog.CycleEntity;
import dev.planning.engine.internal.eventlog.EventLineCodec;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * An {@link EventStore} in memory, for measuring the lifecycle without the disk: the same
 * compare-and-append and the same hash chain as the file store (each event is encoded as its log
 * line by {@link EventLineCodec} and hashed), nothing written anywhere.
 *
 * <p>It keeps the {@link EventStore} contract's promises (the {@code planning-testkit}'s
 * {@code EventStoreContract} checks them) except durability, so it is not for production use; it
 * exists for the benchmarks. Thread-safe.
 *
 * @since 0.1
 */
public final class InMemoryEventStore implements EventStore {

    private final ConcurrentMap<CycleRef, List<RecordedEvent>> logs = new ConcurrentHashMap<>();
    private final EventLineCodec codec = new EventLineCodec();
    private final ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(InMemoryEventStore::newDigest);

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
        // Refused as every store refuses them (EventStoreContract): an event of another cycle, a malformed head, a
        // line longer than a log's line may be; below, an event dated before the log's last (time43).
        CycleEntity.refuseAppendOfAnotherCycle(cycle, event, () -> location(cycle));
        byte[] line = codec.encodeAppended(event, expectedHead, () -> location(cycle));
        String hash = HexFormat.of().formatHex(sha256.get().digest(line));
        List<RecordedEvent> log = logs.computeIfAbsent(cycle, c -> new ArrayList<>());
        synchronized (log) {
            String head = log.isEmpty() ? RecordedEvent.GENESIS : log.get(log.size() - 1).hash();
            if (!head.equals(expectedHead)) {
                throw new ConcurrentTransitionException("cycle " + cycle + " changed: expected head " + expectedHead
                        + ", found " + head);
            }
            if (!log.isEmpty()) {
                RecordedEvent last = log.get(log.size() - 1);
                AppendOrder.refuseDatedBefore(event, last.event().timestamp(), last.line(), location(cycle));
            }
            RecordedEvent recorded = new RecordedEvent(log.size() + 1, event, expectedHead, hash);
            log.add(recorded);
            return recorded;
        }
    }

    /**
     * {@inheritDoc} A snapshot, as the engine's in-memory store lists them: so that the cross-cycle
     * queries ({@code PlanningWorkspace.queries}) run on this store too.
     */
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

    /** Drops a cycle's log, so that a long benchmark does not keep every cycle it ran. */
    public void forget(CycleRef cycle) {
        logs.remove(cycle);
    }

    /** How many bytes the encoded lines of a cycle take (what the file store would write). */
    public long encodedBytes(CycleRef cycle) {
        return read(cycle).stream()
                .mapToLong(e -> ByteBuffer.wrap(codec.encode(e.event(), e.prevHash())).remaining() + 1L)
                .sum();
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
