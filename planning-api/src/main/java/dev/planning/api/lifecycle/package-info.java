/**
 * The planning-cycle lifecycle: its states, the transitions between them, the identity of a
 * cycle, and the results of advancing one.
 *
 * <p>The lifecycle is fixed data ({@link dev.planning.api.lifecycle.Lifecycle}); which gates run
 * at each transition is not: it comes from the rulebook's gate profile.
 *
 * @since 0.1
 */
package dev.planning.api.lifecycle;
