package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.artifact.Task;
import dev.planning.api.governance.GovernanceInput;
import dev.planning.rules.Inputs;
import dev.planning.rules.TestRulebooks;
import dev.planning.rules.facts.CrossStreamRefFact;
import dev.planning.rules.facts.GateResultFact;
import dev.planning.rules.facts.RulebookFacts;
import dev.planning.rules.facts.StoryFact;
import dev.planning.rules.facts.TaskFact;
import dev.planning.rules.facts.ViolationFact;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the static join bound counts a rule's worst case, from the compiled rules and the fact counts. */
class JoinBoundTest {

    private static final String HEADER = """
            package dev.planning.rules.joins;

            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.StoryFact;
            import dev.planning.rules.facts.RulebookFacts;
            import dev.planning.rules.facts.ViolationFact;
            import dev.planning.rules.facts.Report;
            import java.util.List;

            """;

    @TempDir
    Path dir;

    /** 1,000 tasks, 10 stories, 5 required tags, a task holding at most 7 dependencies; 100 firings. */
    private static final JoinBound.Counts COUNTS = new JoinBound.Counts(Map.of(RulebookFacts.class, 1L,
            TaskFact.class, 1000L, StoryFact.class, 10L, CrossStreamRefFact.class, 0L, GateResultFact.class, 0L,
            ViolationFact.class, 100L), 5, 7, 1);

    private BigInteger worst(String when) {
        var engine = new DroolsGovernanceEngineFactory(1, getClass().getClassLoader()).create(TestRulebooks.withRules(dir,
                Map.of("rules/r.drl", HEADER + "rule \"r\"\nwhen\n" + when + "\nthen\nend\n"), Map.of()));
        List<JoinBound.Shape> shapes = JoinBound.shapes(engine.kieBase());
        assertThat(shapes).extracting(JoinBound.Shape::rule).containsExactly("r");
        return JoinBound.firstExcess(shapes, COUNTS, 0).orElseThrow().combinations();
    }

    @Test
    void aPatternCountsTheFactsOfItsType() {
        assertThat(worst("$t : TaskFact()")).isEqualTo(1000);
        assertThat(worst("$rb : RulebookFacts() $s : StoryFact()")).isEqualTo(10);
    }

    @Test
    void joinedPatternsMultiplyWhateverTheirConstraintsSay() {
        assertThat(worst("$a : TaskFact() $b : TaskFact(id == $a.parent())")).isEqualTo(1_000_000);
        assertThat(worst("$a : TaskFact() $b : TaskFact() $c : StoryFact()")).isEqualTo(10_000_000);
    }

    @Test
    void patternsInsideNotExistsOrForallAndAccumulateCountToo() {
        assertThat(worst("$a : TaskFact() not TaskFact(parent == $a.id())")).isEqualTo(1_000_000);
        assertThat(worst("$a : TaskFact() exists StoryFact()")).isEqualTo(10_000);
        assertThat(worst("$a : TaskFact() $n : Number() from accumulate(TaskFact(owner == $a.owner()), count(1))"))
                .isEqualTo(1_000_000);
        assertThat(worst("$a : TaskFact() $l : List() from collect(StoryFact())")).isEqualTo(10_000);
        assertThat(worst("forall($a : TaskFact() StoryFact(id == $a.id()))")).isEqualTo(10_000);
        assertThat(worst("$a : TaskFact() or $b : StoryFact()")).isEqualTo(10_000);
    }

    @Test
    void aFromOverTheRulebooksOrATasksListCountsItsLongestAndAnyOtherFromEveryFact() {
        assertThat(worst("$rb : RulebookFacts() $k : String() from $rb.requiredTags()")).isEqualTo(5);
        assertThat(worst("$t : TaskFact() $d : String() from $t.dependencies()")).isEqualTo(7000);
        // A collected list may hold every fact: 1 + 1000 + 10 facts (no violation before a firing, and no
        // pattern here matches one after), and the longest task list; × the 1,000 collected tasks.
        assertThat(worst("$l : List() from collect(TaskFact()) $t : TaskFact() from $l")).isEqualTo(1000L * 1018);
    }

    @Test
    void aFromOverAnAccumulatedListCountsEveryCombinationItsSourceCanCollect() {
        // collectList over three joined task patterns holds up to 1,000^3 elements (review12): two froms
        // over it join 10^18 combinations, which counting the list as every fact (1,018) put at 10^15.
        BigInteger list = BigInteger.valueOf(1000).pow(3);
        assertThat(worst("$l : List() from accumulate(TaskFact($a : id) and TaskFact() and TaskFact(), collectList($a))\n"
                + "$x : Object() from $l\n$y : Object() from $l"))
                .isGreaterThanOrEqualTo(list.multiply(list));
    }

