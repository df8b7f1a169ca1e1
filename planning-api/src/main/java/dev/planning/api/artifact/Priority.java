package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Priority of a work item, {@code P0} (highest) to {@code P3}.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public enum Priority {
    /** The highest priority. */
    P0,
    /** High priority. */
    P1,
    /** Normal priority. */
    P2,
    /** The lowest priority. */
    P3
}
