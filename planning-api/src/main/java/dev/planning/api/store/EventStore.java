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
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface EventStore {

    /**
     * Reads a cycle's events, oldest first, verifying the hash chain. Empty when the cycle has no
     * log yet.
     *
     * @throws dev.planning.api.EventLogCorruptedException when the chain is broken, naming the line
     */
    List<RecordedEvent> read(CycleRef cycle);

    /**
     * Appends an event if the log's last line still has the hash {@code expectedHead}
     * ({@link RecordedEvent#GENESIS} for an empty log).
     *
     * @return the event as recorded
     * @throws dev.planning.api.ConcurrentTransitionException when the head moved
     */
    RecordedEvent append(CycleRef cycle, PlanningEvent event, String expectedHead);

    /**
     * Where a cycle's log lives, as errors about it should name it (a file store returns the
     * workspace-relative path of the log file). Never {@code null}.
     */
    default String location(CycleRef cycle) {
        return "event log of " + cycle;
    }
}
