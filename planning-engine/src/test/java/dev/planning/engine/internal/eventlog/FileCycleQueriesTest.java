package dev.planning.engine.internal.eventlog;

import dev.planning.api.store.CycleQueries;
import dev.planning.api.store.EventStore;
import dev.planning.engine.Planning;
import dev.planning.testkit.store.CycleQueriesContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The cross-cycle queries over a workspace's event log files meet the same contract as PostgreSQL's. */
class FileCycleQueriesTest extends CycleQueriesContract {

    @TempDir
    Path workspace;

    @Override
    protected EventStore newStore() {
        return new FileEventStore(workspace);
    }

    @Override
    protected CycleQueries queriesOf(EventStore store) {
        return Planning.cycleQueries(workspace);
    }
}
