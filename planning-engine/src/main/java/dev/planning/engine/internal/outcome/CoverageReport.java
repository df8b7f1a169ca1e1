package dev.planning.engine.internal.outcome;

import java.util.List;
import java.util.Objects;

/**
 * The totals of one coverage report.
 *
 * @param source   the file it was read from, as given for display (workspace-relative when read
 *                 from a workspace)
 * @param format   the report's format
 * @param lines    line coverage
 * @param branches branch coverage ({@link Coverage#NONE} when the report has none)
 * @param files    its source files, each with its lines as far as the report lists them; their totals
 *                 add up to at most {@code lines} and {@code branches} (a JaCoCo report's lines in no
 *                 {@code <sourcefile>}, or one of totals only, lists fewer)
 */
public record CoverageReport(String source, Format format, Coverage lines, Coverage branches,
        List<SourceCoverage> files) {

    public CoverageReport {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(branches, "branches");
        files = List.copyOf(files);
    }

    /** A report of totals only: no source file listed. */
    public CoverageReport(String source, Format format, Coverage lines, Coverage branches) {
        this(source, format, lines, branches, List.of());
    }

    /** The formats read. */
    public enum Format {
        /** JaCoCo's XML report ({@code jacoco.xml}). */
        JACOCO_XML,
        /** An LCOV tracefile ({@code lcov.info}). */
        LCOV
    }
}
