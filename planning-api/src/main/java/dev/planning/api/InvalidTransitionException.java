package dev.planning.api;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.lifecycle.CycleState;
import org.apiguardian.api.API;

/**
 * A requested transition that the lifecycle does not allow from the cycle's current state, for
 * example {@code PLANNED -> EXECUTED}. Gates were not run and nothing was recorded.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public class InvalidTransitionException extends PlanningException {

    private static final long serialVersionUID = 1L;

    /** The state the refused move left. */
    private final CycleState from;
    /** The state the refused move aimed at. */
    private final CycleState to;

    /**
     * A move the lifecycle does not allow.
     *
     * @param from the cycle's state
     * @param to the state asked for
     * @param message the message, for people
     */
    public InvalidTransitionException(CycleState from, CycleState to, String message) {
        super(message);
        this.from = from;
        this.to = to;
    }

    /**
     * The state the cycle is in.
     *
     * @return the state the cycle is in
     */
    public CycleState from() {
        return from;
    }

    /**
     * The state that was requested.
     *
     * @return the state that was requested
     */
    public CycleState to() {
        return to;
    }
}
