package dev.planning.cli;

import dev.planning.api.governance.Violation;
import dev.planning.rules.testkit.CaseResult;
import dev.planning.rules.testkit.ExpectedViolation;
import dev.planning.rules.testkit.RuleTestReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Renders the outcome of {@code planning rules test} as text for people or JSON for scripts. */
final class RuleTestReports {

    private RuleTestReports() {
    }

    static String text(RuleTests.Outcome outcome, Optional<Double> failUnder) {
        RuleTestReport report = outcome.report();
        StringBuilder text = new StringBuilder();
        for (CaseResult result : report.results()) {
            text.append(result.passed() ? "PASS " : "FAIL ").append(result.testCase().id());
            if (!result.passed()) {
                text.append("  (").append(result.testCase().source()).append(")\n").append(result.diff().indent(2));
            } else {
                text.append('\n');
            }
        }
        if (report.results().isEmpty()) {
            text.append("no test cases in ").append(outcome.rulebook().directory().resolve("tests")).append('\n');
        }
        long passed = report.results().stream().filter(CaseResult::passed).count();
        text.append(passed).append(" passed, ").append(report.results().size() - passed).append(" failed\n");
        text.append(String.format(Locale.ROOT, "rule coverage: %.1f%% (%d of %d rules)", report.coveragePercent(),
                report.rules().size() - report.uncovered().size(), report.rules().size()));
        failUnder.ifPresent(min -> text.append(String.format(Locale.ROOT, ", required %.1f%%%s", min,
                report.coveragePercent() < min ? ": TOO LOW" : "")));
        text.append('\n');
        if (!report.uncovered().isEmpty()) {
            text.append("rules no test fired: ").append(String.join(", ", report.uncovered())).append('\n');
        }
        return text.toString();
    }

    static Map<String, Object> json(RuleTests.Outcome outcome, Optional<Double> failUnder) {
        RuleTestReport report = outcome.report();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rulebook", outcome.rulebook().directory().toString());
        json.put("rulebook_hash", outcome.rulebook().hash());
        json.put("passed", report.passed() && failUnder.map(min -> report.coveragePercent() >= min).orElse(true));
        long passed = report.results().stream().filter(CaseResult::passed).count();
        json.put("tests", Map.of("total", report.results().size(), "passed", passed,
                "failed", report.results().size() - passed));
        Map<String, Object> coverage = new LinkedHashMap<>();
        coverage.put("percent", Math.round(report.coveragePercent() * 10) / 10.0);
        coverage.put("fail_under", failUnder.orElse(null));
        coverage.put("rules", List.copyOf(report.rules()));
        coverage.put("uncovered", List.copyOf(report.uncovered()));
        json.put("coverage", coverage);
        json.put("cases", report.results().stream().map(RuleTestReports::result).toList());
        return json;
    }

    /**
     * JUnit XML: one suite per test file (the class name is the file, the case name its name, both
     * stable), plus a {@code rule-coverage} suite with a case per rule, failed when no test fired it
     * and {@code --fail-under} asks for full coverage.
     */
    static String junit(RuleTests.Outcome outcome, Optional<Double> failUnder) {
        return outcome.report().junitXml(failUnder.map(min -> min >= 100).orElse(false));
    }

    private static Map<String, Object> result(CaseResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", result.testCase().id());
        json.put("file", result.testCase().source().file());
        json.put("line", result.testCase().source().line());
        json.put("name", result.testCase().name());
        json.put("passed", result.passed());
        json.put("missing", result.missing().stream().map(RuleTestReports::pair).toList());
        json.put("unexpected", result.unexpected().stream().map(u -> {
            Map<String, Object> pair = pair(u);
            Optional<Violation> actual = result.decision()
                    .flatMap(d -> d.violations().stream().filter(u::matches).findFirst());
            actual.ifPresent(v -> pair.put("message", v.message()));
            return pair;
        }).toList());
        json.put("error", result.error().orElse(null));
        json.put("rules_fired", result.decision().map(d -> d.rulesFired()).orElse(Map.of()));
        return json;
    }

    private static Map<String, Object> pair(ExpectedViolation v) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rule", v.rule());
        json.put("item", v.item());
        return json;
    }
}
