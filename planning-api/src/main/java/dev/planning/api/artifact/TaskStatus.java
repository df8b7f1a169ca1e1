package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Where a work item stands. {@link #DONE} counts as delivered; {@link #DROPPED} as descoped.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public enum TaskStatus {
    PLANNED,
    IN_PROGRESS,
    BLOCKED,
    DONE,
    DROPPED
}
