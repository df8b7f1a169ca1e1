package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.governance.ViolationSeverity;
import dev.planning.rules.facts.ViolationFact;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tenth review (2026-12-04): a verdict must be recomputable ({@code verify} runs the rules again in
 * another process), which is why {@code LocalDate.now()} is outside the policy language. So was
 * not {@code hashCode}: on a {@code ViolationFact}'s {@code severity} (an enum) it is the JVM's
 * identity hash, which depends on what the process hashed before, so a rule such as
 * {@code ViolationFact(severity.hashCode() % 2 == 0)} could report a critical violation at
 * {@code advance} and none at {@code verify}, or the reverse. {@code hashCode} is no longer a method
 * a policy may call; no shipped or example rule used it.
 */
class PolicyDeterminismAttackTest {

    private static final String HEAD = """
            package dev.planning.rules.custom;

            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.ViolationFact;
            import dev.planning.rules.facts.Report;
            """;

    @Test
    void aSeveritysHashIsTheJvmsIdentityHashNotAValue() {
        assertThat(ViolationSeverity.CRITICAL.hashCode()).isEqualTo(System.identityHashCode(ViolationSeverity.CRITICAL));
    }

    /**
     * A rule may still collect violations into a set ({@code Set() from collect(ViolationFact())}),
     * which iterates in hash order: a violation's hash is its values', the same in every process, so
     * it is pinned here (before, it took in the severity's identity hash and was another number in
     * each JVM).
     */
    @Test
    void aViolationsHashIsTheSameInEveryProcess() {
        ViolationFact violation = new ViolationFact("critical-approvals", "FE-1", ViolationSeverity.CRITICAL,
                "FE-1 needs 3 approvals", Map.of("severity", "CRITICAL"), null);

        assertThat(violation.hashCode()).isEqualTo(PINNED_HASH);
    }

    /** The hash of the violation above, computed once: values only. */
    private static final int PINNED_HASH = 1681489148;

    @Test
    void collectingSeveritiesIntoASetIsRefusedLocated() {
        String drl = HEAD + """
                import java.util.Set;
                rule coin when
                    $s : Set() from accumulate($v : ViolationFact(), collectSet($v.severity()))
                    eval($s.toString().startsWith("[CRITICAL"))
                then insert(Report.violation(kcontext, "cycle", "coin")); end
                """;

        assertThatThrownBy(() -> PolicyLanguage.check("rules/coin.drl", drl.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("collectSet")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().line()).isEqualTo(8));
    }

    static Stream<Arguments> hashes() {
        return Stream.of(
                Arguments.of("rule coin when\n    $v : ViolationFact(severity.hashCode() % 2 == 0)\n"
                        + "then insert(Report.violation(kcontext, \"cycle\", \"coin\")); end\n", 8),
                Arguments.of("rule coin when\n    $v : ViolationFact(severity.hashCode % 2 == 0)\n"
                        + "then insert(Report.violation(kcontext, \"cycle\", \"coin\")); end\n", 8),
                Arguments.of("rule coin when\n    $v : ViolationFact(hashCode % 2 == 0)\n"
                        + "then insert(Report.violation(kcontext, \"cycle\", \"coin\")); end\n", 8),
                Arguments.of("rule coin when\n    $v : ViolationFact()\n    eval($v.hashCode() % 2 == 0)\n"
                        + "then insert(Report.violation(kcontext, \"cycle\", \"coin\")); end\n", 9),
                Arguments.of("rule coin when\n    $v : ViolationFact()\nthen\n    int h = $v.severity().hashCode();\n"
                        + "    if (h % 2 == 0) { insert(Report.violation(kcontext, \"cycle\", \"coin\")); }\nend\n", 10));
    }

    @ParameterizedTest
    @MethodSource("hashes")
    void aRuleThatReadsAnIdentityHashIsRefusedLocated(String rule, int line) {
        String drl = HEAD + "\n" + rule;

        assertThatThrownBy(() -> PolicyLanguage.check("rules/coin.drl", drl.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("hashCode")
                .satisfies(e -> {
                    var where = ((InvalidInputException) e).location().orElseThrow();
                    assertThat(where.file()).isEqualTo("rules/coin.drl");
                    assertThat(where.line()).isEqualTo(line);
                });
    }

    /**
     * attack31: {@code stream} is a fact accessor ({@code TaskFact.stream()}, the plan's stream), and a fact
     * accessor's name was callable on any value, so {@code dependencies.stream()} reached a collection's
     * {@code Stream}, whose text is its class and the JVM's identity hash
     * ({@code java.util.stream.ReferencePipeline$Head@5e9f23b4}): {@code String.valueOf(dependencies.stream())
     * .endsWith("0")} reported in about one process in sixteen.
     */
    static Stream<Arguments> streams() {
        return Stream.of(
                Arguments.of("rule coin when\n    $t : TaskFact(String.valueOf(dependencies.stream()).endsWith(\"0\"))\n"
                        + "then insert(Report.violation(kcontext, $t, \"coin\")); end\n", 8),
                Arguments.of("rule coin when\n    $t : TaskFact(tags.keySet().stream().toString().endsWith(\"0\"))\n"
                        + "then insert(Report.violation(kcontext, $t, \"coin\")); end\n", 8),
                Arguments.of("rule coin when\n    $t : TaskFact()\n    eval(String.valueOf($t.approvalNames().stream()).endsWith(\"0\"))\n"
                        + "then insert(Report.violation(kcontext, $t, \"coin\")); end\n", 9),
                Arguments.of("rule coin when\n    $t : TaskFact()\nthen\n    var s = $t.dependencies().stream();\n"
                        + "    insert(Report.violation(kcontext, $t, \"coin \" + s));\nend\n", 10),
                Arguments.of("rule coin when\n    $v : ViolationFact()\nthen\n    String s = String.valueOf($v.toViolation()"
                        + ".location().stream());\n    insert(Report.violation(kcontext, \"cycle\", s));\nend\n", 10));
    }

    @ParameterizedTest
    @MethodSource("streams")
    void aRuleThatReachesAStreamsIdentityHashThroughTheStreamAccessorIsRefusedLocated(String rule, int line) {
        String drl = HEAD + "\n" + rule;

        assertThatThrownBy(() -> PolicyLanguage.check("rules/coin.drl", drl.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("stream")
                .hasMessageContaining("identity hash")
                .satisfies(e -> {
                    var where = ((InvalidInputException) e).location().orElseThrow();
                    assertThat(where.file()).isEqualTo("rules/coin.drl");
                    assertThat(where.line()).isEqualTo(line);
                });
    }

    /** The plan's stream stays readable as a task's (and a cross-stream reference's) field, in every form. */
    @Test
    void aFactsStreamFieldIsStillReadable() {
        String drl = HEAD + """
                import dev.planning.rules.facts.CrossStreamRefFact;
                rule fe when
                    $t : TaskFact(stream == "fe", this.stream == "fe", stream().length() > 0)
                    $r : CrossStreamRefFact(stream != $t.stream(), $t.stream != null)
                    eval($r.stream() != null && ((TaskFact) $t).stream() != null)
                then
                    TaskFact task = $t;
                    insert(Report.violation(kcontext, $t, $t.stream() + task.stream() + $r.stream()));
                end
                """;

        PolicyLanguage.check("rules/fe.drl", drl.getBytes(StandardCharsets.UTF_8));
    }
}
