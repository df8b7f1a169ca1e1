package dev.planning.engine.internal.gate.parity;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.gate.StreamThresholds;
import dev.planning.engine.internal.outcome.CoverageKind;
import dev.planning.engine.internal.outcome.CoverageReport;
import dev.planning.engine.internal.outcome.CoverageReports;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Coverage after execution. For each kind (unit, e2e) the reports in the cycle's outcomes are
 * summed; their line coverage must reach the rulebook's {@code <kind>_coverage_min} (percent) when
 * set above 0 (no report at all is then an error too), and must not fall below the previous cycle's by
 * more than {@code coverage_regression_tolerance_pct} (default 0). The previous cycle is the
 * stream's cycle just before this one in cycle-id order, among those with planning files; its
 * coverage comes from its own outcomes directory.
 */
final class CoverageCheck {

    private CoverageCheck() {
    }

    static void check(CycleRef cycle, CoverageReports current, Optional<CycleRef> previousCycle,
            Optional<CoverageReports> previous, StreamThresholds thresholds, Map<String, Object> evidence,
            List<Finding> findings) {
        for (InvalidInputException problem : current.problems()) {
            findings.add(new Finding(ParityCodes.COVERAGE_UNREADABLE, Severity.ERROR, "coverage report unreadable: "
                    + problem.getMessage(), Optional.of(problem.location().orElse(
                    SourceLocation.ofFile(current.directory()))), Optional.empty()));
        }
        double tolerance = thresholds.get("coverage_regression_tolerance_pct", 0);
        Map<String, Object> coverage = new LinkedHashMap<>();
        for (CoverageKind kind : CoverageKind.values()) {
            String minimumName = kind.key() + "_coverage_min";
            Optional<Double> minimum = thresholds.minimum(minimumName);
            Optional<CoverageReport> report = current.total(kind);
            if (report.isEmpty()) {
                minimum.ifPresent(min -> findings.add(Finding.error(ParityCodes.COVERAGE_MISSING, "the rulebook requires "
                        + kind.key() + " coverage of at least " + PlanParity.percent(min) + "% (" + minimumName
                        + ") but " + current.directory() + " holds no " + kind.key() + " coverage report (JaCoCo XML or"
                        + " LCOV" + (kind == CoverageKind.E2E ? ", with e2e in its name" : "") + ")",
                        SourceLocation.ofFile(current.directory()))));
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("report", report.get().source());
            Optional<Double> lines = optional(report.get().lines().percent());
            entry.put("line_pct", lines.map(DeliveryParity::round).orElse(null));
            entry.put("branch_pct", optional(report.get().branches().percent()).map(DeliveryParity::round).orElse(null));
            minimum.ifPresent(min -> entry.put("minimum", min));
            SourceLocation where = SourceLocation.ofFile(report.get().source());
            if (minimum.isPresent() && lines.orElse(0.0) < minimum.get()) {
                findings.add(Finding.error(ParityCodes.COVERAGE_BELOW, kind.key() + " line coverage is "
                        + lines.map(DeliveryParity::round).map(String::valueOf).orElse("unmeasured (no lines)")
                        + (lines.isPresent() ? "%" : "") + ", below the rulebook's " + minimumName + " of "
                        + PlanParity.percent(minimum.get()) + "% (" + report.get().source() + ")", where));
            }
            Optional<Double> before = previous.flatMap(p -> p.total(kind)).flatMap(r -> optional(r.lines().percent()));
            if (before.isPresent() && lines.isPresent()) {
                double delta = DeliveryParity.round(lines.get() - before.get());
                entry.put("previous_cycle", previousCycle.orElseThrow().cycleId());
                entry.put("previous_line_pct", DeliveryParity.round(before.get()));
                entry.put("delta_pct", delta);
                if (delta < -tolerance) {
                    findings.add(Finding.error(ParityCodes.COVERAGE_REGRESSION, kind.key() + " line coverage fell from "
                            + DeliveryParity.round(before.get()) + "% in cycle " + previousCycle.orElseThrow().cycleId()
                            + " to " + DeliveryParity.round(lines.get()) + "% in " + cycle.cycleId() + " (" + delta
                            + " points, tolerance " + PlanParity.percent(tolerance) + ")", where));
                }
            }
            coverage.put(kind.key(), entry);
        }
        evidence.put("coverage", coverage);
    }

    private static Optional<Double> optional(java.util.OptionalDouble value) {
        return value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty();
    }
}
