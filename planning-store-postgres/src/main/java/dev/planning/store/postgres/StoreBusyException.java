package dev.planning.store.postgres;

import dev.planning.api.PlanningException;

/**
 * The database gave up on a unit of work of the store (an append, a read, an import) before it
 * finished, because it waited too long: for a lock another session holds (the store's
 * {@code lock_timeout}, SQLSTATE {@code 55P03}) or in one statement (its {@code statement_timeout},
 * or a cancel, SQLSTATE {@code 57014}). PostgreSQL rolled the unit's transaction back whole, so
 * nothing of it was written, and repeating it is safe: an append is idempotent by event id. The
 * bounds are {@link PostgresStore.Builder#lockTimeout} and
 * {@link PostgresStore.Builder#statementTimeout}.
 *
 * @since 0.1
 */
public final class StoreBusyException extends PlanningException {

    private static final long serialVersionUID = 1L;

    private final String sqlState;

    StoreBusyException(String message, String sqlState, Throwable cause) {
        super(message, null, cause);
        this.sqlState = sqlState;
    }

    /**
     * Whether the wait was for a lock another session held ({@code 55P03}), rather than one statement
     * running too long or cancelled ({@code 57014}).
     *
     * @return whether a lock was not granted in time
     */
    public boolean lockNotGranted() {
        return LOCK_NOT_AVAILABLE.equals(sqlState);
    }

    /** SQLSTATE of a lock not granted within {@code lock_timeout}. */
    static final String LOCK_NOT_AVAILABLE = "55P03";
    /** SQLSTATE of a statement cancelled: by {@code statement_timeout}, or by a cancel request. */
    static final String QUERY_CANCELED = "57014";
}
