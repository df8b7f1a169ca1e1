package dev.planning.rules.internal.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.planning.api.governance.Violation;
import dev.planning.rules.testkit.CaseResult;
import dev.planning.rules.testkit.RuleTestReport;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The JSON document of {@code planning rules test} (moved from the command line's {@code RuleTestReports}).
 *
 * @since 0.1
 */
public final class RuleTestReports {

    private RuleTestReports() {
    }

    /**
     * {@code rules test --format json}.
     *
     * @param rulebook the rulebook directory, as shown
     * @param rulebookHash its hash
     * @param passed whether every case passed and the coverage is high enough
     * @param tests the counts
     * @param coverage the rule coverage
     * @param cases each case
     */
    public record RuleTestsJson(String rulebook, @JsonProperty("rulebook_hash") String rulebookHash, boolean passed,
            TestsJson tests, CoverageJson coverage, List<CaseJson> cases) {
    }

    /**
     * How many cases ran, passed and failed.
     *
     * @param total the cases run
     * @param passed those that passed
     * @param failed those that failed
     */
    public record TestsJson(int total, long passed, long failed) {
    }

    /**
     * Rule coverage: the percentage (one decimal), the minimum asked for, every rule and those no case
     * expects a violation of.
     *
     * @param percent the coverage, one decimal (0 without rules: {@link RuleTestReport#coveragePercent()})
     * @param failUnder the minimum asked for, or {@code null}
     * @param rules every rule
     * @param uncovered the rules no case expects a violation of
     */
    public record CoverageJson(double percent, @JsonProperty("fail_under") Double failUnder, List<String> rules,
            List<String> uncovered) {
    }

    /**
     * One case: where it is, whether it passed, the violations it missed or did not expect.
     *
     * @param id its id
     * @param file its file
     * @param line its line
     * @param name its name
     * @param passed whether it passed
     * @param missing the violations expected and not reported
     * @param unexpected the violations reported and not expected
     * @param error why it could not run, or {@code null}
     * @param rulesFired how often each rule fired
     */
    public record CaseJson(String id, String file, int line, String name, boolean passed, List<PairJson> missing,
            List<PairJson> unexpected, String error, @JsonProperty("rules_fired") Map<String, Integer> rulesFired) {
    }

    /**
     * A violation by rule and item; the message when the engine produced it.
     *
     * @param rule the rule
     * @param item the item
     * @param message the message, left out when none
     */
    public record PairJson(String rule, String item, @JsonInclude(JsonInclude.Include.NON_NULL) String message) {
    }

    /**
     * The document of a rule test report.
     *
     * @param report the report
     * @param rulebook how the document names the rulebook directory
     * @param rulebookHash the rulebook's hash
     * @param failUnder the coverage in percent below which the tests fail; empty for none
     * @return its document
     */
    public static RuleTestsJson json(RuleTestReport report, String rulebook, String rulebookHash,
            OptionalDouble failUnder) {
        long passed = report.results().stream().filter(CaseResult::passed).count();
        // A bound that cannot be compared, or a report without rules, is not met (coverageAtLeast).
        boolean covered = failUnder.isEmpty() || report.coverageAtLeast(failUnder.getAsDouble());
        return new RuleTestsJson(rulebook, rulebookHash, report.passed() && covered,
                new TestsJson(report.results().size(), passed, report.results().size() - passed),
                new CoverageJson(Math.round(report.coveragePercent() * 10) / 10.0,
                        failUnder.isPresent() ? failUnder.getAsDouble() : null,
                        List.copyOf(report.rules()), List.copyOf(report.uncovered())),
                report.results().stream().map(RuleTestReports::result).toList());
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
