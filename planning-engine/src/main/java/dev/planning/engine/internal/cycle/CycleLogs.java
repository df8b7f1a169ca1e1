package dev.planning.engine.internal.cycle;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.store.EventStore;
import java.util.Objects;

/**
 * What a gate context may ask of the workspace's event logs beyond its own cycle's: that another cycle's log,
 * the stream's previous cycle's, is intact before that cycle's files are judged (cycles28: a previous cycle whose
 * chain is broken had its outcomes read as if it were sound).
 */
@FunctionalInterface
public interface CycleLogs {

    /** No logs to check: contexts over pinned inputs (a recomputed verdict, rulebook impact, tests). */
    CycleLogs NONE = cycle -> { };

    /**
     * Refuses a cycle whose log is broken.
     *
     * @throws EventLogCorruptedException naming the log and line, when the cycle's chain is broken
     */
    void requireIntact(CycleRef cycle);

    /** The logs of {@code store}: a cycle's log is intact when the store reads it. */
    static CycleLogs of(EventStore store) {
        Objects.requireNonNull(store, "store");
        return cycle -> store.read(cycle);
    }
}
