package dev.planning.engine.internal.cycle;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.improve.CarriedOrigins;
import dev.planning.engine.internal.improve.CarriedOrigins.TrustedCycles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a gate context may ask of the workspace's event logs beyond its own cycle's: that another cycle's log,
 * the stream's previous cycle's, is intact before that cycle's files are judged (cycles28: a previous cycle whose
 * chain is broken had its outcomes read as if it were sound), when a cycle was created, and the digest a cycle
 * published as its log records it (origin41: what a carried improvement action's {@code origin} must name). There is
 * no value for "no logs" and no default creation (api40): each implementation says where a cycle's creation is read,
 * so none can judge a deployment against no log by forgetting to.
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
     * The digest {@code cycle} published: the file at its digest path in the workspace, when the cycle is
     * {@code COMPLETED} as the workspace's status reads it with its trusted keys (origin42) and its log records the
     * publication with the file's SHA-256 ({@link CarriedOrigins#published}). Read from the workspace also for a
     * verdict recomputed over pinned inputs: the digest is no sealed input, and the SHA-256 in the log pins its bytes,
     * so the recomputation judges the bytes the live gate did, or refuses.
     *
     * @throws dev.planning.api.InvalidInputException when the cycle is not COMPLETED with a history its signed manifest
     *                                                backs, published no digest, or not the file there now
     * @throws EventLogCorruptedException naming the log and line, when the cycle's chain is broken
     */
    CarriedOrigins.Publication publishedDigest(CycleRef cycle);

    /**
     * For a verdict recomputed over pinned inputs: no other cycle's log is checked (the sealed set pins the files
     * judged), but a cycle's creation is its log's first event in {@code store}, as the live gate took it (kpi38: the
     * recomputation judged deployments against no creation, and confirmed a verdict the live gate refuses). A cycle
     * whose log has no event has no creation: its deployments are refused, never judged against none (scope39).
     * A digest another cycle published is read from {@code root}, the workspace (not the pinned directory), and that
     * cycle through {@code cycles}, read with the keys the verification was given (origin42): none, none counts.
     */
    static CycleLogs creationOf(EventStore store, Path root, WorkspaceLayout layout, TrustedCycles cycles) {
        Objects.requireNonNull(cycles, "cycles");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(layout, "layout");
        return new CycleLogs() {
            @Override
            public void requireIntact(CycleRef cycle) {
                // The inputs are pinned: nothing else is read.
            }

            @Override
            public Optional<Instant> created(CycleRef cycle) {
                return store.read(cycle).stream().findFirst().map(recorded -> recorded.event().timestamp());
            }

            @Override
            public CarriedOrigins.Publication publishedDigest(CycleRef cycle) {
                return CarriedOrigins.published(root, layout, cycle, cycles);
            }
        };
    }

    /**
     * The logs of {@code store}: a cycle's log is intact when the store reads it; a digest a cycle published is read
     * from {@code root} by {@code layout}, of a cycle {@code cycles} reads as COMPLETED with trust (origin42).
     */
    static CycleLogs of(EventStore store, Path root, WorkspaceLayout layout, TrustedCycles cycles) {
        Objects.requireNonNull(cycles, "cycles");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(layout, "layout");
        return new CycleLogs() {
            @Override
            public void requireIntact(CycleRef cycle) {
                store.read(cycle);
            }

            @Override
            public Optional<Instant> created(CycleRef cycle) {
                return store.read(cycle).stream().findFirst().map(recorded -> recorded.event().timestamp());
            }

            @Override
            public CarriedOrigins.Publication publishedDigest(CycleRef cycle) {
                return CarriedOrigins.published(root, layout, cycle, cycles);
            }
        };
    }
}
