package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The level of a work item. Epics contain stories, stories contain tasks (through
 * {@link Task#parent()}).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public enum TaskKind {
    /** A large body of work, parent of stories and tasks. */
    EPIC,
    /** A user-facing piece of work. */
    STORY,
    /** A unit of work. */
    TASK
}
