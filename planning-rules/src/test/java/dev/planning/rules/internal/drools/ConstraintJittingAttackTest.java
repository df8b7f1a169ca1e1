package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.artifact.Task;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.rules.Inputs;
import dev.planning.rules.TestRulebooks;
import dev.planning.rules.testkit.GovernanceTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A constraint judges a fact the same way however often it ran before in the process (attack31).
 * Drools (drools-mvel) evaluates a pattern constraint with MVEL's interpreter and, once the constraint
 * has run 20 times, generates bytecode for it in a background thread and evaluates that from whenever
 * the thread is done ("jitting"). The two read some constraints differently: the interpreter divides
 * {@code 5 / 2} to {@code 2.5} and throws on {@code null + 0}, the generated code divides to {@code 2}
 * and reads the comparison over {@code null} as false. So a rule's verdict on one fact changed after
 * its constraint had judged 20 others, at a moment a thread decided: a plan's first twenty tasks were
 * judged by one reading and the rest by the other, a rule's own tests (a few facts each) by the
 * first, and a {@code null} that stopped the evaluation as an error became, past the twentieth
 * evaluation, a rule that silently did not match. Isolated: one test sets Drools' system property.
 */
@Isolated
class ConstraintJittingAttackTest {

    /** Well past Drools' threshold of 20, with time for its background thread to finish. */
    private static final int EVALUATIONS = 200;

    @TempDir
    Path dir;

    private int made;

    private static String rule(String constraint) {
        return """
                package dev.planning.rules.hostile;

                import dev.planning.rules.facts.TaskFact;
                import dev.planning.rules.facts.Report;

                rule "r"
                    @severity(CRITICAL)
                when
                    $t : TaskFact(%s)
                then
                    insert(Report.violation(kcontext, $t, "hit"));
                end
                """.formatted(constraint);
    }

    private DroolsGovernanceEngine engine(String constraint) {
        return new DroolsGovernanceEngineFactory(1, getClass().getClassLoader()).create(TestRulebooks.withRules(
                dir.resolve("rb" + made++), Map.of("rules/r.drl", rule(constraint)), Map.of()));
    }

    /** What each evaluation of the task made: its violation count, or the class of what it threw. */
    private static List<String> verdicts(DroolsGovernanceEngine engine, Task task) {
        List<String> verdicts = new ArrayList<>();
        for (int i = 0; i < EVALUATIONS; i++) {
            try {
                verdicts.add(String.valueOf(engine.evaluate(Inputs.input(task)).violations().size()));
            } catch (RuntimeException e) {
                verdicts.add(e.getClass().getSimpleName());
            }
        }
        return verdicts;
    }

    @Test
    void aConstraintGivesTheSameVerdictOnTheSameFactHoweverOftenItRan() {
        // "alice" is 5 characters: 5 / 2 is 2.5 to MVEL's interpreter, 2 to the code Drools generates.
        var engine = engine("owner.length() / 2 == 2.5");

        assertThat(verdicts(engine, Inputs.goodTask("FE-1").owner("alice").build())).containsOnly("1");
    }

    @Test
    void arithmeticOverAnUnsetValueIsAnErrorOnEveryEvaluationNeverASilentNoMatch() {
        // No criticality tag, and no required_tags: criticality is null. The interpreter throws; the
        // generated code read the comparison as false, so the critical rule stopped reporting.
        var engine = engine("criticality + 0 < 1");

        assertThat(verdicts(engine, Task.builder("FE-1", "Pay").owner("alice").build()))
                .containsOnly("InvalidInputException");
    }

    @Test
    void drools_jittingThresholdGivenToTheJvmDoesNotTurnTheGeneratedCodeBackOn() {
        String before = System.getProperty("drools.jittingThreshold");
        System.setProperty("drools.jittingThreshold", "1");
        try {
            var engine = engine("owner.length() / 2 == 2.5");

            assertThat(verdicts(engine, Inputs.goodTask("FE-1").owner("alice").build())).containsOnly("1");
        } finally {
            if (before == null) {
                System.clearProperty("drools.jittingThreshold");
            } else {
                System.setProperty("drools.jittingThreshold", before);
            }
        }
    }

    /**
     * attack33, the other doors onto a knowledge base: a rule's author tries it with the public test kit
     * ({@link GovernanceTestKit}), and the command line serves a rulebook compiled by an earlier process from its
     * disk cache. Each must judge as the compiled engine does, its constraints never jitted.
     */
    @Test
    void theTestKitJudgesAConstraintTheSameWayHoweverOftenItRan() {
        GovernanceTestKit kit = GovernanceTestKit.fromDrl(rule("owner.length() / 2 == 2.5"));
        Task task = Task.builder("FE-1", "Pay").owner("alice").build();
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < EVALUATIONS; i++) {
            counts.add(kit.evaluate(task).violations().size());
        }

        assertThat(counts).containsOnly(1);
    }

    @Test
    void aRulebookLoadedFromTheDiskCacheJudgesAConstraintTheSameWayHoweverOftenItRan() throws Exception {
        Rulebook rulebook = TestRulebooks.withRules(Files.createDirectories(dir.resolve("workspace/rulebook")),
                Map.of("rules/r.drl", rule("owner.length() / 2 == 2.5")), Map.of());
        Path directory = dir.resolve("cache");
        RulebookCompiler first = new RulebookCompiler(getClass().getClassLoader());
        first.useDiskCache(CompiledRulebookCache.at(directory));
        new DroolsGovernanceEngine(rulebook, first.compile(rulebook)).kieBase();
        CompiledRulebookCache cache = CompiledRulebookCache.at(directory);
        RulebookCompiler second = new RulebookCompiler(getClass().getClassLoader());
        second.useDiskCache(cache);
        DroolsGovernanceEngine loaded = new DroolsGovernanceEngine(rulebook, second.compile(rulebook));

        List<String> verdicts = verdicts(loaded, Inputs.goodTask("FE-1").owner("alice").build());

        assertThat(cache.hits()).isEqualTo(1);
        assertThat(verdicts).containsOnly("1");
    }
}
