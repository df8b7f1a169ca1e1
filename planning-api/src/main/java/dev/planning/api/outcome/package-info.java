/**
 * Execution outcomes imported into a cycle ({@code planning import}): the
 * {@link dev.planning.api.outcome.OutcomeKind}s recognised and the
 * {@link dev.planning.api.outcome.ImportReport} of what an import stored.
 *
 * @since 0.1
 */
package dev.planning.api.outcome;
