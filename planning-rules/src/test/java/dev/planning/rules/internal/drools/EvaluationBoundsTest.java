package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.artifact.Task;
import dev.planning.api.governance.EvaluationLimitException;
import dev.planning.rules.Inputs;
import dev.planning.rules.TestRulebooks;
import dev.planning.rules.facts.GovernanceFacts;
import dev.planning.rules.facts.RulebookFacts;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The evaluation bounds. Isolated: a test here checks that no evaluation thread outlives a timeout,
 * which another test class evaluating at the same time (classes run in parallel in the fast set)
 * would make uncertain.
 */
@Isolated
class EvaluationBoundsTest {

    // Each violation it reports matches it again: it fires until a bound stops it.
    private static final String ECHO = """
            package dev.planning.rules.hostile;

            import dev.planning.rules.facts.ViolationFact;
            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.Report;

            rule "seed" when $t : TaskFact() then insert(Report.violation(kcontext, $t, "seed")); end

            rule "echo" when $v : ViolationFact() then insert(Report.violation(kcontext, $v.item(), $v.message())); end
            """;

    @TempDir
    Path dir;

    private DroolsGovernanceEngine engine(Map<String, Double> thresholds) {
        return new DroolsGovernanceEngineFactory(1, getClass().getClassLoader())
                .create(TestRulebooks.withRules(dir, Map.of("rules/echo.drl", ECHO), thresholds));
    }

    @Test
    void stopsAnEvaluationThatOverrunsTheRulebooksTimeLimitNamingTheRulebook() {
        var engine = engine(Map.of("max_rule_firings", 1e9, "max_evaluation_seconds", 0.5));

        assertThatThrownBy(() -> engine.evaluate(Inputs.input(Inputs.goodTask("FE-1").build())))
                .isInstanceOf(EvaluationLimitException.class)
                .hasMessageContaining("rulebook " + dir)
                .hasMessageContaining("within 0.5 s (thresholds.max_evaluation_seconds)")
                .satisfies(e -> assertThat(((EvaluationLimitException) e).limit())
                        .isEqualTo(EvaluationLimitException.Limit.TIME));
    }

    @Test
    void leavesNoEvaluationThreadRunningAfterATimeout() throws InterruptedException {
        var engine = engine(Map.of("max_rule_firings", 1e9, "max_evaluation_seconds", 0.2));

        assertThatThrownBy(() -> engine.evaluate(Inputs.input(Inputs.goodTask("FE-1").build())))
                .isInstanceOf(EvaluationLimitException.class);

        // The halted, interrupted worker ends at its next rule firing; evaluate waits only a short
        // grace for it, which a loaded machine can overrun, so the test waits for it to end (one
        // that never ends, a leak, still fails here).
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("planning-rules-evaluation")) {
                t.join(60_000);
            }
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("planning-rules-evaluation") && t.isAlive());
    }

    @Test
    void aTimedOutEvaluationStopsInsertingFactsAfterTheInsertInProgress() throws InterruptedException {
        // Matching one fact costs 300 String.contains, each of a distinct 3,980-character needle
        // over a title of 10,000 characters (the bound on text values), hundreds of ms together,
        // inside session.insert, where neither halt() nor an interrupt reaches: 20 of them would go
        // on for seconds past the 0.2 s limit.
        // Two files: each is limited to 1 MiB.
        Map<String, String> files = new HashMap<>();
        for (int file = 0; file < 2; file++) {
            StringBuilder slow = new StringBuilder("""
                    package dev.planning.rules.hostile;

                    import dev.planning.rules.facts.TaskFact;
                    import dev.planning.rules.facts.Report;
                    """);
            for (int i = 150 * file; i < 150 * (file + 1); i++) {
                slow.append("rule \"slow").append(i).append("\" when $t : TaskFact(title contains \"")
                        .append("a".repeat(3_975)).append(String.format(Locale.ROOT, "%04d", i))
                        .append("b\") then insert(Report.violation(kcontext, $t, \"slow\")); end\n");
            }
            files.put("rules/slow" + file + ".drl", slow.toString());
        }
        var engine = new DroolsGovernanceEngineFactory(1, getClass().getClassLoader())
                .create(TestRulebooks.withRules(dir, files,
                        Map.of("max_evaluation_seconds", 0.2)));
        String title = "a".repeat(10_000);
        List<Task> tasks = IntStream.rangeClosed(1, 20)
                .mapToObj(i -> Task.builder("FE-" + i, title).owner("alice").tags(Inputs.tags("criticality:2")).build())
                .toList();
        int facts = GovernanceFacts.of(Inputs.input(tasks, List.of()), RulebookFacts.of(engine.rulebook())).size();

        assertThatThrownBy(() -> engine.evaluate(Inputs.input(tasks, List.of())))
                .isInstanceOf(EvaluationLimitException.class)
                .satisfies(e -> assertThat(((EvaluationLimitException) e).limit())
                        .isEqualTo(EvaluationLimitException.Limit.TIME));
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("planning-rules-evaluation")) {
                t.join(120_000);
            }
        }

        assertThat(engine.lastInserts()).isPositive().isLessThan(facts);
    }

    @Test
    void theFiringBoundStillStopsARunawayRuleFirstWhenItIsLower() {
        var engine = engine(Map.of("max_rule_firings", 1000.0));

        assertThatThrownBy(() -> engine.evaluate(Inputs.input(Inputs.goodTask("FE-1").build())))
                .isNotInstanceOf(EvaluationLimitException.class)
                .hasMessageContaining("rules fired more than 1000 times");
    }
}
