package dev.planning.store.postgres;

import dev.planning.api.store.CycleQueries;
import dev.planning.api.store.EventStore;
import dev.planning.testkit.store.CycleQueriesContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

/** The PostgreSQL store's cross-cycle queries meet the contract the file store's meet. */
@Tag("slow")
@Tag("servers")
class CycleQueriesTest extends CycleQueriesContract {

    private final List<PostgresStore> opened = new ArrayList<>();

    @Override
    protected EventStore newStore() {
        PostgresStore store = TestServers.store(false);
        opened.add(store);
        return store.eventStore();
    }

    @Override
    protected CycleQueries queriesOf(EventStore store) {
        return opened.stream().filter(s -> s.eventStore() == store).findFirst().orElseThrow().queries();
    }

    @AfterEach
    void close() {
        opened.forEach(PostgresStore::close);
    }
}
