package dev.planning.api.outcome;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.InvalidInputException;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The totals of one coverage report (JaCoCo XML or LCOV) found in a cycle's outcomes, as a gate
 * sees them through {@link CoverageOutcomes}.
 *
 * @param path             where the report is stored, workspace-relative with {@code /} separators
 * @param sha256           the SHA-256 of the file's bytes, 64 lowercase hexadecimal digits
 * @param format           {@link OutcomeKind#JACOCO} or {@link OutcomeKind#LCOV}
 * @param endToEnd         whether the report measures end-to-end tests: its path below the
 *                         outcomes directory contains {@code e2e}, in any case
 * @param linesCovered     lines executed at least once
 * @param linesMissed      lines never executed
 * @param branchesCovered  branches taken ({@code 0} with {@code branchesMissed} when the report has none)
 * @param branchesMissed   branches never taken
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CoverageOutcome(String path, String sha256, OutcomeKind format, boolean endToEnd, long linesCovered,
        long linesMissed, long branchesCovered, long branchesMissed) {

    /**
     * Checks the components; the class comment says what each holds.
     *
     * @param path where the report is stored, workspace-relative with {@code /} separators
     * @param sha256 the SHA-256 of the file's bytes, 64 lowercase hexadecimal digits
     * @param format {@link OutcomeKind#JACOCO} or {@link OutcomeKind#LCOV}
     * @param endToEnd whether the report measures end-to-end tests: its path below the outcomes directory
     *                 contains {@code e2e}, in any case
     * @param linesCovered lines executed at least once
     * @param linesMissed lines never executed
     * @param branchesCovered branches taken ({@code 0} with {@code branchesMissed} when the report has none)
     * @param branchesMissed branches never taken
     * @throws InvalidInputException when the path is not workspace-relative, the hash is not 64
     *                               lowercase hex digits, the format is not a coverage format, a
     *                               count is negative, or covered plus missed (lines, or branches)
     *                               is more than a {@code long} holds
     */
    public CoverageOutcome {
        Sha256Text.requirePath(path);
        Sha256Text.require(sha256, path);
        Objects.requireNonNull(format, "format");
        if (!format.isCoverage()) {
            throw new InvalidInputException("the coverage report " + path + " must be JACOCO or LCOV, not " + format);
        }
        if (linesCovered < 0 || linesMissed < 0 || branchesCovered < 0 || branchesMissed < 0) {
            throw new InvalidInputException("the coverage counts of " + path + " cannot be negative");
        }
        requireTotal("line", linesCovered, linesMissed, path);
        requireTotal("branch", branchesCovered, branchesMissed, path);
    }

    /** Covered plus missed must be a count a {@code long} holds: a wrapped sum is a negative total. */
    private static void requireTotal(String what, long covered, long missed, String path) {
        if (covered > Long.MAX_VALUE - missed) {
            throw new InvalidInputException("the " + what + " counts of " + path + " are too large: covered (" + covered
                    + ") plus missed (" + missed + ") exceed " + Long.MAX_VALUE);
        }
    }
}
