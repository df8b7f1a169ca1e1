/**
 * Immutable models of the planning artifacts: the task breakdown, the story map, the handoff
 * manifest and the machine-readable part of the cycle digest.
 *
 * <p>These are values: records, validated in their constructors, with copied collections and
 * {@link java.util.Optional} for absent values. Reading and writing them (YAML, Markdown front
 * matter) is the engine's job.
 *
 * @since 0.1
 */
package dev.planning.api.artifact;