    @Test
    void violationsCountAsNoneBeforeTheFirstFiringAndOneJoinsThoseAlreadyInsertedAfter() {
        // The echo rule: each propagation is one violation, stopped between firings.
        assertThat(worst("$v : ViolationFact()")).isEqualTo(1);
        // One new violation × the 100 already there × 1,000 tasks.
        assertThat(worst("$v : ViolationFact() $w : ViolationFact() $t : TaskFact()")).isEqualTo(100_000);
    }

    @Test
    void aFiringThatMayInsertSeveralViolationsJoinsThemAllAtOnce() {
        // A consequence may insert up to 8 (PolicyLanguage.MAX_INSERTS): 8 new violations × the 800 that
        // 100 firings may have inserted × 1,000 tasks (review12; one per firing was counted before).
        var counts = new JoinBound.Counts(Map.of(RulebookFacts.class, 1L, TaskFact.class, 1000L,
                ViolationFact.class, 800L), 5, 7, 8);
        var engine = new DroolsGovernanceEngineFactory(1, getClass().getClassLoader()).create(TestRulebooks.withRules(dir,
                Map.of("rules/r.drl", HEADER + "rule \"r\" when $v : ViolationFact() $w : ViolationFact() $t : TaskFact()"
                        + " then end\n"), Map.of()));
        assertThat(JoinBound.firstExcess(JoinBound.shapes(engine.kieBase()), counts, 0).orElseThrow().combinations())
                .isEqualTo(8L * 800 * 1000);
    }

    @Test
    void aRuleOverTheBoundIsReportedWithItsTermsAndOneWithinItIsNot() {
        var engine = new DroolsGovernanceEngineFactory(1, getClass().getClassLoader()).create(TestRulebooks.withRules(dir,
                Map.of("rules/r.drl", HEADER + "rule \"small\" when $t : TaskFact() then end\n"
                        + "rule \"square\" when $a : TaskFact() $b : TaskFact() then end\n"), Map.of()));
        List<JoinBound.Shape> shapes = JoinBound.shapes(engine.kieBase());

        assertThat(JoinBound.firstExcess(shapes, COUNTS, 1_000_000)).isEmpty();
        var excess = JoinBound.firstExcess(shapes, COUNTS, 999_999).orElseThrow();
        assertThat(excess.shape().rule()).isEqualTo("square");
        assertThat(excess.terms()).isEqualTo("TaskFact 1000 × TaskFact 1000");
    }

    @Test
    void aJoinExactlyAtTheBoundIsWithinItAndOneTaskMoreIsOverIt() {
        var engine = new DroolsGovernanceEngineFactory(1, getClass().getClassLoader()).create(TestRulebooks.withRules(dir,
                Map.of("rules/r.drl", HEADER + "rule \"square\" when $a : TaskFact() $b : TaskFact()"
                        + " then end\n"), Map.of()));
        List<JoinBound.Shape> shapes = JoinBound.shapes(engine.kieBase());
        RulebookFacts rulebook = RulebookFacts.of(engine.rulebook());
        GovernanceInput thirty = Inputs.input(RunawayJoinTest.tasks(30), List.of());
        List<Task> more = new ArrayList<>(RunawayJoinTest.tasks(30));
        more.add(Inputs.goodTask("FE-30").dependsOn("be:BE-1", "FE-0").build());
        GovernanceInput thirtyOne = Inputs.input(more, List.of());

        // 30 × 30 = 900 combinations: within a bound of 900, over one of 899; 31 tasks are 961.
        assertThat(JoinBound.firstExcess(shapes, JoinBound.Counts.of(thirty, rulebook, 1, 1), 900)).isEmpty();
        assertThat(JoinBound.firstExcess(shapes, JoinBound.Counts.of(thirty, rulebook, 1, 1), 899).orElseThrow()
                .terms()).isEqualTo("TaskFact 30 × TaskFact 30");
        assertThat(JoinBound.firstExcess(shapes, JoinBound.Counts.of(thirtyOne, rulebook, 1, 1), 900).orElseThrow()
                .combinations()).isEqualTo(961);
        JoinBound.Counts counts = JoinBound.Counts.of(thirtyOne, rulebook, 1, 1);
        assertThat(counts.facts()).containsEntry(TaskFact.class, 31L).containsEntry(CrossStreamRefFact.class, 1L);
        assertThat(counts.longestTaskList()).isEqualTo(2);
    }
}
