package dev.planning.engine.internal.outcome;

import dev.planning.api.InvalidInputException;
import java.util.Optional;

/**
 * The line coverage totals of one coverage report (JaCoCo XML or LCOV), as the KPI inputs need
 * them.
 *
 * @param linesCovered lines executed at least once
 * @param linesTotal   lines that could be executed
 */
public record CoverageSummary(long linesCovered, long linesTotal) {

    public CoverageSummary {
        if (linesCovered < 0 || linesTotal < 0 || linesCovered > linesTotal) {
            throw new InvalidInputException("coverage counts must satisfy 0 <= covered (" + linesCovered
                    + ") <= total (" + linesTotal + ")");
        }
    }

    /** Covered lines as a percentage; empty when the report has no lines. */
    public Optional<Double> linePercent() {
        return linesTotal == 0 ? Optional.empty() : Optional.of(linesCovered * 100.0 / linesTotal);
    }
}
