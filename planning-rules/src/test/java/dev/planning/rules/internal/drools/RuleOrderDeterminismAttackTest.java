package dev.planning.rules.internal.drools;

import static dev.planning.rules.Inputs.goodTask;
import static dev.planning.rules.Inputs.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.governance.Violation;
import dev.planning.rules.TestRulebooks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Eleventh review (2026-12-04): violations are the one fact rules insert, so a rule that matches
 * them under {@code not}, {@code forall}, {@code collect} or {@code accumulate} judges a state the
 * firing order decides. Two rules that each report unless the other has reported ("strict", critical;
 * "lenient", low) report whichever Drools' agenda fires first: with the rules written in one order a
 * critical violation, in the other a low one (the gate fails or passes; seen before the fix). The
 * tie-break is Drools' internal, not DRL's meaning, so a verdict computed by another build, or a
 * kept compiled rulebook, need not agree. The language is now stratified: a violation (or an
 * {@code Object()} pattern, which matches one) may be matched positively or under {@code exists},
 * both of which only grow as violations are added, so every firing order reaches the same set.
 */
class RuleOrderDeterminismAttackTest {

    private static final String HEAD = """
            package dev.planning.rules.custom;

            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.ViolationFact;
            import dev.planning.rules.facts.Report;
            import java.util.List;
            """;

    private static final String STRICT = """
            rule strict @severity(CRITICAL) when
                $t : TaskFact()
                not ViolationFact(rule == "lenient")
            then insert(Report.violation(kcontext, $t, "critical")); end
            """;

    private static final String LENIENT = """
            rule lenient @severity(LOW) when
                $t : TaskFact()
                not ViolationFact(rule == "strict")
            then insert(Report.violation(kcontext, $t, "low")); end
            """;

    @TempDir
    Path dir;

