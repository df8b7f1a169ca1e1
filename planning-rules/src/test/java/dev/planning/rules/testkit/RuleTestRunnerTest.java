package dev.planning.rules.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.governance.GovernanceInput;
import dev.planning.engine.fixtures.GitHubMarkdown;
import dev.planning.rules.TestRulebooks;
import dev.planning.rules.internal.drools.DroolsGovernanceEngine;
import dev.planning.rules.internal.drools.DroolsGovernanceEngineFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleTestRunnerTest {

    private static final String RULES = """
            package t;
            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.Report;
            rule "owner-required" @severity(CRITICAL)
            when $t : TaskFact(owner == null)
            then insert(Report.violation(kcontext, $t, $t.id() + " has no owner")); end
            rule "title-short" @severity(LOW)
            when $t : TaskFact(title.length() > 20)
            then insert(Report.violation(kcontext, $t, $t.id() + " has a long title")); end
            """;

    private static DroolsGovernanceEngine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void compile(@TempDir Path rulebook) {
        engine = new DroolsGovernanceEngineFactory(2, RuleTestRunnerTest.class.getClassLoader())
                .create(TestRulebooks.withRules(rulebook, Map.of("rules/t.drl", RULES), Map.of()));
    }

    private List<RuleTestCase> cases(String yaml) throws IOException {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, yaml);
        return RuleTestFiles.read(file, "tests/t.yaml");
    }

    @Test
    void passingCasesAndUncoveredRules() throws IOException {
        RuleTestReport report = RuleTestRunner.of(engine).run(cases("""
                name: owner is required
                given:
                  cycle: 2025-09-02
                  tasks: [{id: FE-1, title: Pay}]
                expect:
                  violations: [{rule: owner-required, item: FE-1}]
                """));

        assertThat(report.passed()).isTrue();
        assertThat(report.rules()).containsExactly("owner-required", "title-short");
        assertThat(report.uncovered()).containsExactly("title-short");
        assertThat(report.coveragePercent()).isEqualTo(50.0);
        assertThat(report.summary()).contains("1 passed, 0 failed").contains("rule coverage: 50.0% (1 of 2 rules)")
                .contains("rules no case expects a violation of: title-short");
    }

    @Test
    void failingCaseShowsMissingAndUnexpectedWithMessages() throws IOException {
        RuleTestReport report = RuleTestRunner.of(engine).run(cases("""
                name: good case
                given: {cycle: 2025-09-02, tasks: [{id: FE-1, title: Pay, owner: a}]}
                expect: {violations: []}
                ---
                name: wrong expectation
                given:
                  cycle: 2025-09-02
                  tasks: [{id: FE-2, title: "a title that is far too long"}]
                expect:
                  violations: [{rule: title-short, item: FE-9}]
                """));

        assertThat(report.passed()).isFalse();
        assertThat(report.results()).extracting(CaseResult::passed).containsExactly(true, false);
        CaseResult failed = report.failures().get(0);
        assertThat(failed.testCase().source()).isEqualTo(new SourceLocation("tests/t.yaml", 5, 1));
        assertThat(failed.testCase().id()).isEqualTo("tests/t.yaml::wrong expectation");
        assertThat(failed.missing()).containsExactly(new ExpectedViolation("title-short", "FE-9"));
        assertThat(failed.unexpected()).containsExactly(new ExpectedViolation("owner-required", "FE-2"),
                new ExpectedViolation("title-short", "FE-2"));
        assertThat(failed.diff()).contains("- missing:    title-short on FE-9")
                .contains("+ unexpected: owner-required on FE-2 (FE-2 has no owner)");
        assertThat(report.summary()).contains("FAIL tests/t.yaml:5:1: wrong expectation").contains("1 passed, 1 failed");
        // Both rules reported FE-2, but no case expected what they reported.
        assertThat(report.uncovered()).containsExactly("owner-required", "title-short");
    }

    @Test
    void aRuleCountsAsCoveredOnlyWhereACaseExpectsAViolationItReported() throws IOException {
        RuleTestReport report = RuleTestRunner.of(engine).run(cases("""
                name: at least the owner
                given: {cycle: 2025-09-02, tasks: [{id: FE-2, title: "a title that is far too long"}]}
                expect: {only: false, violations: [{rule: owner-required, item: FE-2}]}
                ---
                name: expects what does not happen
                given: {cycle: 2025-09-02, tasks: [{id: FE-3, title: Pay, owner: a}]}
                expect: {violations: [{rule: title-short, item: FE-3}]}
                """));

        // title-short reported FE-2 where no case looked, and was expected on FE-3, where it did not report.
        assertThat(report.uncovered()).containsExactly("title-short");
        assertThat(report.coveragePercent()).isEqualTo(50.0);
    }

    /**
     * attack31: a rule whose consequence throws on a case's facts ended the whole run with Drools'
     * {@code ConsequenceException} ({@code rules test} exited 3, an internal error). The case fails with the error,
     * at the rule's {@code rule "name"} line and naming the rule; the other cases still run.
     */
    @Test
    void aCaseWhoseRuleThrowsInItsConsequenceFailsWithTheLocatedErrorAndTheOthersRun() throws IOException {
        DroolsGovernanceEngine throwing = new DroolsGovernanceEngineFactory(2, RuleTestRunnerTest.class.getClassLoader())
                .create(TestRulebooks.withRules(dir.resolve("rulebook"), Map.of("rules/short.drl", """
                        package s;
                        import dev.planning.rules.facts.TaskFact;
                        import dev.planning.rules.facts.Report;
                        rule "title-prefix" when $t : TaskFact(owner == null)
                        then insert(Report.violation(kcontext, $t, $t.title().substring(0, 5) + " has no owner")); end
                        """), Map.of()));

        RuleTestReport report = RuleTestRunner.of(throwing).run(cases("""
                name: a short title
                given: {cycle: 2025-09-02, tasks: [{id: FE-1, title: Pay}]}
                expect: {violations: [{rule: title-prefix, item: FE-1}]}
                ---
                name: a long title
                given: {cycle: 2025-09-02, tasks: [{id: FE-2, title: Payments}]}
                expect: {violations: [{rule: title-prefix, item: FE-2}]}
                """));

        assertThat(report.results()).extracting(CaseResult::passed).containsExactly(false, true);
        assertThat(report.results().get(0).error()).hasValueSatisfying(e -> assertThat(e)
                .startsWith("rules/short.drl:4:1: rule 'title-prefix' failed in its consequence")
                .contains("StringIndexOutOfBoundsException"));
        assertThat(report.passed()).isFalse();
    }

    /**
     * review33: a condition that throws while matching (the lead's {@code constraintFailed}) is an
     * {@code InvalidInputException}, which the runner turns into a case's error: a case asserting that no violation
     * occurs fails on it, it does not pass as a case in which no rule matched.
     */
    @Test
    void aCaseAssertingNoViolationFailsWhenARuleConditionThrowsWhileMatching() throws IOException {
        DroolsGovernanceEngine throwing = new DroolsGovernanceEngineFactory(2, RuleTestRunnerTest.class.getClassLoader())
                .create(TestRulebooks.withRules(dir.resolve("rulebook"), Map.of("rules/unset.drl", """
                        package s;
                        import dev.planning.rules.facts.TaskFact;
                        import dev.planning.rules.facts.Report;
                        rule "unset-arithmetic" when $t : TaskFact(criticality + 0 < 1)
                        then insert(Report.violation(kcontext, $t, "low")); end
                        """), Map.of()));

        RuleTestReport report = RuleTestRunner.of(throwing).run(cases("""
                name: nothing is found on an untagged task
                given: {cycle: 2025-09-02, tasks: [{id: FE-1, title: Pay, owner: alice}]}
                expect: {only: true, violations: []}
                """));

        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.passed()).isFalse();
            assertThat(r.error()).hasValueSatisfying(e -> assertThat(e).contains("condition failed while matching")
                    .contains("unset-arithmetic"));
        });
        assertThat(report.passed()).isFalse();
    }

    /**
     * An engine given no rule names (the public constructor): its report read "rule coverage: 100.0% (0 of 0
     * rules)" and passed every bound. Coverage of no rules is undefined: shown as such, 0 as a number, and it meets
     * no bound, 0 included, in every output.
     */
    @Test
    void aReportWithoutRulesHasNoCoverageAndMeetsNoBound() throws Exception {
        RuleTestReport report = new RuleTestRunner(engine, new TreeSet<>()).run(cases("""
                name: owner is required
                given: {cycle: 2025-09-02, tasks: [{id: FE-1, title: Pay}]}
                expect: {violations: [{rule: owner-required, item: FE-1}]}
                """));

        assertThat(report.passed()).isTrue();
        assertThat(report.coveragePercent()).isZero();
        assertThat(report.coverageAtLeast(0)).isFalse();
        assertThat(report.summary()).contains("rule coverage: none (no rules to cover)").doesNotContain("100.0%");
        assertThat(report.markdown(HASH, OptionalDouble.of(0))).startsWith("### planning rules test: **FAILED**")
                .contains("rule coverage none (no rules to cover), required 0\\.0%");
        assertThat(report.markdown(HASH, OptionalDouble.empty())).startsWith("### planning rules test: **PASSED**");
        JsonNode json = new ObjectMapper().readTree(report.json("rulebook", HASH, OptionalDouble.of(0)));
        assertThat(json.path("passed").asBoolean()).isFalse();
        assertThat(json.path("coverage").path("percent").asDouble()).isZero();
        assertThat(report.junitXml(true)).contains("NoRules");
    }

    @Test
    void aCaseBuiltInCodeThatAssertsNothingFails() throws IOException {
        RuleTestCase anything = cases("""
                name: anything goes
                given: {cycle: 2025-09-02, tasks: [{id: FE-2, title: Pay}]}
                expect: {violations: []}
                """).get(0);
        RuleTestCase assertsNothing = new RuleTestCase(anything.name(), anything.given(), List.of(), false,
                anything.source());

        RuleTestReport report = RuleTestRunner.of(engine).run(List.of(assertsNothing));

        assertThat(report.passed()).isFalse();
        assertThat(report.results().get(0).error()).hasValueSatisfying(e -> assertThat(e).contains("asserts nothing"));
        assertThat(report.uncovered()).containsExactly("owner-required", "title-short");
    }

    @Test
    void aTestFileCaseThatAssertsNothingIsRefusedAtItsOnly() {
        assertThatThrownBy(() -> cases("""
                name: anything goes
                given: {cycle: 2025-09-02, tasks: [{id: FE-2, title: Pay}]}
                expect:
                  only: false
                """))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the case asserts nothing")
                .satisfies(e -> assertThat(((InvalidInputException) e).location())
                        .contains(new SourceLocation("tests/t.yaml", 4, 9)));
    }

    @Test
    void expectIsExactUnlessOnlyIsFalse() throws IOException {
        String given = "given: {cycle: 2025-09-02, tasks: [{id: FE-2, title: \"a title that is far too long\"}]}\n";
        RuleTestReport exact = RuleTestRunner.of(engine).run(cases("name: exact\n" + given
                + "expect: {violations: [{rule: owner-required, item: FE-2}]}\n"));
        RuleTestReport atLeast = RuleTestRunner.of(engine).run(cases("name: at least\n" + given
                + "expect: {only: false, violations: [{rule: owner-required, item: FE-2}]}\n"));

        assertThat(exact.passed()).isFalse();
        assertThat(exact.results().get(0).unexpected()).containsExactly(new ExpectedViolation("title-short", "FE-2"));
        assertThat(atLeast.passed()).isTrue();
    }

    @Test
    void readsWaiversOtherStreamsAndGateResults() throws IOException {
        List<RuleTestCase> cases = cases("""
                name: waived
                given:
                  stream: fe
                  cycle: PLN-FE-1
                  today: 2025-09-02
                  tasks: [{id: FE-1, title: Pay, tags: ["Criticality:0", Release], dependencies: ["be:B-1"]}]
                  other_streams: {be: [{id: B-1, title: API, owner: bob}]}
                  waivers: [{rule: owner-required, item: FE-1, reason: r, approver: a, expires: 2025-09-02}]
                  gate_results: [{gate: schema_lint, status: warn, warnings: 2}]
                expect: {violations: []}
                """);

        GovernanceInput given = cases.get(0).given();
        assertThat(given.otherStreams()).containsKey("be");
        assertThat(given.tasks().tasks().get(0).tags().criticality()).hasValue(0);
        assertThat(given.tasks().tasks().get(0).location()).isEqualTo(new SourceLocation("tests/t.yaml", 6, 16));
        assertThat(given.waivers()).singleElement().satisfies(w -> assertThat(w.expires()).hasToString("2025-09-02"));
        assertThat(given.gateResults()).singleElement().satisfies(r -> {
            assertThat(r.gate()).isEqualTo("schema_lint");
            assertThat(r.status()).isEqualTo(GateStatus.WARN);
            assertThat(r.findings()).hasSize(2);
        });
        assertThat(RuleTestRunner.of(engine).run(cases).passed()).isTrue();
    }

    /**
     * keys27: a gate result's {@code warnings} one the schema's validator judged by its low 64 bits
     * ({@code 18446744073709551618}, read as 2), by its double ({@code 2.0000000000000001}, read as 2), or as
     * infinity ({@code 1e400}) is refused naming the field, never read as 2 findings. A rule test file holds several
     * documents, whose text is not kept to be read again exactly, so a count written with a fraction or an exponent
     * ({@code 2.0}, {@code 2e0}) is refused too (fail closed: its double cannot tell 2.0 from 2.0000000000000001).
     */
    @Test
    void aGateResultsCountIsTheWholeNumberWrittenInDigitsOrRefused() throws IOException {
        assertThat(cases("name: c\ngiven:\n  cycle: 2025-09-02\n  gate_results: [{gate: schema_lint, status: warn,"
                + " warnings: 2}]\nexpect: {violations: []}\n").get(0).given().gateResults().get(0).findings()).hasSize(2);
        for (String count : List.of("18446744073709551618", "2.0000000000000001", "1e400", "2.0", "2e0")) {
            assertThatThrownBy(() -> cases("name: c\ngiven:\n  cycle: 2025-09-02\n  gate_results: [{gate: schema_lint,"
                    + " status: warn, warnings: " + count + "}]\nexpect: {violations: []}\n")).as(count)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("`given.gate_results[0].warnings`")
                    .hasMessageNotContaining("Infinity");
        }
    }

    @Test
    void readsTheFactsOfASmallWorkspace() throws IOException {
        Path ws = dir.resolve("ws");
        Path plan = ws.resolve("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml");
        Files.createDirectories(plan.getParent());
        Files.writeString(plan, """
                version: "1.0.0"
                cycle_id: "2025-09-02"
                stream: fe
                tasks:
                  - {id: FE-1, title: Pay}
                  - {id: FE-2, title: Refund}
                """);
        Path log = ws.resolve("frameworks/planning-fe/decisions/2025-09-02-decision_log.yaml");
        Files.createDirectories(log.getParent());
        Files.writeString(log, """
                version: "1.0.0"
                cycle_id: "2025-09-02"
                stream: fe
                waivers: [{rule: owner-required, item: FE-2, reason: r, approver: a, expires: 2025-12-31}]
                """);

        List<RuleTestCase> cases = cases("""
                name: from files
                given: {workspace: ws, cycle: 2025-09-02}
                expect: {violations: [{rule: owner-required, item: FE-1}]}
                """);
        RuleTestReport report = RuleTestRunner.of(engine).run(cases);

        assertThat(report.passed()).as(report.summary()).isTrue();
        assertThat(cases.get(0).given().tasks().tasks().get(1).location())
                .isEqualTo(new SourceLocation("tests/ws/frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml", 6, 10));
        assertThatThrownBy(() -> cases("name: x\ngiven: {workspace: ws, cycle: 2025-09-03}\nexpect: {}\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no task breakdown for fe/2025-09-03");
        assertThatThrownBy(() -> cases("name: x\ngiven: {workspace: ws, cycle: 2025-09-02, tasks: []}\nexpect: {}\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("both `workspace` and `tasks`");
    }

    @Test
    void aWorkspaceThatIsNotThereIsShownAsWrittenThenWhereItResolvedFromTheTestFile() {
        Path resolved = dir.getParent().resolve("no-such-ws");

        assertThatThrownBy(() -> cases("name: x\ngiven: {workspace: ../no-such-ws, cycle: 2025-09-02}\nexpect: {}\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("workspace directory not found: ../no-such-ws (" + resolved
                        + "); given.workspace is relative to the test file")
                .satisfies(e -> assertThat(((InvalidInputException) e).location())
                        .contains(new SourceLocation("tests/t.yaml", 2, 20)));
        assertThatThrownBy(() -> cases("name: x\ngiven: {workspace: '" + resolved + "', cycle: 2025-09-02}\nexpect: {}\n"))
                .hasMessage("workspace directory not found: " + resolved);
    }

    /** msg43: the value the test file holds was put in the message as it was, its line break a line of its own. */
    @Test
    void aWorkspaceWrittenWithALineBreakIsNamedOnOneLine() {
        assertThatThrownBy(() -> cases("name: x\ngiven: {workspace: \"no\\nws\", cycle: 2025-09-02}\nexpect: {}\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("workspace directory not found: no\\u000Aws (" + dir + "/no\\u000Aws); given.workspace is"
                        + " relative to the test file");
    }

    /** msg43: a NUL in the name was the tool's failure, an {@code InvalidPathException}, not the file's mistake. */
    @Test
    void aWorkspaceNoFileSystemCanNameIsTheTestFilesMistake() {
        assertThatThrownBy(() -> cases("name: x\ngiven: {workspace: \"no\\0ws\", cycle: 2025-09-02}\nexpect: {}\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("given.workspace no\\u0000ws is no path this file system can name; expected a directory"
                        + " relative to the test file")
                .satisfies(e -> assertThat(((InvalidInputException) e).location())
                        .contains(new SourceLocation("tests/t.yaml", 2, 20)));
    }

    @Test
    void badTestFilesAreLocatedErrors() throws IOException {
        assertThatThrownBy(() -> cases("name: x\ngiven:\n  tasks:\n    - {id: A, title: t, titel: x}\nexpect: {}\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("task A: unknown field `titel`")
                .satisfies(e -> assertThat(((InvalidInputException) e).location())
                        .contains(new SourceLocation("tests/t.yaml", 4, 32)));
        assertThatThrownBy(() -> cases("name: x\ngiven:\n  cycle: 2025-09-02\n  tasks: [{id: A}]\nexpect: {}\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("task A: `title` is required");
        assertThatThrownBy(() -> cases("name: x\ngiven: {cycle: PLN-1, waivers: [{rule: r, item: A, reason: r,"
                + " approver: a, expires: 2025-01-01}]}\nexpect: {}\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the cycle id 'PLN-1' is not a date")
                .hasMessageContaining("set given.today");
        assertThatThrownBy(() -> cases("name: x\ngiven: {cycle: 2025-09-02, tasks: [{id: A, title: t, kind: saga}]}\nexpect: {}\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("task A: `kind` must be one of epic, story, task (found \"saga\")");
        assertThatThrownBy(() -> cases("name: x\ngiven: {cycle: 2025-09-02}\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("`expect` is required");
        assertThatThrownBy(() -> cases("name: x\ngiven: {cycle: 2025-09-02}\nexpect: {violations: [{rule: r}]}\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("`expect.violations[0].item` is required");
        assertThatThrownBy(() -> cases("name: 'unterminated\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("malformed YAML");
        assertThatThrownBy(() -> cases(""))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void twoCasesWithTheSameNameAreRefused() {
        assertThatThrownBy(() -> cases("""
                name: same
                given: {cycle: 2025-09-02}
                expect: {}
                ---
                name: same
                given: {cycle: 2025-09-02}
                expect: {}
                """))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a second case is named 'same' (the first is at line 1)")
                .satisfies(e -> assertThat(((InvalidInputException) e).location())
                        .get().extracting(SourceLocation::line).isEqualTo(5));
    }

    /** msg43: the name was put in the message as it was, its line break a line of its own. */
    @Test
    void aSecondCaseNamedWithALineBreakIsRefusedOnOneLine() {
        assertThatThrownBy(() -> cases("""
                name: "same\\nok: forged"
                given: {cycle: 2025-09-02}
                expect: {}
                ---
                name: "same\\nok: forged"
                given: {cycle: 2025-09-02}
                expect: {}
                """))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("a second case is named 'same\\u000Aok: forged' (the first is at line 1); case names must be"
                        + " unique within a file so that results can be told apart");
    }

    /** msg43: every backslash was read as a separator, so the file was named as {@code tests/a/b.yaml}. */
    @Test
    void aTestFileNamedWithABackslashIsLocatedUnderItsOwnName() throws IOException {
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests").resolve("a\\b.yaml"), "name: x\n");

        assertThatThrownBy(() -> RuleTestFiles.readRulebookTests(dir))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).location()).get()
                        .extracting(SourceLocation::file).isEqualTo("tests/a\\b.yaml"));
    }

    @Test
    void readsNoCasesWhenTheRulebookHasNoTestsDirectory() {
        assertThat(RuleTestFiles.readRulebookTests(dir)).isEmpty();
    }

    /** A mistyped rulebook path is no rulebook without tests: reading its cases as none would pass every run. */
    @Test
    void refusesARulebookDirectoryThatIsNotThere() throws IOException {
        Path file = Files.writeString(dir.resolve("rulebook.yaml"), "version: 1.0.0\n");

        assertThatThrownBy(() -> RuleTestFiles.readRulebookTests(dir.resolve("missing")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("rulebook directory not found")
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> RuleTestFiles.readRulebookTests(file))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("rulebook directory not found");
    }

    private static final String HASH = "0123456789abcdef".repeat(4);

    /** {@code rules test --format markdown}: the verdict, the counts, the coverage, the rulebook's hash and each case. */
    @Test
    void theReportAsMarkdownHasTheVerdictTheCoverageTheHashAndEachCase() throws IOException {
        RuleTestReport report = RuleTestRunner.of(engine).run(cases("""
                name: owner is required
                given: {cycle: 2025-09-02, tasks: [{id: FE-1, title: Pay}]}
                expect: {violations: [{rule: owner-required, item: FE-1}]}
                ---
                name: wrong expectation
                given: {cycle: 2025-09-02, tasks: [{id: FE-2, title: Pay, owner: a}]}
                expect: {violations: [{rule: owner-required, item: FE-2}]}
                """));

        assertThat(report.markdown(HASH, OptionalDouble.of(80))).isEqualTo("""
                ### planning rules test: **FAILED**

                1 passed, 1 failed; rule coverage 50\\.0% (1 of 2 rules), required 80\\.0%; rulebook `HASH`

                | result | case | source | difference |
                | --- | --- | --- | --- |
                | pass | owner is required | tests/t\\.yaml\\:1\\:1 |  |
                | FAIL | wrong expectation | tests/t\\.yaml\\:5\\:1 | \\- missing\\:    owner-required on FE-2 |

                rules no test expects a violation of\\: title-short

                """.replace("HASH", HASH));
    }

    /** Every case passed, but the coverage is below the bound asked for: FAILED; without a bound, PASSED. */
    @Test
    void markdownFailsACoverageBelowTheBoundAndPassesWithoutOne() throws IOException {
        RuleTestReport report = RuleTestRunner.of(engine).run(cases("""
                name: owner is required
                given: {cycle: 2025-09-02, tasks: [{id: FE-1, title: Pay}]}
                expect: {violations: [{rule: owner-required, item: FE-1}]}
                """));

        assertThat(report.markdown(HASH, OptionalDouble.of(50.1))).startsWith("### planning rules test: **FAILED**");
        assertThat(report.markdown(HASH, OptionalDouble.of(Double.NaN))).startsWith("### planning rules test: **FAILED**");
        assertThat(report.markdown(HASH, OptionalDouble.of(50))).startsWith("### planning rules test: **PASSED**");
        assertThat(report.markdown(HASH, OptionalDouble.empty())).startsWith("### planning rules test: **PASSED**");
    }

    /**
     * A case's name is the rulebook author's text, and so is its difference: a pipe, a line break, HTML, a
     * mention, a link and backticks in it render as the literal text they are, in the case's own cell.
     */
    @Test
    void aHostileCaseNameRendersAsTextInItsOwnCell() throws Exception {
        RuleTestReport report = RuleTestRunner.of(engine).run(cases("""
                name: "x | y\\n<script>alert(1)</script> @octocat [x](https://evil.example) `rm -rf` **now**"
                given: {cycle: 2025-09-02, tasks: [{id: FE-1, title: Pay}]}
                expect: {violations: []}
                """));

        String md = report.markdown("not a hash `x` @octocat", OptionalDouble.empty());

        assertThat(md).contains("| FAIL | x \\| y\\\\u000A\\<script\\>alert(1)\\</script\\> @&#8203;octocat "
                + "\\[x\\](https\\://evil\\.example) \\`rm -rf\\` \\*\\*now\\*\\* | tests/t\\.yaml\\:1\\:1 | ")
                .contains("; rulebook not a hash \\`x\\` @&#8203;octocat\n");
        GitHubMarkdown.html(md).ifPresent(html -> assertThat(html)
                .doesNotContain("<script", "<a ", "<code>", "@octocat")
                .contains("<td>x | y\\u000A&lt;script&gt;alert(1)&lt;/script&gt; @\u200boctocat"));
    }

    /**
     * Cli39: a line break, a tab or another control character in a case's name or in a value it expects reads the same
     * in the text and the Markdown, as its escape: the Markdown showed a line break in the name as a blank (a name
     * {@code a b} read alike) and a tab as it is, where the difference beside it and the text showed the escape.
     */
    @Test
    void aControlCharacterInANameOrAValueShowsAsItsEscapeInTheTextAndTheMarkdownAlike() throws Exception {
        RuleTestReport report = RuleTestRunner.of(engine).run(cases("""
                name: "a\\nb\\tc\\u001Bd"
                given: {cycle: 2025-09-02, tasks: [{id: FE-1, title: Pay}]}
                expect: {only: false, violations: [{rule: owner-required, item: "FE-1\\nx\\ty"}]}
                """));

        String md = report.markdown(HASH, OptionalDouble.empty());

        assertThat(report.summary()).contains("tests/t.yaml:1:1: a\\u000Ab\\u0009c\\u001Bd\n",
                "- missing:    owner-required on FE-1\\u000Ax\\u0009y\n");
        assertThat(md).contains("| FAIL | a\\\\u000Ab\\\\u0009c\\\\u001Bd | tests/t\\.yaml\\:1\\:1 | ",
                "owner-required on FE-1\\\\u000Ax\\\\u0009y").doesNotContain("\t", "a b");
    }

    /**
     * Text40: an evaluation's error is a {@code PlanningException}'s {@code describe()}, whose values
     * {@code Printable.line} quoted already; the difference showed a line feed in it as the escape of a backslash
     * ({@code \u005cu005Cu000A}), quoted a second time.
     */
    @Test
    void anEvaluationErrorsQuotedLineFeedShowsAsItsEscapeOnce() throws IOException {
        RuleTestCase anything = cases("""
                name: anything goes
                given: {cycle: 2025-09-02, tasks: [{id: FE-2, title: Pay}]}
                expect: {violations: []}
                """).get(0);
        String error = "tests/t.yaml:1:1: the rule threw " + Printable.line("a\nb");

        String diff = new CaseResult(anything, List.of(), List.of(), Optional.of(error), Optional.empty()).diff();

        assertThat(diff).isEqualTo("! error: tests/t.yaml:1:1: the rule threw a\\u000Ab\n");
    }

    @Test
    void markdownRefusesNull() {
        RuleTestReport report = new RuleTestReport(List.of(), new TreeSet<>(), new TreeSet<>());

        assertThatThrownBy(() -> report.markdown(null, OptionalDouble.empty())).isInstanceOf(NullPointerException.class)
                .hasMessage("rulebookHash");
        assertThatThrownBy(() -> report.markdown(HASH, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("failUnder");
    }
}
