package dev.planning.store.postgres;

import dev.planning.api.PlanningException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Runs units of work in one database transaction each, retrying the whole unit when the connection
 * was lost or the server is restarting (SQLSTATE class {@code 08}, {@code 57P01..57P03}). A unit
 * must be safe to repeat: appends are, because they are idempotent by event id.
 */
final class Transactions {

    /** One unit of work on a connection whose auto-commit is off; the caller commits. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final Duration retryFor;
    private final String bounds;

    /**
     * @param bounds how the sessions' waits are bounded, for the message of a {@link StoreBusyException}
     *               ("lock_timeout 10 s, statement_timeout 60 s", or who sets them)
     */
    Transactions(DataSource dataSource, Duration retryFor, String bounds) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.retryFor = Objects.requireNonNull(retryFor, "retryFor");
        this.bounds = Objects.requireNonNull(bounds, "bounds");
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Runs {@code work} and commits; on a lost connection retries until {@link #retryFor} has passed. */
    <T> T inTransaction(String what, Work<T> work) {
        long deadline = System.nanoTime() + retryFor.toNanos();
        long pause = 50;
        while (true) {
            try {
                return once(work);
            } catch (SQLException e) {
                if (!transient_(e) || System.nanoTime() - deadline > 0) {
                    throw failure(what, e);
                }
            }
            sleep(pause);
            pause = Math.min(pause * 2, 1000);
        }
    }

    /**
     * Runs {@code work}, one statement, in auto-commit mode: the statement is its own transaction,
     * committed in the same round trip. Retried as {@link #inTransaction}.
     */
    <T> T autoCommit(String what, Work<T> work) {
        long deadline = System.nanoTime() + retryFor.toNanos();
        long pause = 50;
        while (true) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                return work.run(connection);
            } catch (SQLException e) {
                if (!transient_(e) || System.nanoTime() - deadline > 0) {
                    throw failure(what, e);
                }
            }
            sleep(pause);
            pause = Math.min(pause * 2, 1000);
        }
    }

    private <T> T once(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            if (!connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException undo) {
            cause.addSuppressed(undo);
        }
    }

    /** Whether the failure says the connection or server went away, not that the work was wrong. */
    static boolean transient_(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03")) {
                    return true;
                }
            }
            if (t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    PlanningException failure(String what, SQLException e) {
        String sqlState = e.getSQLState();
        if (StoreBusyException.LOCK_NOT_AVAILABLE.equals(sqlState)) {
            return new StoreBusyException("cannot " + what + ": the store is busy: a lock it needs is held by another"
                    + " session and was not granted in time (" + bounds + "); nothing was"
                    + " written and retrying is safe (SQLSTATE " + sqlState + ")", sqlState, e);
        }
        if (StoreBusyException.QUERY_CANCELED.equals(sqlState)) {
            return new StoreBusyException("cannot " + what + ": the store is busy: the database cancelled the statement"
                    + " (its statement_timeout passed, or it was cancelled; " + bounds + "); nothing was"
                    + " written and retrying is safe (SQLSTATE " + sqlState + ")", sqlState, e);
        }
        String state = e.getSQLState() != null ? " (SQLSTATE " + e.getSQLState() + ")" : "";
        return new PlanningException("cannot " + what + ": " + e.getMessage() + state, null, e);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlanningException("interrupted while waiting for the database", null, e);
        }
    }
}
