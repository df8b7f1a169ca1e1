package dev.planning.engine.internal.outcome;

/**
 * Reads the coverage reports of a cycle's outcomes directory for the KPI inputs. This is the seam
 * through which the KPI inputs get coverage: {@link #STANDARD} binds it to {@link CoverageReports#of},
 * the very selection and per-file merge the {@code parity_coverage} gate reads, so the KPIs and the
 * gate give one figure; with {@link #NONE} coverage KPIs are reported as not measured.
 */
@FunctionalInterface
public interface CoverageReader {

    /** Reads no coverage: every coverage input stays unmeasured. */
    CoverageReader NONE = snapshot -> CoverageReports.none(snapshot.directory());

    /** Reads JaCoCo XML and LCOV as the gate does ({@link CoverageReports#of}). */
    CoverageReader STANDARD = CoverageReports::of;

    /**
     * The coverage reports of a snapshot of an outcomes directory.
     *
     * @param snapshot the directory's files, each read once
     * @return the reports read, and those that could not be read as problems
     */
    CoverageReports read(OutcomeSnapshot snapshot);
}
