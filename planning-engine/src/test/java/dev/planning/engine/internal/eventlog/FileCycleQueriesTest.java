package dev.planning.engine.internal.eventlog;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import dev.planning.api.store.EventStore;
import dev.planning.engine.Planning;
import dev.planning.testkit.store.CycleQueriesContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cross-cycle queries over a workspace's event log files meet the same contract as PostgreSQL's: the
 * queries by path ({@code Planning.cycleQueries}), which read the rulebook the kit writes into the
 * workspace (pending17), and verify signatures on its manifests against a trust given in code.
 */
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

    @Override
    protected Path workspaceOf(EventStore store) {
        return workspace;
    }

    @Override
    protected PlanningWorkspace open(Path directory, EventStore store, TrustedKeys trust) {
        return Planning.builder().workspace(directory).eventStore(store).trustedKeys(trust).build();
    }

    @Override
    protected CycleQueries queriesOf(EventStore store, Path directory, TrustedKeys trust) {
        return Planning.cycleQueries(directory, WorkspaceLayout.DEFAULT, trust);
    }
}
