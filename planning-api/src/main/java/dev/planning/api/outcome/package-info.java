/**
 * Execution outcomes imported into a cycle ({@code planning import}): the
 * {@link dev.planning.api.outcome.OutcomeKind}s recognised and the
 * {@link dev.planning.api.outcome.ImportReport} of what an import stored, and the outcomes as gates see
 * them through their context ({@link dev.planning.api.outcome.CycleOutcomes}: test totals, coverage and
 * delivery, each file with its workspace path and SHA-256).
 *
 * @since 0.1
 */
package dev.planning.api.outcome;
