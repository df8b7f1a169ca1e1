/**
 * The governance SPI: judging a cycle against the rulebook's policies.
 *
 * <p>A {@link dev.planning.api.governance.GovernanceEngineFactory} (found with
 * {@link java.util.ServiceLoader}; {@code planning-rules} provides the Drools one) turns a
 * {@link dev.planning.api.rulebook.Rulebook} into a {@link dev.planning.api.governance.GovernanceEngine},
 * which evaluates a {@link dev.planning.api.governance.GovernanceInput} into a
 * {@link dev.planning.api.governance.GovernanceDecision}: violations, each naming its rule, item
 * and reason, with waivers applied.
 *
 * @since 0.1
 */
package dev.planning.api.governance;
