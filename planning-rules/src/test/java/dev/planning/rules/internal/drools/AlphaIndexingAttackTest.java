package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.artifact.Controls;
import dev.planning.api.artifact.Task;
import dev.planning.rules.Inputs;
import dev.planning.rules.TestRulebooks;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.reteoo.CompositeObjectSinkAdapter;
import org.drools.core.reteoo.ObjectTypeNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kie.api.KieBase;

/**
 * A rule's verdict on a fact does not depend on how many other rules test the same field (attack34).
 * Drools' alpha network, by default, stops evaluating {@code field == literal} once three rules of a
 * type test the field that way (it looks the fact's value up in a hash map of the literals), and
 * {@code field < literal} (or {@code <=}, {@code >}, {@code >=}) once nine do (a sorted index of them). The
 * literal is converted to the field's type before it is hashed or sorted, which MVEL's interpreter does
 * not do: {@code 1.5} became {@code 1} for an {@code int} field, {@code 0.5} became {@code 0} for
 * the criticality, and a date literal never equalled a {@code LocalDate}. Each case below judges one
 * fact by one rule alone and with siblings on the same field enough to switch the index on.
 * Isolated: one test sets Drools' system properties.
 */
@Isolated
class AlphaIndexingAttackTest {

    /** Enough siblings for either index: Drools hashes at 3 {@code ==} tests, range-indexes at 9. */
    private static final int SIBLINGS = 10;

    @TempDir
    Path dir;

    private int made;

    private static final Task CRITICAL = Task.builder("FE-1", "Pay").owner("alice")
            .tags(Inputs.tags("criticality:0")).build();

    private static final Task ONE_APPROVAL_DUE = Task.builder("FE-1", "Pay").owner("alice")
            .tags(Inputs.tags("criticality:2"))
            .controls(new Controls(List.of("bob"), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), false, Optional.empty()))
            .due(LocalDate.of(2025, 9, 2)).build();

    private static final Task NO_APPROVAL = Task.builder("FE-1", "Pay").owner("alice")
            .tags(Inputs.tags("criticality:2")).build();

    private static String drl(String target, List<String> siblings) {
        StringBuilder drl = new StringBuilder("""
                package dev.planning.rules.hostile;

                import dev.planning.rules.facts.TaskFact;
                import dev.planning.rules.facts.Report;

                """);
        drl.append(rule("target", target));
        for (int i = 0; i < siblings.size(); i++) {
            drl.append(rule("sibling" + i, siblings.get(i)));
        }
        return drl.toString();
    }

    private static String rule(String name, String constraint) {
        return """
                rule "%s"
                    @severity(CRITICAL)
                when
                    $t : TaskFact(%s)
                then
                    insert(Report.violation(kcontext, $t, "hit"));
                end
                """.formatted(name, constraint);
    }

    private DroolsGovernanceEngine engine(String target, List<String> siblings) {
        return new DroolsGovernanceEngineFactory(1, getClass().getClassLoader()).create(TestRulebooks.withRules(
                dir.resolve("rb" + made++), Map.of("rules/r.drl", drl(target, siblings)), Map.of()));
    }

    /** Whether the target rule reported the task. */
    private boolean fires(String target, List<String> siblings, Task task) {
        return engine(target, siblings).evaluate(Inputs.input(task)).violations().stream()
                .anyMatch(v -> v.rule().equals("target"));
    }

    /** Siblings {@code field op 90}, {@code field op 91}, ...: literals no fact here reaches. */
    private static List<String> siblings(String field, String operator, String format) {
        return IntStream.range(0, SIBLINGS).mapToObj(i -> field + " " + operator + " " + format.formatted(90 + i))
                .toList();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // The hash map: the literal converted to the field's type.
                Arguments.of("approvals == 1.5", siblings("approvals", "==", "%d"), ONE_APPROVAL_DUE, false),
                Arguments.of("criticality == 0.5", siblings("criticality", "==", "%d"), CRITICAL, false),
                Arguments.of("due == \"02-Sep-2025\"", siblings("due", "==", "\"%d-Oct-2025\""), ONE_APPROVAL_DUE,
                        true),
                // The sorted index: the same conversion on an ordering.
                Arguments.of("criticality < 0.5", siblings("criticality", "<", "%d"), CRITICAL, true),
                Arguments.of("criticality > -0.5", siblings("criticality", ">", "%d"), CRITICAL, true),
                Arguments.of("criticality >= 0.5", siblings("criticality", ">=", "%d"), CRITICAL, false),
                Arguments.of("approvals < 0.5", siblings("approvals", "<", "%d"), NO_APPROVAL, true),
                Arguments.of("approvals >= 0.5", siblings("approvals", ">=", "%d"), NO_APPROVAL, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aRuleJudgesAFactAloneAsItDoesAmongRulesTestingTheSameField(String target, List<String> siblings,
            Task task, boolean fires) {
        assertThat(fires(target, List.of(), task)).as("alone").isEqualTo(fires);
        assertThat(fires(target, siblings.subList(0, 1), task)).as("with one sibling").isEqualTo(fires);
        assertThat(fires(target, siblings, task)).as("with %d siblings", siblings.size()).isEqualTo(fires);
    }

    @Test
    void theNetworkNeitherHashesNorRangeIndexesAlphaNodes() {
        List<String> siblings = new ArrayList<>(siblings("owner", "==", "\"o%d\""));
        siblings.addAll(siblings("criticality", "<", "%d"));

        assertThat(indexedAlphaNodes(engine("owner == \"x\"", siblings).kieBase())).isZero();
    }

    @Test
    void drools_indexThresholdsGivenToTheJvmDoNotTurnTheIndexesBackOn() {
        String hashing = System.getProperty("drools.alphaNodeHashingThreshold");
        String range = System.getProperty("drools.alphaNodeRangeIndexThreshold");
        System.setProperty("drools.alphaNodeHashingThreshold", "1");
        System.setProperty("drools.alphaNodeRangeIndexThreshold", "1");
        try {
            assertThat(fires("criticality < 0.5", siblings("criticality", "<", "%d"), CRITICAL)).isTrue();
            assertThat(fires("approvals == 1.5", siblings("approvals", "==", "%d"), ONE_APPROVAL_DUE)).isFalse();
        } finally {
            restore("drools.alphaNodeHashingThreshold", hashing);
            restore("drools.alphaNodeRangeIndexThreshold", range);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    /** The alpha nodes the network reaches by a hash or range look-up instead of by their constraint. */
    static int indexedAlphaNodes(KieBase base) {
        int indexed = 0;
        for (ObjectTypeNode node : ((InternalRuleBase) base).getRete().getObjectTypeNodes()) {
            if (node.getObjectSinkPropagator() instanceof CompositeObjectSinkAdapter adapter) {
                indexed += adapter.getHashedSinkMap() == null ? 0 : adapter.getHashedSinkMap().size();
                indexed += adapter.getRangeIndexMap() == null ? 0 : adapter.getRangeIndexMap().size();
            }
        }
        return indexed;
    }
}
