package dev.planning.engine.internal.outcome;

import dev.planning.api.outcome.OutcomeKind;
import java.util.Optional;

/**
 * Reads the line totals of an imported coverage report (JaCoCo XML or LCOV). This is the seam
 * through which the KPI inputs get coverage: {@link #STANDARD} binds it to the coverage parsers;
 * with {@link #NONE} coverage KPIs are reported as not measured.
 */
@FunctionalInterface
public interface CoverageReader {

    /** Reads no coverage: every coverage input stays unmeasured. */
    CoverageReader NONE = (kind, content, displayPath) -> Optional.empty();

    /** Reads JaCoCo XML and LCOV with the hardened {@link JacocoXml} and {@link Lcov} parsers. */
    CoverageReader STANDARD = (kind, content, displayPath) -> {
        CoverageReport report;
        if (kind == OutcomeKind.JACOCO) {
            report = JacocoXml.parse(new java.io.ByteArrayInputStream(content), displayPath);
        } else if (kind == OutcomeKind.LCOV) {
            report = Lcov.parse(content, displayPath);
        } else {
            return Optional.empty();
        }
        return Optional.of(new CoverageSummary(report.lines().covered(), report.lines().total()));
    };

    /**
     * The totals of one report.
     *
     * @param kind        {@link OutcomeKind#JACOCO} or {@link OutcomeKind#LCOV}
     * @param content     the report's bytes
     * @param displayPath how errors name the file
     * @return the totals, or empty when this reader cannot read the kind
     * @throws dev.planning.api.InvalidInputException when the report is malformed
     */
    Optional<CoverageSummary> read(OutcomeKind kind, byte[] content, String displayPath);
}
