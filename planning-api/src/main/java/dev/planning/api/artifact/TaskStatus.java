package dev.planning.api.artifact;

/**
 * Where a work item stands. {@link #DONE} counts as delivered; {@link #DROPPED} as descoped.
 *
 * @since 0.1
 */
public enum TaskStatus {
    PLANNED,
    IN_PROGRESS,
    BLOCKED,
    DONE,
    DROPPED
}
