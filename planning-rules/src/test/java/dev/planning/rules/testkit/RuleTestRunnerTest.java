package dev.planning.rules.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.rules.TestRulebooks;
import dev.planning.rules.drools.DroolsGovernanceEngine;
import dev.planning.rules.drools.DroolsGovernanceEngineFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
                  tasks: [{id: FE-1}]
                expect:
                  only: true
                  violations: [{rule: owner-required, item: FE-1}]
                """));

        assertThat(report.passed()).isTrue();
        assertThat(report.rules()).containsExactly("owner-required", "title-short");
        assertThat(report.uncovered()).containsExactly("title-short");
        assertThat(report.coveragePercent()).isEqualTo(50.0);
        assertThat(report.summary()).contains("1 passed, 0 failed").contains("rule coverage: 50.0% (1 of 2 rules)")
                .contains("rules no case fired: title-short");
    }

    @Test
    void failingCaseShowsMissingAndUnexpectedWithMessages() throws IOException {
        RuleTestReport report = RuleTestRunner.of(engine).run(cases("""
                name: good case
                given: {cycle: 2025-09-02, tasks: [{id: FE-1, owner: a}]}
                expect: {only: true, violations: []}
                ---
                name: wrong expectation
                given:
                  cycle: 2025-09-02
                  tasks: [{id: FE-2, title: "a title that is far too long"}]
                expect:
                  only: true
                  violations: [{rule: title-short, item: FE-9}]
                """));

        assertThat(report.passed()).isFalse();
        assertThat(report.results()).extracting(CaseResult::passed).containsExactly(true, false);
        CaseResult failed = report.failures().get(0);
        assertThat(failed.testCase().source()).isEqualTo(new SourceLocation("tests/t.yaml", 5, 0));
        assertThat(failed.missing()).containsExactly(new ExpectedViolation("title-short", "FE-9"));
        assertThat(failed.unexpected()).containsExactly(new ExpectedViolation("owner-required", "FE-2"),
                new ExpectedViolation("title-short", "FE-2"));
        assertThat(failed.diff()).contains("- missing:    title-short on FE-9")
                .contains("+ unexpected: owner-required on FE-2 (FE-2 has no owner)");
        assertThat(report.summary()).contains("FAIL tests/t.yaml:5: wrong expectation").contains("1 passed, 1 failed");
        assertThat(report.uncovered()).isEmpty();
    }

    @Test
    void withoutOnlyExtraViolationsAreAllowed() throws IOException {
        RuleTestReport report = RuleTestRunner.of(engine).run(cases("""
                name: at least
                given: {cycle: 2025-09-02, tasks: [{id: FE-2, title: "a title that is far too long"}]}
                expect: {violations: [{rule: owner-required, item: FE-2}]}
                """));

        assertThat(report.passed()).isTrue();
    }

    @Test
    void readsWaiversAndOtherStreams() throws IOException {
        List<RuleTestCase> cases = cases("""
                name: waived
                given:
                  stream: fe
                  cycle: PLN-FE-1
                  today: 2025-09-02
                  tasks: [{id: FE-1, tags: ["Criticality:0", Release], dependencies: ["be:B-1"]}]
                  other_streams: {be: [{id: B-1, owner: bob}]}
                  waivers: [{rule: owner-required, item: FE-1, reason: r, approver: a, expires: 2025-09-02}]
                expect: {only: true}
                """);

        RuleTestCase only = cases.get(0);
        assertThat(only.given().otherStreams()).containsKey("be");
        assertThat(only.given().tasks().tasks().get(0).tags().criticality()).hasValue(0);
        assertThat(RuleTestRunner.of(engine).run(cases).passed()).isTrue();
    }

    @Test
    void badTestFilesAreLocatedErrors() throws IOException {
        assertThatThrownBy(() -> cases("name: x\ngiven:\n  tasks:\n    - {id: A, titel: x}\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("given.tasks[0]: unknown property 'titel'; expected one of [acceptance_criteria, controls,"
                        + " dependencies, id, kind, owner, parent, tags, title]")
                .satisfies(e -> assertThat(((InvalidInputException) e).location()).contains(new SourceLocation("tests/t.yaml", 4, 24)));
        assertThatThrownBy(() -> cases("name: x\ngiven:\n  cycle: 2025-09-02\n  tasks: [{title: x}]\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("given.tasks[0].id: missing required property 'id'");
        assertThatThrownBy(() -> cases("name: x\ngiven: {cycle: PLN-1}\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("given.cycle 'PLN-1' is not a date; expected YYYY-MM-DD (or set given.today)");
        assertThatThrownBy(() -> cases("name: x\ngiven: {cycle: 2025-09-02, tasks: [{id: A, kind: saga}]}\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("kind 'saga' is not one of epic, story, task");
        assertThatThrownBy(() -> cases("name: 'unterminated\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("invalid YAML");
        assertThatThrownBy(() -> cases(""))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no test case");
    }

    @Test
    void readsNoCasesWhenTheRulebookHasNoTestsDirectory() {
        assertThat(RuleTestFiles.readRulebookTests(dir)).isEmpty();
    }
}
