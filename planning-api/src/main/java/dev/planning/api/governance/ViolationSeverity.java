package dev.planning.api.governance;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * How serious a policy violation is. Unwaived {@link #CRITICAL} violations block transitions
 * that require Critical=0.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public enum ViolationSeverity {
    /** Blocks a transition that requires Critical=0 until fixed or waived. */
    CRITICAL,
    /** Serious. */
    HIGH,
    /** Moderate. */
    MEDIUM,
    /** Minor. */
    LOW
}
