package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.EventLines;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import javax.sql.DataSource;

/**
 * Edits of a store's rows, as whoever can write the database makes them: the tests' one way to run an UPDATE or
 * a DELETE on the rows of the store's repository (tenant) alone.
 */
final class RepositoryRows {

    private RepositoryRows() {
    }

    /**
     * Runs {@code sql} with the store's repository as its first parameter and {@code more} as the next ones; an
     * edit that changes no row would test nothing, so it must change at least one.
     *
     * @return how many rows it changed
     */
    static int edit(PostgresStore store, String sql, Object... more) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, store.eventStore().repository());
            for (int i = 0; i < more.length; i++) {
                statement.setObject(i + 2, more[i]);
            }
            int changed = statement.executeUpdate();
            assertThat(changed).as("rows changed by %s", sql).isPositive();
            return changed;
        }
    }

    /**
     * Inserts {@code event}'s row after the cycle's last (line 1 of a cycle without one), its line chained to that
     * one's as the store chains its lines, with none of the store's checks: as whoever can write the database writes
     * a line no append writes (one dated before the line before it: time43, the store refuses to append it), and moves
 * the cycle's portfolio row as an append would.
     *
     * @return the SHA-256 of the line inserted, the cycle's new head
     */
    static String insert(DataSource database, String repository, CycleRef cycle, PlanningEvent event) {
        try (Connection connection = database.getConnection()) {
            int seq = 0;
            String head = RecordedEvent.GENESIS;
            try (PreparedStatement last = connection.prepareStatement("SELECT seq, sha256 FROM planning_event"
                    + " WHERE repository = ? AND stream = ? AND cycle_id = ? ORDER BY seq DESC LIMIT 1")) {
                last.setString(1, repository);
                last.setString(2, cycle.stream());
                last.setString(3, cycle.cycleId());
                try (ResultSet rs = last.executeQuery()) {
                    if (rs.next()) {
                        seq = rs.getInt(1);
                        head = rs.getString(2);
                    }
                }
            }
            byte[] line = EventLines.encode(event, head);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO planning_event (repository, stream, cycle_id, seq, event_id, event_type,"
                            + " from_state, to_state, occurred_at, prev_sha256, sha256, line, details)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}'::jsonb)")) {
                insert.setString(1, repository);
                insert.setString(2, cycle.stream());
                insert.setString(3, cycle.cycleId());
                insert.setInt(4, seq + 1);
                insert.setString(5, event.id());
                insert.setString(6, event.type().name());
                insert.setString(7, event.fromState().map(Enum::name).orElse(null));
                insert.setString(8, event.toState().map(Enum::name).orElse(null));
                insert.setTimestamp(9, Timestamp.from(event.timestamp()));
                insert.setString(10, head);
                insert.setString(11, EventLines.hash(line));
                insert.setBytes(12, line);
                insert.executeUpdate();
            }
            // The portfolio row follows, as the store moves it on an append: the line alone is what is written by hand.
            CycleState before = CycleState.PLANNED;
            try (PreparedStatement state = connection.prepareStatement("SELECT state FROM planning_cycle"
                    + " WHERE repository = ? AND stream = ? AND cycle_id = ?")) {
                state.setString(1, repository);
                state.setString(2, cycle.stream());
                state.setString(3, cycle.cycleId());
                try (ResultSet rs = state.executeQuery()) {
                    if (rs.next()) {
                        before = CycleState.valueOf(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO planning_cycle (repository, stream, cycle_id, state, events, head_sha256, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (repository, stream, cycle_id) DO UPDATE"
                            + " SET state = EXCLUDED.state, events = EXCLUDED.events,"
                            + " head_sha256 = EXCLUDED.head_sha256, updated_at = EXCLUDED.updated_at")) {
                upsert.setString(1, repository);
                upsert.setString(2, cycle.stream());
                upsert.setString(3, cycle.cycleId());
                upsert.setString(4, ProjectedState.next(before, event).name());
                upsert.setInt(5, seq + 1);
                upsert.setString(6, EventLines.hash(line));
                upsert.setTimestamp(7, Timestamp.from(event.timestamp()));
                upsert.executeUpdate();
            }
            return EventLines.hash(line);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
