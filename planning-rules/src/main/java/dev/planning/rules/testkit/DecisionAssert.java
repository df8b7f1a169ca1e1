package dev.planning.rules.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.governance.Violation;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions over a {@link GovernanceDecision}; start with
 * {@link GovernanceAssertions#assertThat(GovernanceDecision)}. Every failure message lists what
 * the decision actually holds.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DecisionAssert extends AbstractAssert<DecisionAssert, GovernanceDecision> {

    DecisionAssert(GovernanceDecision actual) {
        super(actual, DecisionAssert.class);
    }

    /**
     * Asserts at least one unwaived violation of a rule; narrow it with
     * {@link ViolationAssert#on(String)} and friends.
     *
     * @param rule the rule's name
     * @return an assertion over that rule's unwaived violations
     */
    public ViolationAssert hasViolation(String rule) {
        isNotNull();
        List<Violation> ofRule = actual.violations().stream().filter(v -> v.rule().equals(rule)).toList();
        if (ofRule.isEmpty()) {
            failWithMessage("Expected a violation of rule <%s> but found %s", rule, describe(actual.violations()));
        }
        return new ViolationAssert(this, rule, ofRule, actual.violations());
    }

    /**
     * Asserts that no unwaived violation of a rule exists.
     *
     * @param rule the rule's name
     * @return this assertion
     */
    public DecisionAssert hasNoViolation(String rule) {
        isNotNull();
        List<Violation> ofRule = actual.violations().stream().filter(v -> v.rule().equals(rule)).toList();
        if (!ofRule.isEmpty()) {
            failWithMessage("Expected no violation of rule <%s> but found %s", rule, describe(ofRule));
        }
        return this;
    }

    /**
     * Asserts that no unwaived violation remains.
     *
     * @return this assertion
     */
    public DecisionAssert hasNoViolations() {
        isNotNull();
        if (!actual.violations().isEmpty()) {
            failWithMessage("Expected no violations but found %s", describe(actual.violations()));
        }
        return this;
    }

    /**
     * Asserts that the unwaived violations are exactly these (rule, item) pairs, in any order.
     *
     * @param expected the expected (rule, item) pairs
     * @return this assertion
     */
    public DecisionAssert hasOnlyViolations(ExpectedViolation... expected) {
        isNotNull();
        SortedSet<ExpectedViolation> wanted = new TreeSet<>(Arrays.asList(expected));
        SortedSet<ExpectedViolation> found = pairs(actual.violations());
        if (!wanted.equals(found)) {
            SortedSet<ExpectedViolation> missing = new TreeSet<>(wanted);
            missing.removeAll(found);
            SortedSet<ExpectedViolation> unexpected = new TreeSet<>(found);
            unexpected.removeAll(wanted);
            failWithMessage("Expected only violations %s%n  missing:    %s%n  unexpected: %s%nbut found %s",
                    wanted, missing, unexpected, describe(actual.violations()));
        }
        return this;
    }

    /**
     * Asserts that these (rule, item) pairs were waived by an active waiver.
     *
     * @param expected the expected (rule, item) pairs
     * @return this assertion
     */
    public DecisionAssert hasWaived(ExpectedViolation... expected) {
        isNotNull();
        SortedSet<ExpectedViolation> found = pairs(actual.waived());
        for (ExpectedViolation e : expected) {
            if (!found.contains(e)) {
                failWithMessage("Expected <%s> to be waived but waived violations were %s (unwaived: %s)",
                        e, found, describe(actual.violations()));
            }
        }
        return this;
    }

    /**
     * Asserts that a waiver for this rule and item was reported unused (matched nothing or expired).
     *
     * @param rule the rule's name
     * @param item the item's id
     * @return this assertion
     */
    public DecisionAssert hasUnusedWaiver(String rule, String item) {
        isNotNull();
        boolean present = actual.unusedWaivers().stream().anyMatch(w -> w.rule().equals(rule) && w.item().equals(item));
        if (!present) {
            failWithMessage("Expected an unused waiver for <%s on %s> but unused waivers were %s", rule, item,
                    actual.unusedWaivers().stream().map(ExpectedViolation::of).toList());
        }
        return this;
    }

    /**
     * Asserts how many unwaived critical violations remain (Critical=0 holds at zero).
     *
     * @param expected the expected count
     * @return this assertion
     */
    public DecisionAssert hasCriticalCount(long expected) {
        isNotNull();
        if (actual.criticalCount() != expected) {
            failWithMessage("Expected %s critical violations but found %s: %s", expected, actual.criticalCount(),
                    describe(actual.violations()));
        }
        return this;
    }

    /**
     * Asserts that a rule fired at least once.
     *
     * @param rule the rule's name
     * @return this assertion
     */
    public DecisionAssert hasFired(String rule) {
        isNotNull();
        if (!actual.rulesFired().containsKey(rule)) {
            failWithMessage("Expected rule <%s> to fire but fired rules were %s", rule, actual.rulesFired());
        }
        return this;
    }

    static SortedSet<ExpectedViolation> pairs(List<Violation> violations) {
        return violations.stream().map(ExpectedViolation::of).collect(Collectors.toCollection(TreeSet::new));
    }

    static String describe(List<Violation> violations) {
        if (violations.isEmpty()) {
            return "no violations";
        }
        return violations.stream()
                .map(v -> v.rule() + " on " + v.item() + " [" + v.severity() + "]: " + v.message())
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    }

}
