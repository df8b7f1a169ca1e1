/**
 * A test kit for rule authors, in the spirit of {@code opa test}: policies compiled and judged in
 * memory ({@link dev.planning.rules.testkit.GovernanceTestKit#fromDrl(String)}, no rulebook
 * directory), AssertJ assertions over governance decisions, and a runner for rule test files
 * ({@code tests/*.yaml} of a rulebook) that reports each case's diff and which rules no case made
 * fire.
 *
 * <pre>{@code
 * GovernanceDecision decision = engine.evaluate(input);
 * GovernanceAssertions.assertThat(decision)
 *         .hasViolation("critical-approvals").on("FE-12").withSeverity(ViolationSeverity.CRITICAL);
 * GovernanceAssertions.assertThat(decision)
 *         .hasOnlyViolations(v("critical-approvals", "FE-12"), v("missing-owner", "FE-3"));
 * }</pre>
 *
 * <p>The assertions need AssertJ on the class path (an optional dependency of this module); the
 * runner and the test-file reader do not.
 *
 * @since 0.1
 */
package dev.planning.rules.testkit;
