package dev.planning.api.lifecycle;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * How a transition moves a cycle: along the chain, back after a failure, or in place.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public enum TransitionKind {
    /** One step along the lifecycle chain. */
    FORWARD,
    /** Back to an earlier state after a failed validation or execution. */
    BACKWARD,
    /** The same state again (an updated plan). */
    SELF
}
