package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.artifact.Task;
import dev.planning.api.governance.EvaluationLimitException;
import dev.planning.rules.Inputs;
import dev.planning.rules.TestRulebooks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A join that explodes (every task × every task × every task) is one network evaluation, not a
 * firing, so halting the session did not stop it: its worker kept burning a core after
 * {@link EvaluationLimitException} (reproduced at commit ee9cee6c: the worker's CPU time still
 * grew after the exception). Such a rule is now refused before any fact goes in, by a count that
 * depends on the facts, not on the machine. Isolated: it checks that no evaluation thread starts,
 * which another class evaluating at the same time would make uncertain.
 */
@Isolated
class RunawayJoinTest {

    // Never true, so nothing fires: all the work is the join, n × n × n constraint evaluations.
    static final String CUBE = """
            package dev.planning.rules.hostile;

            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.Report;

            rule "cube"
            when
                $a : TaskFact()
                $b : TaskFact()
                $c : TaskFact(approvals > $a.approvals() + $b.approvals() + 1000000)
            then
                insert(Report.violation(kcontext, $c, "never"));
            end
            """;

    @TempDir
    Path dir;

    static List<Task> tasks(int n) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(Inputs.goodTask("FE-" + i).build());
        }
        return tasks;
    }

    private DroolsGovernanceEngine engine(Map<String, Double> thresholds) {
        return new DroolsGovernanceEngineFactory(1, getClass().getClassLoader())
                .create(TestRulebooks.withRules(dir, Map.of("rules/cube.drl", CUBE), thresholds));
    }

    @Test
    void anExplodingJoinIsRefusedBeforeEvaluationNamingTheRuleAndItsCount() {
        var engine = engine(Map.of("max_evaluation_seconds", 0.2));

        assertThatThrownBy(() -> engine.evaluate(Inputs.input(tasks(3000), List.of())))
                .isInstanceOf(EvaluationLimitException.class)
                .hasMessageContaining("rulebook " + dir + ": rule 'cube'")
                .hasMessageContaining("may join 27,000,000,000 combinations of facts (TaskFact 3000 × TaskFact 3000 × TaskFact 3000)")
                .hasMessageContaining("more than 100,000,000 (planning.rules.maxJoinCombinations)")
                .satisfies(e -> assertThat(((EvaluationLimitException) e).limit())
                        .isEqualTo(EvaluationLimitException.Limit.JOIN));
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("planning-rules-evaluation") && t.isAlive());
    }

    @Test
    void theSameRuleOverFewFactsIsWithinTheBoundAndRuns() {
        var engine = engine(Map.of());

        assertThat(engine.evaluate(Inputs.input(tasks(30), List.of())).violations()).isEmpty();
    }
}
