package dev.planning.store.postgres;

import dev.planning.api.PlanningException;
import java.io.IOException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLException;
import javax.sql.DataSource;

/**
 * Runs units of work in one database transaction each, retrying the whole unit when the connection
 * was lost or the server is restarting (SQLSTATE class {@code 08}, {@code 57P01..57P03}), or has no
 * connection left ({@code 53300}, or none from the pool in its connection timeout). A unit
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

    /** Whether the failure says the connection or server went away, or had none left, not that the work was wrong. */
    static boolean transient_(SQLException e) {
        if (unknownHost(e) != null) {
            return false; // the configuration's to fix (exit25): waiting does not make a misspelt host known
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03") || state.equals(StoreBusyException.TOO_MANY_CONNECTIONS)) {
                    return true;
                }
            }
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The failure of a unit of work, told apart as the command line's exit codes tell them (pg24): a
     * busy store ({@link StoreBusyException}) and one that cannot be reached ({@link StoreUnreachableException})
     * are the system's failures, not the input's; a resource the server ran out of is the system's too;
     * anything else (a refusal naming the input, a row the store cannot read) stays a plain
     * {@link PlanningException}. Called once the retries are over.
     */
    PlanningException failure(String what, SQLException e) {
        return failure(what, e, bounds, ", for " + PostgresStore.shown(retryFor) + " of retries",
                " for " + PostgresStore.shown(retryFor));
    }

    /**
     * As {@link #failure(String, SQLException)}, for work done outside a {@code Transactions} (Flyway's migration):
     * {@code retried} ends an unreachable store's line (how long it was retried, or nothing), {@code waited}
     * says how long a connection was waited for in a busy store's.
     */
    static PlanningException failure(String what, SQLException e, String bounds, String retried, String waited) {
        String sqlState = e.getSQLState();
        UnknownHostException unknown = unknownHost(e);
        if (unknown != null) {
            return new PlanningException(unknownHostLine("cannot " + what, unknown, sqlState), null, e);
        }
        String safe = "; nothing was written and retrying is safe (SQLSTATE " + sqlState + ")";
        if (StoreBusyException.LOCK_NOT_AVAILABLE.equals(sqlState)) {
            return new StoreBusyException("cannot " + what + ": the store is busy: a lock it needs is held by another"
                    + " session and was not granted in time (" + bounds + ")" + safe, StoreBusyException.Reason.LOCK, e);
        }
        if (StoreBusyException.QUERY_CANCELED.equals(sqlState)) {
            return new StoreBusyException("cannot " + what + ": the store is busy: the database cancelled the statement"
                    + " (its statement_timeout passed, or it was cancelled; " + bounds + ")" + safe,
                    StoreBusyException.Reason.STATEMENT, e);
        }
        if (StoreBusyException.SERIALIZATION_FAILURE.equals(sqlState)
                || StoreBusyException.DEADLOCK_DETECTED.equals(sqlState)) {
            return new StoreBusyException("cannot " + what + ": the store is busy: the database rolled the work back"
                    + " because it conflicted with another session's (a serialization failure or a deadlock)" + safe,
                    StoreBusyException.Reason.CONFLICT, e);
        }
        if (StoreBusyException.TOO_MANY_CONNECTIONS.equals(sqlState)
                || sqlState == null && e instanceof SQLTransientConnectionException) {
            return new StoreBusyException("cannot " + what + ": the store is busy: no connection to the database was"
                    + " to be had" + waited + " (the server has as many as its"
                    + " max_connections allows, or every connection of this process's pool is in use)"
                    + "; nothing was written and retrying is safe" + (sqlState == null ? "" : " (SQLSTATE " + sqlState
                            + ")"), StoreBusyException.Reason.CONNECTIONS, e);
        }
        String state = sqlState != null ? " (SQLSTATE " + sqlState + ")" : "";
        if (unreachable(e)) {
            return new StoreUnreachableException("cannot " + what + ": the store cannot be reached: " + oneLine(e)
                    + state + retried, e);
        }
        if (sqlState != null && sqlState.startsWith("53")) {
            return new dev.planning.api.SystemFailureException("cannot " + what + ": the database ran out of"
                    + " resources: " + oneLine(e) + state, null, e);
        }
        return new PlanningException("cannot " + what + ": " + e.getMessage() + state, null, e);
    }

    /**
     * The {@link UnknownHostException} among {@code e}'s causes, or {@code null}: the name service does not know
     * the host the URL names. exit25: the user's configuration to fix (exit 2), most often a typo, rather than a
     * database that does not answer (exit 3), and not retried. A name service that is down gives the same
     * exception (Java does not tell the two apart but by the message, which is not read): the line says so.
     */
    static UnknownHostException unknownHost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException unknown) {
                return unknown;
            }
        }
        return null;
    }

    /** One line naming the host the name service does not know, and what to do. */
    static String unknownHostLine(String failed, UnknownHostException unknown, String sqlState) {
        String host = unknown.getMessage() == null ? "(unnamed)" : unknown.getMessage().strip().replaceAll("\\s+", " ");
        return failed + ": no such host: " + host + (sqlState == null ? "" : " (SQLSTATE " + sqlState + ")")
                + "; the store's url names a host the name service does not know: check its"
                + " spelling; if it is right, the name service may be down: run the same command again later";
    }

    /**
     * Whether {@code e} says the database could not be reached, or went away: a server shutting down or
     * starting ({@code 57P01} to {@code 57P03}); a connection that no longer exists, or whose
     * transaction's outcome is unknown ({@code 08003}, {@code 08007}); or a connection not made or lost
     * ({@code 08000}, {@code 08001}, {@code 08006}) for a reason of the network (an I/O error: refused,
     * timed out, no such host, cut). Not a TLS handshake refused (a certificate the URL's root does not
     * vouch for, a host name it does not carry, which the driver reports as a connection failure too),
     * {@code 08P01} (what answers at the URL does not speak PostgreSQL's protocol) nor {@code 08004} (the
     * server rejected the connection's settings): those are the configuration's to fix, the input's.
     */
    static boolean unreachable(SQLException e) {
        String sqlState = e.getSQLState();
        if (sqlState == null) {
            return false;
        }
        switch (sqlState) {
            case "57P01", "57P02", "57P03", "08003", "08007":
                return true;
            case "08000", "08001", "08006":
                break;
            default:
                return false;
        }
        if (unknownHost(e) != null) {
            return false;
        }
        boolean network = false;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException || t instanceof GeneralSecurityException) {
                return false;
            }
            network |= t instanceof IOException;
        }
        return network;
    }

    /** A message on one line: a server's may span several (a detail, a hint). */
    private static String oneLine(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.strip().replaceAll("\\s+", " ");
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
