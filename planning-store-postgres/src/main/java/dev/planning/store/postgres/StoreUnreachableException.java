package dev.planning.store.postgres;

import dev.planning.api.SystemFailureException;
import java.util.Objects;

/**
 * The store's database could not be reached: no connection could be opened, or the connection was lost
 * or the server was shutting down or starting ({@code SQLSTATE} class {@code 08}, {@code 57P01} to
 * {@code 57P03}), for as long as the store retries ({@link PostgresStore.Builder#retryFor}), or when the
 * store was built. A {@link SystemFailureException}: the system, not the input, failed the command (the
 * command line's exit code 3); the same command may succeed once the database is up and reachable.
 * A refusal that names the input instead (wrong credentials, no such database) is a plain
 * {@link dev.planning.api.PlanningException}.
 *
 * @since 0.1
 */
public final class StoreUnreachableException extends SystemFailureException {

    private static final long serialVersionUID = 1L;

    StoreUnreachableException(String message, Throwable cause) {
        super(message, null, cause);
    }

    /**
     * This failure with {@code addition} after its message, still an unreachable store (this one the cause): an
     * append that records a file the command has just written says what was written and what completes it, and an
     * embedder that catches this kind still catches it.
     *
     * @param addition the text to put after the message; never {@code null}
     * @return an unreachable store whose message is this one's followed by {@code addition}
     * @since 0.1
     */
    @Override
    public StoreUnreachableException withAddedMessage(String addition) {
        return new StoreUnreachableException(getMessage() + Objects.requireNonNull(addition, "addition"), this);
    }
}
