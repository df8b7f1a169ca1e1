package dev.planning.rules.testkit;

import static dev.planning.rules.testkit.GovernanceAssertions.assertThat;
import static dev.planning.rules.testkit.GovernanceAssertions.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.Controls;
import dev.planning.api.artifact.Priority;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskStatus;
import dev.planning.api.governance.EvaluationLimitException;
import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GovernanceTestKitTest {

    private static final String HEAD = """
            package policies;
            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.RulebookFacts;
            import dev.planning.rules.facts.Report;
            """;

    /**
     * The kit builds its input in code, past every YAML reader, so the engine holds the facts' texts
     * to the operator's bound itself: a case with an owner of 10,001 characters reaches no verdict,
     * whether evaluated or run as a rule test case (docs/SECURITY.md, "apibound").
     */
    @Test
    void anInputWithATextOverTheValueBoundIsRefusedWhetherEvaluatedOrRunAsACase() {
        GovernanceTestKit kit = GovernanceTestKit.fromDrl(HEAD + """
                rule "owned" when $t : TaskFact(owner contains "x") then insert(Report.violation(kcontext, $t, "x")); end
                """);
        Task task = Task.builder("FE-1", "Checkout").owner("x".repeat(10_001)).build();
        RuleTestCase testCase = new RuleTestCase("long owner", kit.input().tasks(task).build(),
                List.of(), false, SourceLocation.ofFile("tests/long.yaml"));

        assertThatThrownBy(() -> kit.evaluate(task))
                .isInstanceOf(EvaluationLimitException.class)
                .satisfies(e -> assertThat(((EvaluationLimitException) e).limit())
                        .isEqualTo(EvaluationLimitException.Limit.VALUE_LENGTH))
                .hasMessageContaining("task 'FE-1'")
                .hasMessageContaining("`owner` is 10,001 characters long, more than 10,000 characters");
        assertThatThrownBy(() -> kit.run(List.of(testCase)))
                .isInstanceOf(EvaluationLimitException.class)
                .hasMessageContaining("`owner` is 10,001 characters long");
        assertThat(kit.evaluate(task.toBuilder().owner("x".repeat(10_000)).build()))
                .hasOnlyViolations(v("owned", "FE-1"));
    }

    @Test
    void aTaskWithoutAnEstimateIsNotAboveAThreshold() {
        GovernanceTestKit kit = GovernanceTestKit.fromDrl(HEAD + """
                rule "max-estimate" when $t : TaskFact(effort > 13)
                then insert(Report.violation(kcontext, $t, "too big")); end
                rule "needs-estimate" when $t : TaskFact(effort == null, kind == "task")
                then insert(Report.violation(kcontext, $t, "no estimate")); end
                """);

        assertThat(kit.evaluate(Task.builder("FE-1", "Unsized").build()))
                .hasOnlyViolations(v("needs-estimate", "FE-1"));
    }

    @Test
    void readsTheThresholdFromTheKitsSettings() {
        GovernanceTestKit kit = GovernanceTestKit.fromDrl(HEAD + """
                rule "max-estimate" when $rb : RulebookFacts() $t : TaskFact(effort > $rb.threshold("max_effort", 13))
                then insert(Report.violation(kcontext, $t, "too big")); end
                """);
        Task eight = Task.builder("FE-1", "Mid").effort(8).build();

        assertThat(kit.evaluate(eight)).hasNoViolations();
        assertThat(kit.withThreshold("max_effort", 5).evaluate(eight)).hasOnlyViolations(v("max-estimate", "FE-1"));
    }

    @Test
    void aRuleReadingAFractionalThresholdAsAWholeNumberFailsTheEvaluationRatherThanRoundingIt() {
        GovernanceTestKit kit = GovernanceTestKit.fromDrl(HEAD + """
                rule "max-estimate" when $rb : RulebookFacts() $t : TaskFact(effort > $rb.intThreshold("max_effort", 13))
                then insert(Report.violation(kcontext, $t, "too big")); end
                """);
        Task eight = Task.builder("FE-1", "Mid").effort(8).build();

        assertThat(kit.withThreshold("max_effort", 7).evaluate(eight)).hasOnlyViolations(v("max-estimate", "FE-1"));
        assertThatThrownBy(() -> kit.withThreshold("max_effort", 7.5).evaluate(eight))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("thresholds.max_effort is 7.5; a rule reads it as a whole number");
    }

    @Test
    void seesPriorityStatusAndDueDate() {
        GovernanceTestKit kit = GovernanceTestKit.fromDrl(HEAD + """
                rule "p0-needs-due-date" when $t : TaskFact(priority == "P0", due == null, status != "done")
                then insert(Report.violation(kcontext, $t, "P0 without a due date")); end
                """);

        assertThat(kit.evaluate(
                        Task.builder("FE-1", "Open P0").priority(Priority.P0).build(),
                        Task.builder("FE-2", "Dated P0").priority(Priority.P0).due(LocalDate.of(2025, 9, 30)).build(),
                        Task.builder("FE-3", "Done P0").priority(Priority.P0).status(TaskStatus.DONE).build(),
                        Task.builder("FE-4", "P1").priority(Priority.P1).build()))
                .hasOnlyViolations(v("p0-needs-due-date", "FE-1"));
    }

    @Test
    void judgesWaiversAgainstTheKitsDay() {
        GovernanceTestKit kit = GovernanceTestKit.fromDrl(HEAD + """
                rule "needs-owner" when $t : TaskFact(owner == null)
                then insert(Report.violation(kcontext, $t, "no owner")); end
                """).withToday(LocalDate.of(2025, 9, 2));
        Waiver untilFirst = new Waiver("needs-owner", "FE-1", "hiring", "lead", LocalDate.of(2025, 9, 1));
        Waiver untilThird = new Waiver("needs-owner", "FE-2", "hiring", "lead", LocalDate.of(2025, 9, 3));

        assertThat(kit.evaluate(kit.input().tasks(Task.builder("FE-1", "A").build(), Task.builder("FE-2", "B").build())
                        .waiver(untilFirst).waiver(untilThird).build()))
                .hasOnlyViolations(v("needs-owner", "FE-1"))
                .hasWaived(v("needs-owner", "FE-2"));
    }

    /** The second example of docs/rules.md, as written there (its tagged region, shown verbatim: {@code DocumentedJavaTest}). */
    @Test
    void buildsAFullInputFromTheKit() {
        GovernanceTestKit kit = GovernanceTestKit.fromDrl(HEAD + """
                rule "critical-approvals" @severity(CRITICAL)
                when $t : TaskFact(criticality == 0, approvals < 3)
                then insert(Report.violation(kcontext, $t, "needs three approvals")); end
                rule "sox-audit-trail" when $t : TaskFact(compliance == "sox", auditTrail != "enhanced")
                then insert(Report.violation(kcontext, $t, "needs an enhanced audit trail")); end
                """);

        // tag::kitinput[]
        GovernanceDecision decision = kit.evaluate(kit.input()
                .tasks(Task.builder("FE-1", "Checkout").tags("criticality:0", "compliance:sox")
                        .controls(Controls.builder().approvals("bob", "carol").auditTrail("enhanced").build())
                        .build())
                .otherStream("be", Task.builder("BE-1", "Payments API").owner("dan").build())
                .waiver(new Waiver("critical-approvals", "FE-1", "third approver on leave", "lead", LocalDate.of(2025, 1, 31)))
                .build());
        // end::kitinput[]

        assertThat(decision).hasNoViolations().hasWaived(v("critical-approvals", "FE-1"));
    }

    @Test
    void judgesTasksInTheKitsCycle() {
        GovernanceTestKit kit = GovernanceTestKit.fromDrl(HEAD + """
                rule "fe-only" when $t : TaskFact(stream == "fe")
                then insert(Report.violation(kcontext, $t, "fe")); end
                """);
        Task task = Task.builder("FE-1", "A").build();

        assertThat(kit.evaluate(task)).hasNoViolations();
        assertThat(kit.withCycle(new CycleRef("fe", "2025-09-02")).evaluate(task)).hasOnlyViolations(v("fe-only", "FE-1"));
    }

    @Test
    void locatesACompileErrorInTheText() {
        assertThatThrownBy(() -> GovernanceTestKit.fromDrl(HEAD + """
                rule "broken" when $t : TaskFact(effort >) then end
                """))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).location()).hasValueSatisfying(
                        (SourceLocation l) -> {
                            assertThat(l.file()).isEqualTo("policy.drl");
                            assertThat(l.line()).isEqualTo(5);
                        }));
    }

    @Test
    void holdsTheTextToThePolicyLanguage() {
        assertThatThrownBy(() -> GovernanceTestKit.fromDrl(HEAD + """
                rule "exit" when $t : TaskFact() then System.exit(1); end
                """))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("System.exit")
                .satisfies(e -> assertThat(((InvalidInputException) e).location())
                        .hasValueSatisfying((SourceLocation l) -> assertThat(l.file()).isEqualTo("policy.drl")));
    }

    @Test
    void compilesSeveralFilesByName() {
        GovernanceTestKit kit = GovernanceTestKit.fromDrl(Map.of(
                "rules/owner.drl", HEAD + "rule \"needs-owner\" when $t : TaskFact(owner == null)\n"
                        + "then insert(Report.violation(kcontext, $t, \"no owner\")); end\n",
                "rules/title.drl", HEAD + "rule \"short-title\" when $t : TaskFact(title.length() < 3)\n"
                        + "then insert(Report.violation(kcontext, $t, \"title too short\")); end\n"));

        assertThat(kit.ruleNames()).containsExactly("needs-owner", "short-title");
        assertThat(kit.evaluate(Task.builder("FE-1", "A").build()))
                .hasOnlyViolations(v("needs-owner", "FE-1"), v("short-title", "FE-1"));
    }

    @Test
    void refusesNoFilesAndNullText() {
        assertThatThrownBy(() -> GovernanceTestKit.fromDrl(Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> GovernanceTestKit.fromDrl((String) null)).hasMessage("drl");
    }
}
