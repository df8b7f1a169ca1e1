package dev.planning.engine.internal.cycle;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.store.EventStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a gate context may ask of the workspace's event logs beyond its own cycle's: that another cycle's log,
 * the stream's previous cycle's, is intact before that cycle's files are judged (cycles28: a previous cycle whose
 * chain is broken had its outcomes read as if it were sound), and when a cycle was created. There is no value for
 * "no logs" and no default creation (api40): each implementation says where a cycle's creation is read, so none can
 * judge a deployment against no log by forgetting to.
 */
public interface CycleLogs {

    /**
     * Refuses a cycle whose log is broken.
     *
     * @throws EventLogCorruptedException naming the log and line, when the cycle's chain is broken
     */
    void requireIntact(CycleRef cycle);

    /**
     * When the cycle was created: its log's first event, as a live gate judges a deployment against it
     * ({@link dev.planning.engine.internal.outcome.DeploymentScope}); empty when the log has no event, and then every
     * deployment is refused.
     *
     * @throws EventLogCorruptedException naming the log and line, when the cycle's chain is broken
     */
    Optional<Instant> created(CycleRef cycle);

    /**
     * For a verdict recomputed over pinned inputs: no other cycle's log is checked (the sealed set pins the files
     * judged), but a cycle's creation is its log's first event in {@code store}, as the live gate took it (kpi38: the
     * recomputation judged deployments against no creation, and confirmed a verdict the live gate refuses). A cycle
     * whose log has no event has no creation: its deployments are refused, never judged against none (scope39).
     */
    static CycleLogs creationOf(EventStore store) {
        Objects.requireNonNull(store, "store");
        return new CycleLogs() {
            @Override
            public void requireIntact(CycleRef cycle) {
                // The inputs are pinned: nothing else is read.
            }

            @Override
            public Optional<Instant> created(CycleRef cycle) {
                return store.read(cycle).stream().findFirst().map(recorded -> recorded.event().timestamp());
            }
        };
    }

    /** The logs of {@code store}: a cycle's log is intact when the store reads it. */
    static CycleLogs of(EventStore store) {
        Objects.requireNonNull(store, "store");
        return new CycleLogs() {
            @Override
            public void requireIntact(CycleRef cycle) {
                store.read(cycle);
            }

            @Override
            public Optional<Instant> created(CycleRef cycle) {
                return store.read(cycle).stream().findFirst().map(recorded -> recorded.event().timestamp());
            }
        };
    }
}
