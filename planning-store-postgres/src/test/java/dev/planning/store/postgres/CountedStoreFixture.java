package dev.planning.store.postgres;

import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the queries tests over the test server open before each test and close after it, in one place: the test's
 * {@link #workspace} with {@link QueriesWorkspace#RULEBOOK} written, a store over it whose statements are counted
 * ({@link QueriesWorkspace#open}), and the store's event store.
 */
abstract class CountedStoreFixture {

    @TempDir
    Path workspace;

    QueriesWorkspace.CountedStore opened;
    PostgresStore store;
    PostgresEventStore events;

    @BeforeEach
    void open() {
        opened = QueriesWorkspace.open(workspace);
        store = opened.store();
        events = opened.events();
    }

    @AfterEach
    void close() {
        opened.close();
    }

    /** The statements {@code question} took on the store's connections. */
    int statementsOf(Runnable question) {
        return opened.statementsOf(question);
    }

    /** {@link QueriesWorkspace.CountedStore#edit}: runs {@code sql} on this store's repository, changing a row. */
    void edit(String sql) throws SQLException {
        opened.edit(sql);
    }
}
