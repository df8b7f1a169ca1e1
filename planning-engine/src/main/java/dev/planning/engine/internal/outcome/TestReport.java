package dev.planning.engine.internal.outcome;

import dev.planning.api.InvalidInputException;
import java.util.List;
import java.util.Objects;

/**
 * The totals of one JUnit XML report, and each test case by name.
 *
 * @param suites      the {@code <testsuite>} elements
 * @param tests       the {@code <testcase>} elements
 * @param failures    test cases with a {@code <failure>} (an assertion failed)
 * @param errors      test cases with an {@code <error>} (an unexpected exception)
 * @param skipped     test cases with a {@code <skipped>}
 * @param timeSeconds the sum of the test cases' {@code time} attributes
 * @param cases       every test case in document order (its name and result), for the in-toto Test
 *                    Result statement; as many as {@code tests}
 */
public record TestReport(int suites, int tests, int failures, int errors, int skipped, double timeSeconds,
        List<TestCase> cases) {

    public TestReport {
        if (suites < 0 || tests < 0 || failures < 0 || errors < 0 || skipped < 0 || timeSeconds < 0) {
            throw new InvalidInputException("test report counts cannot be negative");
        }
        long bad = (long) failures + errors + skipped; // in a long: three ints' sum wraps an int
        if (bad > tests) {
            throw new InvalidInputException("a test report cannot have more failed, errored and skipped tests ("
                    + bad + ") than tests (" + tests + ")");
        }
        cases = List.copyOf(cases);
    }

    /** Test cases that ran and neither failed nor errored. */
    public int passed() {
        return tests - failures - errors - skipped;
    }

    /**
     * One test case.
     *
     * @param name   {@code classname.name}, or {@code name} when the case has no class name
     * @param result what became of it
     */
    public record TestCase(String name, Result result) {
        public TestCase {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(result, "result");
        }
    }

    /** What became of a test case: its {@code <failure>}, {@code <error>} or {@code <skipped>} child, or none. */
    public enum Result {
        /** No failure, error or skipped child. */
        PASSED,
        /** A {@code <failure>} child. */
        FAILED,
        /** An {@code <error>} child. */
        ERROR,
        /** A {@code <skipped>} child. */
        SKIPPED
    }
}
