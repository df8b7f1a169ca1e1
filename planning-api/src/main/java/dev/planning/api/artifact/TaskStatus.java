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
    /** Not started. */
    PLANNED,
    /** Being worked on. */
    IN_PROGRESS,
    /** Waiting on something. */
    BLOCKED,
    /** Delivered. */
    DONE,
    /** Taken out of the cycle's scope. */
    DROPPED
}
