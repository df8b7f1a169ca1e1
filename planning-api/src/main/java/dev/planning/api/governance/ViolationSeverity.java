package dev.planning.api.governance;

/**
 * How serious a policy violation is. Unwaived {@link #CRITICAL} violations block transitions
 * that require Critical=0.
 *
 * @since 0.1
 */
public enum ViolationSeverity {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW
}
