package dev.planning.api.outcome;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.InvalidInputException;
import org.apiguardian.api.API;

/**
 * The coverage of one kind (unit or end-to-end) of a cycle's coverage reports, merged per source
 * file as {@code lcov -a} and JaCoCo's merge do: a source file in several reports counts each of its
 * lines (and branches) once, covered when any report covered it, so a file is never counted twice
 * and never beyond 100 %. Files are matched by the name their format gives them: an LCOV
 * {@code SF:} path in one spelling ({@code ./src/a.js}, {@code src//a.js} and {@code src\a.js} are
 * {@code src/a.js}; a path with a {@code ..} segment is refused), a JaCoCo file by its package and
 * source file name whatever {@code <group>} holds it. Names that may be one file or two (an LCOV path
 * ending with a JaCoCo file's package and name, a relative LCOV path an absolute one ends with) are
 * refused, and the kind then has no total, rather than counted twice or merged. This is the figure the
 * {@code parity_coverage} gate and the coverage KPIs judge; {@link CoverageOutcomes#total} gives it.
 *
 * @param endToEnd        whether these are the end-to-end reports ({@link CoverageOutcome#endToEnd()})
 * @param reports         how many reports were merged, at least 1
 * @param linesCovered    lines executed at least once by any report
 * @param linesMissed     lines no report executed
 * @param branchesCovered branches taken
 * @param branchesMissed  branches never taken
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CoverageTotal(boolean endToEnd, int reports, long linesCovered, long linesMissed,
        long branchesCovered, long branchesMissed) {

    /**
     * Checks the components; the class comment says what each holds.
     *
     * @param endToEnd whether these are the end-to-end reports
     * @param reports how many reports were merged, at least 1
     * @param linesCovered lines executed at least once by any report
     * @param linesMissed lines no report executed
     * @param branchesCovered branches taken
     * @param branchesMissed branches never taken
     * @throws InvalidInputException when {@code reports} is below 1, a count is negative, or covered
     *                               plus missed (lines, or branches) is more than a {@code long} holds
     */
    public CoverageTotal {
        if (reports < 1) {
            throw new InvalidInputException("a coverage total merges at least one report, not " + reports);
        }
        if (linesCovered < 0 || linesMissed < 0 || branchesCovered < 0 || branchesMissed < 0) {
            throw new InvalidInputException("the merged coverage counts cannot be negative");
        }
        if (linesCovered > Long.MAX_VALUE - linesMissed || branchesCovered > Long.MAX_VALUE - branchesMissed) {
            throw new InvalidInputException("the merged coverage counts are too large: covered plus missed exceed "
                    + Long.MAX_VALUE);
        }
    }

    /**
     * Lines covered and missed.
     *
     * @return the number of lines measured
     */
    public long lines() {
        return linesCovered + linesMissed;
    }

    /**
     * Branches covered and missed.
     *
     * @return the number of branches measured
     */
    public long branches() {
        return branchesCovered + branchesMissed;
    }
}
