package dev.planning.engine.internal.gate.parity;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.outcome.TestOutcome;
import dev.planning.engine.internal.gate.StreamThresholds;
import java.util.List;
import java.util.Map;

/**
 * Imported test results after execution: the JUnit reports of the cycle may hold at most the
 * rulebook's {@code tests_failed_max} failed or errored test cases (default 0: no failure at all).
 * No report imported is no finding: test outcomes are judged when there are some. Counts whose sum
 * over the reports passes an {@code int} are refused ({@code InvalidInputException}, the gate fails),
 * never wrapped.
 */
final class TestResults {

    /** The rulebook threshold: failed plus errored test cases allowed. */
    static final String MAX_FAILED = "tests_failed_max";

    private TestResults() {
    }

    static void check(List<TestOutcome> tests, StreamThresholds thresholds, Map<String, Object> evidence,
            List<Finding> findings) {
        if (tests.isEmpty()) {
            return;
        }
        int total = 0;
        int failed = 0;
        String worst = null;
        int worstFailed = 0;
        for (TestOutcome report : tests) {
            int bad = report.failed();
            try {
                total = Math.addExact(total, report.tests());
                failed = Math.addExact(failed, bad);
            } catch (ArithmeticException e) {
                // Fail closed: a wrapped sum was negative, never more than tests_failed_max, and the gate passed.
                throw new InvalidInputException("the imported test reports count more test cases than "
                        + Integer.MAX_VALUE + " (at " + report.path() + "); their failed cases cannot be judged"
                        + " against " + MAX_FAILED, SourceLocation.ofFile(report.path()), e);
            }
            if (bad > worstFailed) {
                worstFailed = bad;
                worst = report.path();
            }
        }
        evidence.put("tests_total", total);
        evidence.put("tests_failed", failed);
        double allowed = thresholds.get(MAX_FAILED, 0);
        if (failed > allowed) {
            findings.add(Finding.error(ParityCodes.TESTS_FAILED, failed + " of " + total + " imported test cases failed"
                    + " or errored, more than the rulebook's " + MAX_FAILED + " of " + DeliveryParity.round(allowed)
                    + "; fix them and import the new report, or raise " + MAX_FAILED + " in the rulebook",
                    SourceLocation.ofFile(worst)));
        }
    }
}
