package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

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
}
