package dev.planning.rules.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.governance.GovernanceDecision;
import org.apiguardian.api.API;

/**
 * Entry point of the AssertJ-style assertions for governance decisions ({@link #assertThat} and {@link #v},
 * imported statically).
 * <pre>{@code
 * assertThat(decision).hasViolation("critical-approvals").on("FE-12");
 * assertThat(decision).hasOnlyViolations(v("critical-approvals", "FE-12"), v("missing-owner", "FE-3"));
 * assertThat(decision).hasWaived(v("sox-audit-trail", "FE-7")).hasNoViolation("sox-audit-trail");
 * }</pre>
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class GovernanceAssertions {

    private GovernanceAssertions() {
    }

    /**
     * Assertions over a decision.
     *
     * @param decision the decision to assert on
     * @return an assertion over the decision
     */
    public static DecisionAssert assertThat(GovernanceDecision decision) {
        return new DecisionAssert(decision);
    }

    /**
     * A violation expected by rule and item.
     *
     * @param rule the rule's name
     * @param item the item's id
     * @return the expected violation
     */
    public static ExpectedViolation v(String rule, String item) {
        return new ExpectedViolation(rule, item);
    }
}
