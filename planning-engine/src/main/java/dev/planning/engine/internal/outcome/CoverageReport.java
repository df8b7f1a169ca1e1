package dev.planning.engine.internal.outcome;

import java.util.Objects;

/**
 * The totals of one coverage report.
 *
 * @param source   the file it was read from, as given for display (workspace-relative when read
 *                 from a workspace)
 * @param format   the report's format
 * @param lines    line coverage
 * @param branches branch coverage ({@link Coverage#NONE} when the report has none)
 */
public record CoverageReport(String source, Format format, Coverage lines, Coverage branches) {

    public CoverageReport {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(branches, "branches");
    }

    /** The formats read. */
    public enum Format {
        /** JaCoCo's XML report ({@code jacoco.xml}). */
        JACOCO_XML,
        /** An LCOV tracefile ({@code lcov.info}). */
        LCOV
    }
}
