package dev.planning.api.outcome;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.InvalidInputException;
import org.apiguardian.api.API;

/**
 * The totals of one JUnit report imported into a cycle, as a gate sees them through
 * {@link dev.planning.api.gate.GateContext#outcomes()}.
 *
 * <pre>{@code
 * long failed = context.outcomes().tests().stream().mapToLong(TestOutcome::failed).sum(); // an int sum wraps
 * }</pre>
 *
 * @param path     where the report is stored, workspace-relative with {@code /} separators
 *                 ({@code .../outcomes/{cycle}/junit/<hash>-TEST-x.xml}); never {@code null}
 * @param sha256   the SHA-256 of the stored file's bytes, 64 lowercase hexadecimal digits: the value a
 *                 gate's evidence records for the file
 * @param tests    the {@code <testcase>} elements
 * @param failures test cases with a {@code <failure>}
 * @param errors   test cases with an {@code <error>}
 * @param skipped  test cases with a {@code <skipped>}
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record TestOutcome(String path, String sha256, int tests, int failures, int errors, int skipped) {

    /**
     * Checks the components; the class comment says what each holds.
     *
     * @param path where the report is stored, workspace-relative with {@code /} separators ({@code
     *             .../outcomes/{cycle}/junit/<hash>-TEST-x.xml}); never {@code null}
     * @param sha256 the SHA-256 of the stored file's bytes, 64 lowercase hexadecimal digits: the value a
     *               gate's evidence records for the file
     * @param tests the {@code <testcase>} elements
     * @param failures test cases with a {@code <failure>}
     * @param errors test cases with an {@code <error>}
     * @param skipped test cases with a {@code <skipped>}
     * @throws InvalidInputException when the path is not workspace-relative, the hash is not 64
     *                               lowercase hex digits, a count is negative, or failed, errored
     *                               and skipped cases outnumber the tests
     */
    public TestOutcome {
        Sha256Text.requirePath(path);
        Sha256Text.require(sha256, path);
        if (tests < 0 || failures < 0 || errors < 0 || skipped < 0) {
            throw new InvalidInputException("the test counts of " + path + " cannot be negative");
        }
        if ((long) failures + errors + skipped > tests) {
            throw new InvalidInputException("the test report " + path + " cannot have more failed, errored and skipped"
                    + " test cases (" + ((long) failures + errors + skipped) + ") than test cases (" + tests + ")");
        }
    }

    /**
     * Failed plus errored test cases.
     *
     * @return failures plus errors
     */
    public int failed() {
        return failures + errors;
    }
}
