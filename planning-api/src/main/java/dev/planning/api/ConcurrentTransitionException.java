package dev.planning.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Another writer appended to the cycle's event log while this transition's gates were running,
 * so this transition was not recorded. Re-read the cycle's state and try again if still wanted.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public class ConcurrentTransitionException extends PlanningException {

    private static final long serialVersionUID = 1L;

    /**
     * Another writer changed the cycle first.
     *
     * @param message the message, for people
     */
    public ConcurrentTransitionException(String message) {
        super(message);
    }
}
