package dev.planning.engine.internal.metrics;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.engine.internal.outcome.AccessibilityReport;
import dev.planning.engine.internal.outcome.CoverageSummary;
import dev.planning.engine.internal.outcome.DeploymentLog;
import dev.planning.engine.internal.outcome.OutcomeSet;
import dev.planning.engine.internal.outcome.TestReport;
import java.util.List;
import java.util.Map;
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

    private static void coverage(List<OutcomeSet.Stored<CoverageSummary>> reports, Map<String, Double> inputs) {
        long[] unit = new long[2];
        long[] e2e = new long[2];
        for (OutcomeSet.Stored<CoverageSummary> stored : reports) {
            long[] sums = stored.endToEnd() ? e2e : unit;
            try {
                sums[0] = Math.addExact(sums[0], stored.report().linesCovered());
                sums[1] = Math.addExact(sums[1], stored.report().linesTotal());
            } catch (ArithmeticException e) {
                // Fail closed: a wrapped sum was a negative total, so a percentage of nothing, or below 0.
                throw new InvalidInputException("the " + (stored.endToEnd() ? "e2e" : "unit") + " coverage reports"
                        + " count more lines than " + Long.MAX_VALUE + " (at " + stored.path() + "); their sum cannot"
                        + " be a percentage", SourceLocation.ofFile(stored.path()), e);
            }
        }
        if (unit[1] > 0) {
            inputs.put("coverage_unit_line_pct", unit[0] * 100.0 / unit[1]);
        }
        if (e2e[1] > 0) {
            inputs.put("coverage_e2e_line_pct", e2e[0] * 100.0 / e2e[1]);
        }
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
