package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.artifact.Task;
import dev.planning.api.governance.EvaluationLimitException;
import dev.planning.rules.Inputs;
import dev.planning.rules.TestRulebooks;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A join that explodes (every task × every task × every task) is one network evaluation, not a
 * firing, so halting the session does not stop it. Isolated: it looks for the evaluation's worker
 * thread, which another class evaluating at the same time would also start.
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

    @Test
    void afterTheTimeLimitTheWorkerOfAnExplodingJoinStillBurnsCpu() throws InterruptedException {
        var engine = new DroolsGovernanceEngineFactory(1, getClass().getClassLoader())
                .create(TestRulebooks.withRules(dir, Map.of("rules/cube.drl", CUBE),
                        Map.of("max_evaluation_seconds", 0.2)));

        assertThatThrownBy(() -> engine.evaluate(Inputs.input(tasks(3000), List.of())))
                .isInstanceOf(EvaluationLimitException.class);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Thread worker = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("planning-rules-evaluation") && t.isAlive())
                .findFirst().orElse(null);
        assertThat(worker).as("the worker outlives the exception").isNotNull();
        long before = threads.getThreadCpuTime(worker.getId());
        worker.join(1000);
        long after = threads.getThreadCpuTime(worker.getId());
        assertThat(after - before).as("CPU the worker used after the exception, ns").isPositive();
    }
}
