package dev.planning.examples;

import static dev.planning.rules.testkit.GovernanceAssertions.assertThat;
import static dev.planning.rules.testkit.GovernanceAssertions.v;

import dev.planning.api.artifact.Controls;
import dev.planning.api.artifact.Task;
import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.governance.GovernanceEngine;
import dev.planning.api.governance.GovernanceInput;
import dev.planning.api.governance.ViolationSeverity;
import dev.planning.api.governance.Waiver;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.engine.Planning;
import dev.planning.rules.testkit.GovernanceAssertions;
import dev.planning.rules.testkit.GovernanceTestKit;
import dev.planning.rules.testkit.RuleTestCase;
import dev.planning.rules.testkit.RuleTestFiles;
import dev.planning.rules.testkit.RuleTestReport;
import dev.planning.rules.testkit.RuleTestRunner;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * javadoc28: the Java examples of planning-rules' Javadoc (the rule test kit: {@code GovernanceAssertions}, its
 * package, {@code RuleTestRunner}, {@code RuleTestReport}), each a tagged region here, run: the assertions on a
 * decision a compiled policy made, the runner on the {@code fe-2025-09-02} example's rulebook and its tests
 * ({@code JavadocExamplesTest} holds the Javadoc to them).
 */
class RulesJavadocExamplesTest {

    private static final GovernanceTestKit KIT = GovernanceTestKit.fromDrl("""
            package policies;
            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.Report;
            rule "critical-approvals" @severity(CRITICAL)
            when $t : TaskFact(criticality == 0, approvals < 3)
            then insert(Report.violation(kcontext, $t, "needs three approvals")); end
            rule "missing-owner" when $t : TaskFact(owner == null)
            then insert(Report.violation(kcontext, $t, "needs an owner")); end
            rule "sox-audit-trail" when $t : TaskFact(compliance == "sox", auditTrail != "enhanced")
            then insert(Report.violation(kcontext, $t, "needs an enhanced audit trail")); end
            """);

    /** FE-12 lacks an approval, FE-3 an owner, FE-7 an enhanced audit trail (waived). */
    private static GovernanceInput input() {
        return KIT.input().tasks(
                Task.builder("FE-12", "Checkout").owner("alice").tags("criticality:0")
                        .controls(Controls.builder().approvals("bob", "carol").build()).build(),
                Task.builder("FE-3", "Cart").build(),
                Task.builder("FE-7", "Ledger").owner("erik").tags("compliance:sox").build())
                .waiver(new Waiver("sox-audit-trail", "FE-7", "audit trail next cycle", "lead", LocalDate.of(2025, 1, 31)))
                .build();
    }

    @Test
    void theAssertionsHoldOnTheDecisionOfTheExample() {
        GovernanceDecision decision = KIT.evaluate(input());

        // tag::governanceassertionsjavadoc[]
        assertThat(decision).hasViolation("critical-approvals").on("FE-12");
        assertThat(decision).hasOnlyViolations(v("critical-approvals", "FE-12"), v("missing-owner", "FE-3"));
        assertThat(decision).hasWaived(v("sox-audit-trail", "FE-7")).hasNoViolation("sox-audit-trail");
        // end::governanceassertionsjavadoc[]
    }

    @Test
    void theEnginesDecisionHasTheCriticalViolationAndNoOther() {
        GovernanceEngine engine = KIT.engine();
        GovernanceInput input = input();

        // tag::testkitpackagejavadoc[]
        GovernanceDecision decision = engine.evaluate(input);
        GovernanceAssertions.assertThat(decision)
                .hasViolation("critical-approvals").on("FE-12").withSeverity(ViolationSeverity.CRITICAL);
        GovernanceAssertions.assertThat(decision)
                .hasOnlyViolations(v("critical-approvals", "FE-12"), v("missing-owner", "FE-3"));
        // end::testkitpackagejavadoc[]
    }

    @Test
    void theExampleRulebooksTestsPass() {
        Path dir = Examples.workspace("fe-2025-09-02");

        // tag::ruletestrunnerjavadoc[]
        Rulebook rulebook = Planning.rulebook(dir.resolve("rulebook"));
        RuleTestReport report = RuleTestRunner.forRulebook(rulebook)
                .run(RuleTestFiles.readRulebookTests(rulebook.directory()));
        System.out.print(report.summary());
        // end::ruletestrunnerjavadoc[]

        Assertions.assertThat(report.passed()).as(report.summary()).isTrue();
        Assertions.assertThat(report.results()).isNotEmpty();
    }

    @Test
    void aRunnerForTheRulebookCoversItsRules() {
        Path dir = Examples.workspace("fe-2025-09-02");

        // tag::forrulebookjavadoc[]
        Rulebook rulebook = Planning.rulebook(dir.resolve("rulebook"));
        RuleTestReport report = RuleTestRunner.forRulebook(rulebook)
                .run(RuleTestFiles.readRulebookTests(rulebook.directory()));
        // end::forrulebookjavadoc[]

        Assertions.assertThat(report.rules()).isNotEmpty().isEqualTo(GovernanceTestKit.fromRulebook(rulebook).ruleNames());
    }

    @Test
    void theMarkdownAndJsonOfTheReportNameTheRulebooksHash() {
        Rulebook rulebook = Planning.rulebook(Examples.workspace("fe-2025-09-02").resolve("rulebook"));

        // tag::rulereportmarkdownjavadoc[]
        List<RuleTestCase> cases = RuleTestFiles.readRulebookTests(rulebook.directory());
        RuleTestReport report = RuleTestRunner.forRulebook(rulebook).run(cases);
        String summary = report.markdown(rulebook.hash(), OptionalDouble.of(80));
        // end::rulereportmarkdownjavadoc[]
        // tag::rulereportjsonjavadoc[]
        String json = report.json(rulebook.directory().toString(), rulebook.hash(), OptionalDouble.of(80));
        // end::rulereportjsonjavadoc[]

        Assertions.assertThat(summary).contains("`" + rulebook.hash() + "`");
        Assertions.assertThat(json).contains("\"" + rulebook.hash() + "\"").contains("\"passed\"");
    }
}
