package dev.planning.api.artifact;

/**
 * The level of a work item. Epics contain stories, stories contain tasks (through
 * {@link Task#parent()}).
 *
 * @since 0.1
 */
public enum TaskKind {
    EPIC,
    STORY,
    TASK
}
