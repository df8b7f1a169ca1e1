package dev.planning.engine.internal.eventlog;

import dev.planning.api.store.CycleQueries;
import dev.planning.api.store.EventStore;
import dev.planning.engine.Planning;
import dev.planning.engine.fixtures.PreparedCopies;
import dev.planning.testkit.store.CycleQueriesContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cross-cycle queries over a workspace's event log files meet the same contract as PostgreSQL's. The
 * workspace holds the example's rulebook, whose signing policy names the roles the contract asks about:
 * the queries by path know it (pending17).
 */
class FileCycleQueriesTest extends CycleQueriesContract {

    @TempDir
    Path workspace;

    @Override
    protected EventStore newStore() {
        PreparedCopies.copyTree(Path.of("../planning-examples/workspaces/fe-2025-09-02/rulebook"),
                workspace.resolve("rulebook"));
        return new FileEventStore(workspace);
    }

    @Override
    protected CycleQueries queriesOf(EventStore store) {
        return Planning.cycleQueries(workspace);
    }
}
