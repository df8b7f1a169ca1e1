package dev.planning.engine.internal.outcome;

import dev.planning.api.InvalidInputException;

/**
 * The totals of one JUnit XML report.
 *
 * @param suites      the {@code <testsuite>} elements
 * @param tests       the {@code <testcase>} elements
 * @param failures    test cases with a {@code <failure>} (an assertion failed)
 * @param errors      test cases with an {@code <error>} (an unexpected exception)
 * @param skipped     test cases with a {@code <skipped>}
 * @param timeSeconds the sum of the test cases' {@code time} attributes
 */
public record TestReport(int suites, int tests, int failures, int errors, int skipped, double timeSeconds) {

    public TestReport {
        if (suites < 0 || tests < 0 || failures < 0 || errors < 0 || skipped < 0 || timeSeconds < 0) {
            throw new InvalidInputException("test report counts cannot be negative");
        }
        if (failures + errors + skipped > tests) {
            throw new InvalidInputException("a test report cannot have more failed, errored and skipped tests ("
                    + (failures + errors + skipped) + ") than tests (" + tests + ")");
        }
    }

    /** Test cases that ran and neither failed nor errored. */
    public int passed() {
        return tests - failures - errors - skipped;
    }
}
