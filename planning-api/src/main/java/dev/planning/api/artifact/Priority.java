package dev.planning.api.artifact;

/**
 * Priority of a work item, {@code P0} (highest) to {@code P3}.
 *
 * @since 0.1
 */
public enum Priority {
    P0,
    P1,
    P2,
    P3
}
