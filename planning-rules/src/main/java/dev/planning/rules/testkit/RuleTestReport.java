package dev.planning.rules.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.Printable;
import dev.planning.engine.internal.report.CommandJson;
import dev.planning.engine.internal.report.JUnitXml;
import dev.planning.engine.internal.report.Markdown;
import dev.planning.rules.internal.report.RuleTestReports;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * The outcome of running rule test cases: each case's result and the rule coverage.
 *
 * @param results   one per case, in the order run
 * @param rules     every rule of the rulebook
 * @param uncovered rules of which no case expects a violation that the rule reported
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RuleTestReport(List<CaseResult> results, SortedSet<String> rules, SortedSet<String> uncovered) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param results one per case, in the order run
     * @param rules every rule of the rulebook
     * @param uncovered rules of which no case expects a violation that the rule reported
     */
    public RuleTestReport {
        results = List.copyOf(results);
        rules = Collections.unmodifiableSortedSet(new TreeSet<>(rules));
        uncovered = Collections.unmodifiableSortedSet(new TreeSet<>(uncovered));
    }

    /**
     * Whether at least one case ran and every case passed. A run of no cases tested nothing and does not
     * pass: a rulebook whose {@code tests/} is empty or gone fails, so that a CI job cannot pass on it.
     *
     * @return whether at least one case ran and every case passed
     */
    public boolean passed() {
        return !results.isEmpty() && results.stream().allMatch(CaseResult::passed);
    }

    /** Why a run of no cases fails, in one line (without the place of the tests). */
    static final String NOTHING_TESTED = "nothing was tested: a rulebook's tests pass only when at least one case"
            + " ran; add rule tests (tests/*.yaml) that expect its rules' violations";

    /**
     * The cases that failed.
     *
     * @return the cases that failed
     */
    public List<CaseResult> failures() {
        return results.stream().filter(r -> !r.passed()).toList();
    }

    /**
     * The share of rules of which a case expects a violation that the rule reported, 0-100; 0 for a
     * report without rules (of an engine given no rule names): no rule is shown to work, and the share
     * of none is undefined, never full coverage. The outputs then say {@code none (no rules to cover)},
     * and such a report meets no coverage bound ({@link #coverageAtLeast}).
     *
     * @return the share of rules of which a case expects a violation that the rule reported, 0-100
     */
    public double coveragePercent() {
        return rules.isEmpty() ? 0.0 : 100.0 * (rules.size() - uncovered.size()) / rules.size();
    }

    /**
     * Whether the rule coverage is at least {@code percent}: what {@code rules test --fail-under} and the
     * Maven goal's {@code failUnder} check. Never for a report without rules, whatever the bound (0
     * included): coverage of no rules is undefined, not met; nor for a bound that is not a number.
     *
     * @param percent the least coverage, 0-100
     * @return whether the report has rules and at least {@code percent} of them are covered
     * @since 0.1
     */
    public boolean coverageAtLeast(double percent) {
        // NaN is below no coverage and above none: a bound that cannot be compared is not met.
        return !rules.isEmpty() && coveragePercent() >= percent;
    }

    /** How the outputs show the coverage of a report without rules. */
    static final String NO_RULES = "none (no rules to cover)";

    /** The coverage as the outputs show it: {@code 50.0% (1 of 2 rules)}, or {@link #NO_RULES}. */
    private String coverageShown() {
        return rules.isEmpty() ? NO_RULES : String.format(Locale.ROOT, "%.1f%% (%d of %d rules)", coveragePercent(),
                rules.size() - uncovered.size(), rules.size());
    }

    /**
     * A plain-text summary: failures with their diffs, then the counts and coverage.
     *
     * @return a plain-text summary: failures with their diffs, then the counts and coverage
     */
    public String summary() {
        StringBuilder out = new StringBuilder();
        for (CaseResult failure : failures()) {
            out.append("FAIL ").append(Printable.line(failure.testCase().source().toString())).append(": ")
                    .append(Printable.line(failure.testCase().name()))
                    .append('\n').append(failure.diff().indent(2));
        }
        long passed = results.stream().filter(CaseResult::passed).count();
        out.append(passed).append(" passed, ").append(results.size() - passed).append(" failed\n");
        out.append("rule coverage: ").append(coverageShown()).append('\n');
        if (!uncovered.isEmpty()) {
            out.append("rules no case expects a violation of: ").append(String.join(", ", uncovered)).append('\n');
        }
        return out.toString();
    }

    /**
     * The report as JUnit XML, as {@code planning rules test --format junit} prints it: one suite per
     * test file (the class name is the file, the case name its name, both stable), plus a
     * {@code rule-coverage} suite with a case per rule, failed when no case expects a violation of it and
     * {@code strictCoverage} is set (a report without rules has one failed case, {@code no rules}, there
     * then). A run of no cases has a {@code rule-tests} suite whose one case, {@code no test cases},
     * failed: nothing was tested.
     *
     * @param strictCoverage whether a rule no case expects a violation of fails its {@code rule-coverage} case
     * @return the JUnit XML text
     */
    public String junitXml(boolean strictCoverage) {
        Map<String, List<JUnitXml.TestCase>> byFile = new TreeMap<>();
        for (CaseResult result : results) {
            String file = result.testCase().source().file();
            JUnitXml.TestCase testCase = result.passed()
                    ? JUnitXml.TestCase.passed(file, result.testCase().name())
                    : JUnitXml.TestCase.failed(file, result.testCase().name(),
                            new JUnitXml.Failure("RuleTestFailure", "violations differ from the expectation", result.diff()));
            byFile.computeIfAbsent(file, f -> new ArrayList<>()).add(testCase);
        }
        List<JUnitXml.Suite> suites = new ArrayList<>();
        byFile.forEach((file, cases) -> suites.add(new JUnitXml.Suite(file, cases)));
        if (results.isEmpty()) {
            // A report a CI shows as green when it holds no failure: a run of no cases is one.
            suites.add(new JUnitXml.Suite("rule-tests", List.of(JUnitXml.TestCase.failed("rule-tests", "no test cases",
                    new JUnitXml.Failure("NoTestCases", "no test cases: " + NOTHING_TESTED, "")))));
        }
        List<JUnitXml.TestCase> coverage = new ArrayList<>();
        for (String rule : rules) {
            coverage.add(uncovered.contains(rule) && strictCoverage
                    ? JUnitXml.TestCase.failed("rule-coverage", rule,
                            new JUnitXml.Failure("UncoveredRule", "no test expects a violation of rule " + rule, ""))
                    : JUnitXml.TestCase.passed("rule-coverage", rule));
        }
        if (rules.isEmpty() && strictCoverage) {
            coverage.add(JUnitXml.TestCase.failed("rule-coverage", "no rules",
                    new JUnitXml.Failure("NoRules", "rule coverage: " + NO_RULES + "; no bound is met", "")));
        }
        suites.add(new JUnitXml.Suite("rule-coverage", coverage));
        return JUnitXml.render("planning rules test", suites);
    }

    /**
     * The report as Markdown, as {@code planning rules test --format markdown} prints it: a heading with
     * the verdict (PASSED when a case ran, every case passed and the coverage is at least {@code failUnder}:
     * {@link #coverageAtLeast}),
     * the counts, the coverage and the rulebook's hash (a code span, the exact value), a table of the cases
     * with the difference of each that failed, and the rules no case fired. Case names and differences
     * are the rulebook's text: escaped so that they render as exactly the text they are, on one line,
     * never as markup, a link, a mention or a cell of their own; a line break, a tab or another control
     * character in a name, a source or a value shows as {@code \u005cuXXXX} ({@link Printable#line}), as in the
     * text the command line prints and the Maven plugin logs. The same inputs give the same text.
     *
     * <pre>{@code
     * List<RuleTestCase> cases = RuleTestFiles.readRulebookTests(rulebook.directory());
     * RuleTestReport report = RuleTestRunner.forRulebook(rulebook).run(cases);
     * String summary = report.markdown(rulebook.hash(), OptionalDouble.of(80));
     * }</pre>
     *
     * @param rulebookHash the hash of the rulebook the cases ran under
     * @param failUnder the coverage in percent below which the verdict is FAILED; empty for none
     * @return the Markdown text
     * @since 0.1
     */
    public String markdown(String rulebookHash, OptionalDouble failUnder) {
        Objects.requireNonNull(rulebookHash, "rulebookHash");
        Objects.requireNonNull(failUnder, "failUnder");
        boolean covered = failUnder.isEmpty() || coverageAtLeast(failUnder.getAsDouble());
        StringBuilder md = new StringBuilder(Markdown.verdict("planning rules test",
                passed() && covered ? "PASSED" : "FAILED"));
        long passed = results.stream().filter(CaseResult::passed).count();
        md.append(Markdown.escape(passed + " passed, " + (results.size() - passed) + " failed; "
                + "rule coverage " + coverageShown()
                + (failUnder.isPresent() ? String.format(Locale.ROOT, ", required %.1f%%", failUnder.getAsDouble()) : "")
                + "; rulebook ")).append(Markdown.hash(rulebookHash)).append("\n\n");
        md.append(Markdown.table(List.of("result", "case", "source", "difference"), results.stream()
                // The name and source as the difference beside them, the text and the build log show them (cli39): a
                // line break, a tab or another control as its escape (Printable.line), not a blank like a space.
                .map(r -> List.of(r.passed() ? "pass" : "FAIL", Printable.line(r.testCase().name()),
                        Printable.line(r.testCase().source().toString()), r.passed() ? "" : r.diff().strip()))
                .toList()));
        if (results.isEmpty()) {
            md.append(Markdown.escape("no test cases: " + NOTHING_TESTED)).append("\n\n");
        }
        if (!uncovered.isEmpty()) {
            md.append(Markdown.escape("rules no test expects a violation of: " + String.join(", ", uncovered)))
                    .append("\n\n");
        }
        return md.toString();
    }

    /**
     * The report as JSON, as {@code planning rules test --format json} prints it (schema
     * {@code schemas/output/rules-test/1.0.json} of the engine jar): the rulebook and its hash,
     * {@code passed} (a case ran, every case passed and the coverage is at least {@code failUnder}), the counts, the
     * coverage (one decimal, the bound, every rule, the rules no case fired) and each case with the
     * violations it missed or did not expect and how often each rule fired. Without a trailing line
     * break (the command line prints one after it); the same inputs give the same text.
     *
     * <pre>{@code
     * String json = report.json(rulebook.directory().toString(), rulebook.hash(), OptionalDouble.of(80));
     * }</pre>
     *
     * @param rulebook how the document names the rulebook (its directory, as shown)
     * @param rulebookHash the hash of the rulebook the cases ran under
     * @param failUnder the coverage in percent below which {@code passed} is false; empty for none
     * @return the JSON text
     * @since 0.1
     */
    public String json(String rulebook, String rulebookHash, OptionalDouble failUnder) {
        return CommandJson.write(RuleTestReports.json(this, Objects.requireNonNull(rulebook, "rulebook"),
                Objects.requireNonNull(rulebookHash, "rulebookHash"), Objects.requireNonNull(failUnder, "failUnder")));
    }
}