    static Stream<Arguments> orderDependent() {
        String then = "then insert(Report.violation(kcontext, \"cycle\", \"x\")); end\n";
        return Stream.of(
                Arguments.of("not", "rule r when\n    $t : TaskFact()\n    not ViolationFact(item == $t.id)\n" + then, 10),
                Arguments.of("not exists", "rule r when\n    $t : TaskFact()\n    not (exists ViolationFact())\n" + then, 10),
                Arguments.of("forall", "rule r when\n    forall(ViolationFact(severity == \"LOW\"))\n" + then, 9),
                Arguments.of("collect", "rule r when\n    $l : List(size > 2) from collect(ViolationFact())\n" + then, 9),
                Arguments.of("count", "rule r when\n    $n : Number(intValue > 2) from accumulate(ViolationFact(), count(1))\n"
                        + then, 9),
                Arguments.of("collectList", "rule r when\n    $t : TaskFact()\n"
                        + "    $l : List() from accumulate(ViolationFact($i : item), collectList($i))\n" + then, 10),
                Arguments.of("Object under not", "rule r when\n    $t : TaskFact()\n    not Object(this != $t)\n" + then, 10),
                Arguments.of("Object counted", "rule r when\n"
                        + "    $n : Number(intValue > 3) from accumulate(Object(), count(1))\n" + then, 9),
                Arguments.of("qualified name", "rule r when\n    $t : TaskFact()\n"
                        + "    not dev.planning.rules.facts.ViolationFact()\n" + then, 10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderDependent")
    void aRuleThatNegatesOrCountsViolationsIsRefusedLocated(String construct, String rule, int line) {
        String drl = HEAD + "\n" + rule;

        assertThatThrownBy(() -> PolicyLanguage.check("rules/order.drl", drl.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the order rules fire in")
                .satisfies(e -> {
                    var where = ((InvalidInputException) e).location().orElseThrow();
                    assertThat(where.file()).isEqualTo("rules/order.drl");
                    assertThat(where.line()).isEqualTo(line);
                });
    }

    static Stream<Arguments> orderIndependent() {
        String then = "then insert(Report.violation(kcontext, \"cycle\", \"x\")); end\n";
        return Stream.of(
                Arguments.of("positive", "rule r when\n    $v : ViolationFact(rule == \"a\")\n" + then),
                Arguments.of("exists", "rule r when\n    $t : TaskFact()\n    exists ViolationFact(item == $t.id)\n" + then),
                Arguments.of("not over plan facts", "rule r when\n    $v : ViolationFact()\n    not TaskFact(id == $v.item)\n"
                        + then),
                Arguments.of("counting plan facts", "rule r when\n    $v : ViolationFact()\n"
                        + "    $n : Number(intValue > 1) from accumulate(TaskFact(owner == $v.item), count(1))\n" + then),
                Arguments.of("from a bound violation", "rule r when\n    $v : ViolationFact()\n"
                        + "    not String(this == \"x\") from $v.item\n" + then));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderIndependent")
    void violationsMatchedOnlyAsTheyGrowStayInTheLanguage(String construct, String rule) {
        String drl = HEAD + "\n" + rule;

        assertThatCode(() -> PolicyLanguage.check("rules/order.drl", drl.getBytes(StandardCharsets.UTF_8)))
                .doesNotThrowAnyException();
    }

    @Test
    void twoRulesThatEachReportUnlessTheOtherHasAreRefusedBeforeEitherFires() throws Exception {
        Path rulebook = Files.createDirectory(dir.resolve("rulebook"));
        var factory = new DroolsGovernanceEngineFactory(4, getClass().getClassLoader());

        assertThatThrownBy(() -> factory.create(TestRulebooks.withRules(rulebook,
                Map.of("rules/pair.drl", HEAD + STRICT + LENIENT), Map.of())).evaluate(input(goodTask("FE-1").build())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ViolationFact under not")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().line()).isEqualTo(9));
    }

    /**
     * {@code no-loop} hides a rule's own inserts from the rule. With {@code s} reporting each of three
     * tasks, {@code q} one item, and {@code r} (no-loop) pairing each {@code s} violation with each
     * {@code q} or {@code r} one, {@code r} reported 3 critical violations with {@code s} written
     * before it and 7 with {@code s} after (a pair is hidden when the {@code r} violation came last),
     * on the same facts, before the fix. Without {@code modify}/{@code update}, which the language
     * refuses, hiding inserts is all it did.
     */
    @Test
    void noLoopIsRefusedLocated() {
        String drl = HEAD + """

                rule r @severity(CRITICAL) no-loop when
                    $a : ViolationFact(rule == "s")
                    $b : ViolationFact(rule == "q" || rule == "r")
                then insert(Report.violation(kcontext, $a.item() + "/" + $b.item(), "r")); end
                """;

        assertThatThrownBy(() -> PolicyLanguage.check("rules/order.drl", drl.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("rule attribute 'no-loop' is refused")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().line()).isEqualTo(8));
    }

    @Test
    void rulesThatReadViolationsPositivelyJudgeAlikeInEitherOrder() throws Exception {
        String seed = """
                rule seed @severity(LOW) when $t : TaskFact() then insert(Report.violation(kcontext, $t, "seed")); end
                """;
        String echo = """
                rule echo @severity(CRITICAL) when
                    $v : ViolationFact(rule == "seed")
                    exists TaskFact(id == $v.item)
                then insert(Report.violation(kcontext, $v.item(), "echo")); end
                """;
        var factory = new DroolsGovernanceEngineFactory(4, getClass().getClassLoader());

        GovernanceDecision first = factory.create(TestRulebooks.withRules(Files.createDirectory(dir.resolve("a")),
                Map.of("rules/a.drl", HEAD + seed + echo), Map.of())).evaluate(input(goodTask("FE-1").build()));
        GovernanceDecision second = factory.create(TestRulebooks.withRules(Files.createDirectory(dir.resolve("b")),
                Map.of("rules/a.drl", HEAD + echo + seed), Map.of())).evaluate(input(goodTask("FE-1").build()));

        assertThat(first.violations()).extracting(Violation::rule).containsExactly("echo", "seed");
        assertThat(second.violations()).isEqualTo(first.violations());
    }
}
