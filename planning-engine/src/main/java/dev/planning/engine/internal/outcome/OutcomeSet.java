package dev.planning.engine.internal.outcome;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The outcomes imported into one cycle, parsed, each with the workspace-relative path it is stored
 * at. Lists are sorted by path, so everything computed from them is deterministic.
 *
 * @param tests         JUnit reports
 * @param coverage      coverage totals of the JaCoCo and LCOV reports the {@link CoverageReader} read
 * @param accessibility axe-core results
 * @param deployments   deployments / incidents / defects files
 */
public record OutcomeSet(List<Stored<TestReport>> tests, List<Stored<CoverageSummary>> coverage,
        List<Stored<AccessibilityReport>> accessibility, List<Stored<DeploymentLog>> deployments) {

    public OutcomeSet {
        tests = List.copyOf(tests);
        coverage = List.copyOf(coverage);
        accessibility = List.copyOf(accessibility);
        deployments = List.copyOf(deployments);
    }

    /** No outcomes at all. */
    public static OutcomeSet empty() {
        return new OutcomeSet(List.of(), List.of(), List.of(), List.of());
    }

    /**
     * One stored outcome file and what it holds.
     *
     * @param path   workspace-relative path
     * @param sha256 the SHA-256 of the bytes {@code report} was parsed from
     * @param report the parsed content
     * @param <T>    the content's type
     */
    public record Stored<T>(String path, String sha256, T report) {
        public Stored {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(report, "report");
        }

        /**
         * Whether the file is an end-to-end report: its original file name (after the hash prefix)
         * contains {@code e2e}. Everything else counts as a unit-level report.
         */
        public boolean endToEnd() {
            String name = path.substring(path.lastIndexOf('/') + 1);
            int dash = name.indexOf('-');
            return name.substring(dash + 1).toLowerCase(Locale.ROOT).contains("e2e");
        }
    }
}
