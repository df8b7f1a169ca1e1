package dev.planning.engine.internal.metrics;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.engine.internal.artifact.ErrorList;
import dev.planning.engine.internal.outcome.AccessibilityReport;
import dev.planning.engine.internal.outcome.CoverageKind;
import dev.planning.engine.internal.outcome.CoverageReports;
import dev.planning.engine.internal.outcome.DeploymentLog;
import dev.planning.engine.internal.outcome.OutcomeSet;
import dev.planning.engine.internal.outcome.TestReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** The inputs measured from imported test, coverage, accessibility and defect outcomes. */
final class OutcomeInputs {

    private OutcomeInputs() {
    }

    static Map<String, Double> of(OutcomeSet outcomes) {
        Map<String, Double> inputs = new TreeMap<>();
        tests(outcomes.tests(), inputs);
        coverage(outcomes.coverage(), inputs);
        accessibility(outcomes.accessibility(), inputs);
        OutcomeSet.requireDistinctDeployments(outcomes.deployments());
        defects(outcomes.deployments().stream().map(OutcomeSet.Stored::report).toList(), inputs);
        inputs.putAll(DoraInputs.of(outcomes.deployments().stream().map(OutcomeSet.Stored::report).toList()));
        return inputs;
    }

    private static void tests(List<OutcomeSet.Stored<TestReport>> reports, Map<String, Double> inputs) {
        if (reports.isEmpty()) {
            return;
        }
        // In longs: ints summed over reports wrap an int; a long holds 2^32 reports of 2^31-1 cases.
        long total = 0;
        long passed = 0;
        long failed = 0;
        long skipped = 0;
        for (OutcomeSet.Stored<TestReport> stored : reports) {
            TestReport report = stored.report();
            total += report.tests();
            passed += report.passed();
            failed += (long) report.failures() + report.errors();
            skipped += report.skipped();
        }
        inputs.put("tests_total", (double) total);
        inputs.put("tests_passed", (double) passed);
        inputs.put("tests_failed", (double) failed);
        inputs.put("tests_skipped", (double) skipped);
    }

    /**
     * The line coverage of each kind, merged per source file as the {@code parity_coverage} gate merges it
     * ({@link CoverageReports#total}): a figure measured while a report cannot be read or merged could be
     * off by that report, so such a report is refused, not skipped.
     */
    private static void coverage(CoverageReports reports, Map<String, Double> inputs) {
        if (!reports.problems().isEmpty()) {
            List<InvalidInputException> problems = reports.problems();
            if (problems.size() == 1) {
                throw problems.get(0);
            }
            throw ErrorList.exception("coverage reports of " + reports.directory() + " cannot be read", problems.stream()
                    .map(e -> Finding.error("coverage.unreadable", e.getMessage(),
                            e.location().orElse(SourceLocation.ofFile(reports.directory()))))
                    .toList(), SourceLocation.ofFile(reports.directory()));
        }
        reports.total(CoverageKind.UNIT).flatMap(r -> percent(r.lines().percent()))
                .ifPresent(pct -> inputs.put("coverage_unit_line_pct", pct));
        reports.total(CoverageKind.E2E).flatMap(r -> percent(r.lines().percent()))
                .ifPresent(pct -> inputs.put("coverage_e2e_line_pct", pct));
    }

    private static Optional<Double> percent(OptionalDouble value) {
        return value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty();
    }

    private static void accessibility(List<OutcomeSet.Stored<AccessibilityReport>> reports, Map<String, Double> inputs) {
        if (reports.isEmpty()) {
            return;
        }
        // In longs: ints summed over results wrap an int (two of 2^31-1 violations read -2).
        long passes = 0;
        long violations = 0;
        long incomplete = 0;
        long critical = 0;
        long serious = 0;
        for (OutcomeSet.Stored<AccessibilityReport> stored : reports) {
            AccessibilityReport report = stored.report();
            passes += report.passes();
            violations += report.violations();
            incomplete += report.incomplete();
            critical += report.violationsByImpact().getOrDefault("critical", 0);
            serious += report.violationsByImpact().getOrDefault("serious", 0);
        }
        inputs.put("a11y_passes", (double) passes);
        inputs.put("a11y_violations", (double) violations);
        inputs.put("a11y_incomplete", (double) incomplete);
        inputs.put("a11y_violations_critical", (double) critical);
        inputs.put("a11y_violations_serious", (double) serious);
    }

    private static void defects(List<DeploymentLog> logs, Map<String, Double> inputs) {
        if (logs.stream().noneMatch(DeploymentLog::defectsReported)) {
            return;
        }
        Map<String, Double> bySeverity = new TreeMap<>(Map.of("critical", 0.0, "high", 0.0, "medium", 0.0, "low", 0.0));
        double total = 0;
        double escaped = 0;
        for (DeploymentLog log : logs) {
            for (DeploymentLog.Defect defect : log.defects()) {
                total++;
                bySeverity.merge(defect.severity(), 1.0, Double::sum);
                if (defect.escaped()) {
                    escaped++;
                }
            }
        }
        inputs.put("defects_total", total);
        bySeverity.forEach((severity, count) -> inputs.put("defects_" + severity, count));
        inputs.put("defects_escaped", escaped);
    }
}
