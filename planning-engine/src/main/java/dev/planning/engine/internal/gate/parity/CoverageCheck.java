package dev.planning.engine.internal.gate.parity;

import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.outcome.CoverageOutcome;
import dev.planning.api.outcome.CoverageOutcomes;
import dev.planning.engine.internal.gate.StreamThresholds;
import dev.planning.engine.internal.outcome.Coverage;
import dev.planning.engine.internal.outcome.CoverageKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Coverage after execution. For each kind (unit, e2e) the reports in the cycle's outcomes are
 * merged per source file ({@link CoverageOutcomes#total}: a file in two reports counts once); their line coverage must reach the rulebook's {@code <kind>_coverage_min} (percent) when
 * set above 0 (no report at all is then an error too), and must not fall below the previous cycle's by
 * more than {@code coverage_regression_tolerance_pct} (default 0). The previous cycle is the
 * stream's cycle just before this one in cycle-id order, among those with planning files; its
 * coverage comes from its own outcomes directory, and a report there that cannot be read is an
 * error (it could hold the coverage this cycle fell from). Both come from the context.
 */
final class CoverageCheck {

    private CoverageCheck() {
    }

    static void check(CycleRef cycle, CoverageOutcomes current, Optional<CoverageOutcomes> previous,
            StreamThresholds thresholds, Map<String, Object> evidence, List<Finding> findings) {
        for (CoverageOutcomes.Unreadable problem : current.problems()) {
            findings.add(new Finding(ParityCodes.COVERAGE_UNREADABLE, Severity.ERROR, "coverage report unreadable: "
                    + problem.message(), Optional.of(problem.location()), Optional.empty()));
        }
        // Fail closed: an unreadable report of the previous cycle could hold the coverage this one fell from.
        previous.ifPresent(p -> p.problems().forEach(problem -> findings.add(new Finding(
                ParityCodes.COVERAGE_UNREADABLE, Severity.ERROR, "coverage report of the previous cycle "
                        + p.cycle().cycleId() + " unreadable, so a regression cannot be ruled out: " + problem.message(),
                Optional.of(problem.location()), Optional.empty()))));
        double tolerance = thresholds.get("coverage_regression_tolerance_pct", 0);
        Map<String, Object> coverage = new LinkedHashMap<>();
        for (CoverageKind kind : CoverageKind.values()) {
            String minimumName = kind.key() + "_coverage_min";
            Optional<Double> minimum = thresholds.minimum(minimumName);
            Optional<Total> report = total(current, kind);
            if (report.isEmpty() && current.reports().stream().anyMatch(r -> r.endToEnd() == (kind == CoverageKind.E2E))) {
                // Its reports could not be merged: the problem above fails the gate; "no report" would be untrue.
                continue;
            }
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
            Optional<Double> before = previous.flatMap(p -> total(p, kind)).flatMap(r -> optional(r.lines().percent()));
            if (before.isPresent() && lines.isPresent()) {
                double delta = DeliveryParity.round(lines.get() - before.get());
                entry.put("previous_cycle", previous.orElseThrow().cycle().cycleId());
                entry.put("previous_line_pct", DeliveryParity.round(before.get()));
                entry.put("delta_pct", delta);
                if (delta < -tolerance) {
                    findings.add(Finding.error(ParityCodes.COVERAGE_REGRESSION, kind.key() + " line coverage fell from "
                            + DeliveryParity.round(before.get()) + "% in cycle " + previous.orElseThrow().cycle().cycleId()
                            + " to " + DeliveryParity.round(lines.get()) + "% in " + cycle.cycleId() + " (" + delta
                            + " points, tolerance " + PlanParity.percent(tolerance) + ")", where));
                }
            }
            coverage.put(kind.key(), entry);
        }
        evidence.put("coverage", coverage);
    }

    /**
     * The coverage of one kind's reports, merged per source file ({@link CoverageOutcomes#total}), when
     * there is any: named by its file when there is one report, by the directory and the count when there
     * are several.
     */
    private static Optional<Total> total(CoverageOutcomes outcomes, CoverageKind kind) {
        boolean endToEnd = kind == CoverageKind.E2E;
        return outcomes.total(endToEnd).map(total -> {
            List<CoverageOutcome> ofKind = outcomes.reports().stream()
                    .filter(report -> report.endToEnd() == endToEnd).toList();
            String source = ofKind.size() == 1 ? ofKind.get(0).path()
                    : outcomes.directory() + " (" + ofKind.size() + " reports, merged per source file)";
            return new Total(source, new Coverage(total.linesCovered(), total.linesMissed()),
                    new Coverage(total.branchesCovered(), total.branchesMissed()));
        });
    }

    /** A kind's coverage merged over its reports. */
    private record Total(String source, Coverage lines, Coverage branches) {
    }

    private static Optional<Double> optional(OptionalDouble value) {
        return value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty();
    }
}
