package dev.planning.api.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The outcome of one gate.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum GateStatus {
    /** The check holds. */
    PASS,
    /** The check holds with reservations; a warning does not block a transition. */
    WARN,
    /** The check does not hold; the transition is refused. */
    FAIL
}
