package dev.planning.engine.internal.lifecycle;

import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.PlanningException;
import dev.planning.api.SystemFailureException;

/**
 * The failure of an event's append after the file it records was written (a full disk, a file-size
 * limit, an I/O error, a lost race), said with what was written and the command that completes it:
 * the file stays, and the next run of that command recognises it and records its event.
 */
public final class Unrecorded {

    private Unrecorded() {
    }

    /**
     * {@code e} with "{@code written} was written but its event is not recorded; {@code complete}"
     * added, of the same kind for the two the callers tell apart ({@link ConcurrentTransitionException},
     * a plain {@link PlanningException}); any {@link SystemFailureException} as its
     * {@link SystemFailureException#withAddedMessage} makes it, so a store's own kind (the PostgreSQL store's busy
     * or unreachable store) stays that kind for an embedder that catches it and for the command line's hint (review26:
     * keys26 made each a plain one, the store's kind only its cause); any other kind (a damaged or unreadable log) as
     * it is.
     */
    public static PlanningException explain(PlanningException e, String written, String complete) {
        String hint = ". " + written + " was written, but its event is not recorded: " + complete;
        if (e instanceof ConcurrentTransitionException) {
            ConcurrentTransitionException explained = new ConcurrentTransitionException(e.getMessage() + hint);
            // Kept as a suppressed exception, not the cause: PlanningException's constructor sets the cause (to none),
            // and initCause then threw IllegalStateException, an internal error in place of the lost race (scope39).
            explained.addSuppressed(e);
            return explained;
        }
        if (e instanceof SystemFailureException failure) {
            // A full disk, an I/O error, a busy or unreachable store stays the system's failure (exit 3), of its kind,
            // with what to run once it is fixed (keys26: a subtype of the store's module was handed on without it).
            return failure.withAddedMessage(hint);
        }
        if (e.getClass() == PlanningException.class) {
            return new PlanningException(e.getMessage() + hint, e.location().orElse(null), e);
        }
        return e;
    }
}
