package dev.planning.cli;

import dev.planning.api.Printable;
import dev.planning.rules.testkit.CaseResult;
import dev.planning.rules.testkit.RuleTestReport;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders the outcome of {@code planning rules test} as text for people and as JUnit XML (the JSON and
 * the Markdown are the rule test kit's: {@code RuleTestReport.json}, {@code RuleTestReport.markdown}).
 */
final class RuleTestReports {

    private RuleTestReports() {
    }

    static String text(RuleTests.Outcome outcome, Optional<Double> failUnder) {
        RuleTestReport report = outcome.report();
        StringBuilder text = new StringBuilder();
        for (CaseResult result : report.results()) {
            // A case's name is the rulebook's text, on its line: a line break in it printed a line of its own, such
            // as a forged "3 passed, 0 failed" above the run's own counts (attack38).
            text.append(result.passed() ? "PASS " : "FAIL ").append(Printable.line(result.testCase().id()));
            if (!result.passed()) {
                text.append("  (").append(Printable.line(result.testCase().source().toString())).append(")\n")
                        .append(result.diff().indent(2));
            } else {
                text.append('\n');
            }
        }
        if (report.results().isEmpty()) {
            // Fails the run (exit 1): a CI job must not pass on a rulebook whose tests are empty or gone.
            // The directory on its line, as every other value (cli39): a line break in its name printed a line.
            text.append("no test cases in ").append(Printable.line(outcome.rulebook().directory().resolve("tests")
                    .toString()))
                    .append(": nothing was tested; add rule tests (tests/*.yaml) that expect its rules' violations\n");
        }
        long passed = report.results().stream().filter(CaseResult::passed).count();
        text.append(passed).append(" passed, ").append(report.results().size() - passed).append(" failed\n");
        text.append(String.format(Locale.ROOT, "rule coverage: %.1f%% (%d of %d rules)", report.coveragePercent(),
                report.rules().size() - report.uncovered().size(), report.rules().size()));
        failUnder.ifPresent(min -> text.append(String.format(Locale.ROOT, ", required %.1f%%%s", min,
                report.coverageAtLeast(min) ? "" : ": TOO LOW")));
        text.append('\n');
        if (!report.uncovered().isEmpty()) {
            text.append("rules no test expects a violation of: ").append(String.join(", ", report.uncovered()))
                    .append('\n');
        }
        return text.toString();
    }

    /**
     * JUnit XML: one suite per test file (the class name is the file, the case name its name, both
     * stable), plus a {@code rule-coverage} suite with a case per rule, failed when no test expects a violation of it
     * and {@code --fail-under} asks for full coverage.
     */
    static String junit(RuleTests.Outcome outcome, Optional<Double> failUnder) {
        return outcome.report().junitXml(failUnder.map(min -> min >= 100).orElse(false));
    }
}
