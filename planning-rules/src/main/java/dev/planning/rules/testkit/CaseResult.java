package dev.planning.rules.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.Printable;
import dev.planning.api.governance.GovernanceDecision;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The outcome of one rule test case.
 *
 * @param testCase   the case
 * @param missing    expected violations that did not occur
 * @param unexpected violations that occurred but were not expected (only for {@code only} cases)
 * @param error      why the evaluation itself failed (e.g. a runaway rule), if it did
 * @param decision   the decision, when the evaluation completed
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CaseResult(
        RuleTestCase testCase,
        List<ExpectedViolation> missing,
        List<ExpectedViolation> unexpected,
        Optional<String> error,
        Optional<GovernanceDecision> decision) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param testCase the case
     * @param missing expected violations that did not occur
     * @param unexpected violations that occurred but were not expected (only for {@code only} cases)
     * @param error why the evaluation itself failed (e.g. a runaway rule), if it did
     * @param decision the decision, when the evaluation completed
     */
    public CaseResult {
        Objects.requireNonNull(testCase, "testCase");
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(decision, "decision");
    }

    /**
     * Whether the case holds.
     *
     * @return whether the case holds
     */
    public boolean passed() {
        return error.isEmpty() && missing.isEmpty() && unexpected.isEmpty();
    }

    /**
     * What differs, one line each ({@code - missing: rule on item}, {@code + unexpected: rule on
     * item: message}, {@code ! error: ...}); empty when the case passed. Each value is the rulebook's text (a
     * rule's message, an item of a case): written on its line ({@link Printable#line}), so that a line break in it
     * never starts a line of its own that reads as the run's verdict (attack38).
     *
     * @return what differs, one line each ({@code - missing: rule on item}, {@code + unexpected: rule on item: message}, {@code ! error: ...})
     */
    public String diff() {
        // Each on its line (out38): a rule's message, an item or an error may hold a line break or an escape
        // sequence, which would print a line of its own; every character not shown as itself is its escape.
        StringBuilder out = new StringBuilder();
        // The error is a PlanningException's describe() (RuleTestRunner), whose values Printable.line quoted already:
        // shown again with its escapes as they are, never escaped twice (text40).
        error.ifPresent(e -> out.append("! error: ").append(Printable.shown(e, "")).append('\n'));
        missing.forEach(m -> out.append("- missing:    ").append(Printable.line(m.toString())).append('\n'));
        for (ExpectedViolation u : unexpected) {
            out.append("+ unexpected: ").append(Printable.line(u.toString()));
            decision.flatMap(d -> d.violations().stream().filter(u::matches).findFirst())
                    .ifPresent(v -> out.append(" (").append(Printable.line(v.message())).append(')'));
            out.append('\n');
        }
        return out.toString();
    }
}
