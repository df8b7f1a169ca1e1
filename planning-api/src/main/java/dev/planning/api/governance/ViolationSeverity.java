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
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW
}
