package dev.planning.store.postgres;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import dev.planning.api.store.EventStore;
import dev.planning.engine.Planning;
import dev.planning.testkit.store.CycleQueriesContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL store's cross-cycle queries meet the contract the file store's meet: those from its rows
 * alone ({@link PostgresStore#queries()}) and, for the signature cases, those by path
 * ({@link PostgresStore#queries(Path, TrustedKeys)}), which read the workspace's manifests and rulebook.
 */
@Tag("slow")
@Tag("servers")
class CycleQueriesTest extends CycleQueriesContract {

    private final List<PostgresStore> opened = new ArrayList<>();

    @TempDir
    Path workspace;

    @Override
    protected EventStore newStore() {
        PostgresStore store = TestServers.store(false);
        opened.add(store);
        return store.eventStore();
    }

    @Override
    protected CycleQueries queriesOf(EventStore store) {
        return storeOf(store).queries();
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
        return storeOf(store).queries(directory, trust);
    }

    private PostgresStore storeOf(EventStore store) {
        return opened.stream().filter(s -> s.eventStore() == store).findFirst().orElseThrow();
    }

    @AfterEach
    void close() {
        opened.forEach(PostgresStore::close);
    }
}
