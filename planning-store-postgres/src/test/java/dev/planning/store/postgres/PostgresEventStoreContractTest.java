package dev.planning.store.postgres;

import dev.planning.api.event.PlanningEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.store.EventStore;
import dev.planning.testkit.store.DamageableEventStoreContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

/** The event store contract kit (planning-testkit), run against the PostgreSQL store on a real server. */
@Tag("slow")
@Tag("servers")
class PostgresEventStoreContractTest extends DamageableEventStoreContract {

    private final List<PostgresStore> opened = new ArrayList<>();

    @Override
    protected EventStore newStore() {
        return open(TestServers.freshRepository());
    }

    @Override
    protected EventStore newStoreSharingStorageWith(EventStore store) {
        return open(((PostgresEventStore) store).repository());
    }

    @Override
    protected void damageStoredEvent(EventStore store, CycleRef cycle, int line) {
        try (Connection connection = TestServers.postgres().getConnection();
                PreparedStatement damage = connection.prepareStatement(
                        "UPDATE planning_event SET line = convert_to(replace(convert_from(line, 'UTF8'),"
                                + " '\"contract\"', '\"mallory\"'), 'UTF8')"
                                + " WHERE repository = ? AND stream = ? AND cycle_id = ? AND seq = ?")) {
            damage.setString(1, ((PostgresEventStore) store).repository());
            damage.setString(2, cycle.stream());
            damage.setString(3, cycle.cycleId());
            damage.setInt(4, line);
            if (damage.executeUpdate() != 1) {
                throw new IllegalStateException("no event at line " + line + " to damage");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Inserts the event's row after the cycle's last, chained to it, as an edit of the table would. */
    @Override
    protected void writeStoredEvent(EventStore store, CycleRef cycle, PlanningEvent event) {
        RepositoryRows.insert(TestServers.postgres(), ((PostgresEventStore) store).repository(), cycle, event);
    }

    /** Updates the cycle's rows to the name, as an edit of the table would. */
    @Override
    protected void renameStoredCycle(EventStore store, CycleRef cycle, String stream, String cycleId) {
        try (Connection connection = TestServers.postgres().getConnection();
                PreparedStatement rename = connection.prepareStatement(
                        "UPDATE planning_event SET stream = ?, cycle_id = ?"
                                + " WHERE repository = ? AND stream = ? AND cycle_id = ?")) {
            rename.setString(1, stream);
            rename.setString(2, cycleId);
            rename.setString(3, ((PostgresEventStore) store).repository());
            rename.setString(4, cycle.stream());
            rename.setString(5, cycle.cycleId());
            if (rename.executeUpdate() < 1) {
                throw new IllegalStateException("no event of " + cycle + " to rename");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() {
        opened.forEach(PostgresStore::close);
    }

    private PostgresEventStore open(String repository) {
        PostgresStore store = PostgresStore.builder().jdbcUrl(TestServers.jdbcUrl()).repository(repository)
                .poolSize(2).migrate(false).build();
        opened.add(store);
        return store.eventStore();
    }
}
