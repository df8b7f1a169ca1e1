package dev.planning.store.postgres;

import dev.planning.api.SystemFailureException;
import java.util.Objects;

/**
 * The database gave up on a unit of work of the store (an append, a read, an import) before it
 * finished, because the store is busy: a lock another session holds was not granted within the
 * store's {@code lock_timeout} (SQLSTATE {@code 55P03}); one statement ran past its
 * {@code statement_timeout}, or was cancelled ({@code 57014}); the work conflicted with another
 * session's and was rolled back (a serialization failure {@code 40001} or a deadlock {@code 40P01});
 * or no connection was to be had for the store's retry time (the server has as many as it allows,
 * {@code 53300}, or the pool's are all in use). PostgreSQL rolled the unit's transaction back whole,
 * or never began it, so nothing of it was written, and repeating it is safe: an append is idempotent
 * by event id. The bounds are {@link PostgresStore.Builder#lockTimeout},
 * {@link PostgresStore.Builder#statementTimeout}, {@link PostgresStore.Builder#retryFor} and
 * {@link PostgresStore.Builder#poolSize}.
 *
 * <p>A {@link SystemFailureException}: the system, not the input, failed the command (the command line's
 * exit code 3), and the same command may succeed once the other sessions are done. An append that records a
 * file the command has just written (a seal's manifest, a signature, imported outcomes, a digest) throws it
 * with what was written and what completes it added to its message ({@link #withAddedMessage}).
 *
 * @since 0.1
 */
public final class StoreBusyException extends SystemFailureException {

    private static final long serialVersionUID = 1L;

    /** What the store was busy with. */
    public enum Reason {
        /** A lock another session held was not granted within {@code lock_timeout} ({@code 55P03}). */
        LOCK,
        /** A statement ran past {@code statement_timeout}, or was cancelled ({@code 57014}). */
        STATEMENT,
        /** The work conflicted with another session's: a serialization failure or a deadlock ({@code 40001}, {@code 40P01}). */
        CONFLICT,
        /** No connection for the retry time: the server's all taken ({@code 53300}), or the pool's all in use. */
        CONNECTIONS
    }

    private final Reason reason;

    StoreBusyException(String message, Reason reason, Throwable cause) {
        super(message, null, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * This failure with {@code addition} after its message, still a busy store (its reason kept, this one the
     * cause): an append that records a file the command has just written says what was written and what completes
     * it, and an embedder that catches this kind still catches it.
     *
     * @param addition the text to put after the message; never {@code null}
     * @return a busy store whose message is this one's followed by {@code addition}
     * @since 0.1
     */
    @Override
    public StoreBusyException withAddedMessage(String addition) {
        return new StoreBusyException(getMessage() + Objects.requireNonNull(addition, "addition"), reason, this);
    }

    /**
     * What the store was busy with.
     *
     * @return what the store was busy with
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Whether the wait was for a lock another session held ({@code 55P03}), rather than one statement
     * running too long or cancelled ({@code 57014}), a conflict, or no connection.
     *
     * @return whether a lock was not granted in time
     */
    public boolean lockNotGranted() {
        return reason == Reason.LOCK;
    }

    /** SQLSTATE of a lock not granted within {@code lock_timeout}. */
    static final String LOCK_NOT_AVAILABLE = "55P03";
    /** SQLSTATE of a statement cancelled: by {@code statement_timeout}, or by a cancel request. */
    static final String QUERY_CANCELED = "57014";
    /** SQLSTATE of a serialization failure. */
    static final String SERIALIZATION_FAILURE = "40001";
    /** SQLSTATE of a deadlock detected (this session's transaction the victim). */
    static final String DEADLOCK_DETECTED = "40P01";
    /** SQLSTATE of a connection refused because the server has as many as {@code max_connections} allows. */
    static final String TOO_MANY_CONNECTIONS = "53300";
}
