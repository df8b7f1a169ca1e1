package dev.planning.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.planning.api.governance.Violation;
import dev.planning.rules.testkit.CaseResult;
import dev.planning.rules.testkit.RuleTestReport;
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
            text.append("rules no test expects a violation of: ").append(String.join(", ", report.uncovered()))
                    .append('\n');
        }
        return text.toString();
    }

    /** {@code rules test --format json}. */
    record RuleTestsJson(String rulebook, @JsonProperty("rulebook_hash") String rulebookHash, boolean passed,
            TestsJson tests, CoverageJson coverage, List<CaseJson> cases) {
    }

    /** How many cases ran, passed and failed. */
    record TestsJson(int total, long passed, long failed) {
    }

    /**
     * Rule coverage: the percentage (one decimal), the minimum asked for, every rule and those no case
     * expects a violation of.
     */
    record CoverageJson(double percent, @JsonProperty("fail_under") Double failUnder, List<String> rules,
            List<String> uncovered) {
    }

    /** One case: where it is, whether it passed, the violations it missed or did not expect. */
    record CaseJson(String id, String file, int line, String name, boolean passed, List<PairJson> missing,
            List<PairJson> unexpected, String error, @JsonProperty("rules_fired") Map<String, Integer> rulesFired) {
    }

    /** A violation by rule and item; the message when the engine produced it. */
    record PairJson(String rule, String item, @JsonInclude(JsonInclude.Include.NON_NULL) String message) {
    }

    static RuleTestsJson json(RuleTests.Outcome outcome, Optional<Double> failUnder) {
        RuleTestReport report = outcome.report();
        long passed = report.results().stream().filter(CaseResult::passed).count();
        return new RuleTestsJson(outcome.rulebook().directory().toString(), outcome.rulebook().hash(),
                report.passed() && failUnder.map(min -> report.coveragePercent() >= min).orElse(true),
                new TestsJson(report.results().size(), passed, report.results().size() - passed),
                new CoverageJson(Math.round(report.coveragePercent() * 10) / 10.0, failUnder.orElse(null),
                        List.copyOf(report.rules()), List.copyOf(report.uncovered())),
                report.results().stream().map(RuleTestReports::result).toList());
    }

    /**
     * JUnit XML: one suite per test file (the class name is the file, the case name its name, both
     * stable), plus a {@code rule-coverage} suite with a case per rule, failed when no test expects a violation of it
     * and {@code --fail-under} asks for full coverage.
     */
    static String junit(RuleTests.Outcome outcome, Optional<Double> failUnder) {
        return outcome.report().junitXml(failUnder.map(min -> min >= 100).orElse(false));
    }

    private static CaseJson result(CaseResult result) {
        return new CaseJson(result.testCase().id(), result.testCase().source().file(), result.testCase().source().line(),
                result.testCase().name(), result.passed(),
                result.missing().stream().map(v -> new PairJson(v.rule(), v.item(), null)).toList(),
                result.unexpected().stream().map(u -> new PairJson(u.rule(), u.item(), result.decision()
                        .flatMap(d -> d.violations().stream().filter(u::matches).findFirst())
                        .map(Violation::message).orElse(null))).toList(),
                result.error().orElse(null), result.decision().map(d -> d.rulesFired()).orElse(Map.of()));
    }
}
