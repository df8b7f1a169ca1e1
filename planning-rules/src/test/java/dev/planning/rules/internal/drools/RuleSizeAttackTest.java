package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.rules.TestRulebooks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Eleventh review (2026-12-04): two shapes of a small rule file that the policy check let through,
 * whose cost or outcome was then Drools' and the JVM stack's.
 *
 * <p>Drools compiles each {@code or} of conditional elements into a rule of its own per
 * alternative, multiplying across the rule: fourteen {@code (TaskFact(...) or TaskFact(...))}
 * groups, 877 bytes, took 7.7 s to compile on this machine, each group doubling it, and
 * compilation has no time bound (the evaluation's does not cover it), so thirty groups would keep
 * {@code gate}, {@code advance} and {@code verify} compiling for days. A rule now expands to at most
 * {@value PolicyLanguage#MAX_ALTERNATIVES} alternatives, counted on the parsed form.
 *
 * <p>A flat chain of operators ({@code 1+1+...}, {@code a || a || ...}) is one expression that
 * the parsers turn into a tree as deep as the chain is long, and walking it recursed until the
 * stack ran out: the check refused 10,000 terms as "nested too deeply" and accepted 5,000, and in
 * between the outcome depended on the stack the JVM had left (the same constraint of 5,000
 * {@code ||} terms compiled once and was refused by Drools as "Unable to Analyse Expression" the
 * next time, in one process), so a rulebook could be accepted by {@code advance} and refused by
 * {@code verify}. An expression, and a consequence, now has at most
 * {@value PolicyLanguage#MAX_EXPRESSION} characters and {@value PolicyLanguage#MAX_OPERATORS}
 * operators, dots and opening brackets, refused before anything parses it.
 */
class RuleSizeAttackTest {

    private static final String HEAD = """
            package dev.planning.rules.custom;

            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.Report;
            """;

    private static String groups(int count) {
        return String.join("", Collections.nCopies(count, "\n    (TaskFact(owner == \"a\") or TaskFact(owner == \"b\"))"));
    }

    private static void check(String drl) {
        PolicyLanguage.check("rules/size.drl", drl.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void orsThatMultiplyPastTheBoundAreRefusedLocatedBeforeDroolsExpandsThem() {
        String drl = HEAD + "rule r when" + groups(7) + "\nthen insert(Report.violation(kcontext, \"c\", \"x\")); end\n";

        assertThatThrownBy(() -> check(drl))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("128 alternatives")
                .satisfies(e -> {
                    var where = ((InvalidInputException) e).location().orElseThrow();
                    assertThat(where.file()).isEqualTo("rules/size.drl");
                    assertThat(where.line()).isEqualTo(5);
                });
    }

    @Test
    void orsWithinTheBoundStayInTheLanguage() {
        String drl = HEAD + "rule r when" + groups(6) + "\nthen insert(Report.violation(kcontext, \"c\", \"x\")); end\n";

        assertThatCode(() -> check(drl)).doesNotThrowAnyException();
    }

    @Test
    void orsUnderNotCountToo() {
        String drl = HEAD + "rule r when\n    not (" + groups(4).replaceFirst("\n", "").replace("\n", " and") + ")\n"
                + "    $n : Number() from accumulate(TaskFact(owner == \"a\" || owner == \"b\"), count(1))"
                + groups(3) + "\n"
                + "then insert(Report.violation(kcontext, \"c\", \"x\")); end\n";

        assertThatThrownBy(() -> check(drl))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("128 alternatives");
    }

    static Stream<Arguments> longExpressions() {
        String plus = String.join("", Collections.nCopies(2_500, "+1"));
        String or = String.join("", Collections.nCopies(400, " || owner == \"z\""));
        return Stream.of(
                Arguments.of("constraint", "rule r when\n    $t : TaskFact(owner == \"z\"" + or + ")\n"
                        + "then insert(Report.violation(kcontext, $t, \"x\")); end\n", 7),
                Arguments.of("eval", "rule r when\n    $t : TaskFact()\n    eval(1" + plus + " > 0)\n"
                        + "then insert(Report.violation(kcontext, $t, \"x\")); end\n", 8),
                Arguments.of("consequence", "rule r when\n    $t : TaskFact()\nthen\n    int x = 1" + plus + ";\n"
                        + "    insert(Report.violation(kcontext, $t, \"x\"));\nend\n", 9));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("longExpressions")
    void anExpressionLongerThanTheBoundIsRefusedLocatedBeforeAnyParserRecursesOnIt(String where, String rule, int line) {
        String drl = HEAD + "\n" + rule;

        assertThatThrownBy(() -> check(drl))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("longer than " + PolicyLanguage.MAX_EXPRESSION + " characters")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().line()).isEqualTo(line));
    }

    static Stream<Arguments> deepShortExpressions() {
        return Stream.of(
                Arguments.of("negations", "rule r when\n    $t : TaskFact()\n    eval(" + "!".repeat(200) + "true)\n"
                        + "then insert(Report.violation(kcontext, $t, \"x\")); end\n", 8),
                Arguments.of("conditionals", "rule r when\n    $t : TaskFact()\nthen\n    int x = " + "true?1:".repeat(100)
                        + "0;\n    if (x > 0) { insert(Report.violation(kcontext, $t, \"x\")); }\nend\n", 9),
                Arguments.of("casts", "rule r when\n    $t : TaskFact()\nthen\n    String o = " + "(String)".repeat(200)
                        + "\"a\";\n    insert(Report.violation(kcontext, $t, o));\nend\n", 9),
                Arguments.of("else-if", "rule r when\n    $t : TaskFact()\nthen\n    int x = 1;\n    if (x == 0) { x = 2; }"
                        + " else if (x == 0) { x = 2; }".repeat(70) + "\n    insert(Report.violation(kcontext, $t, \"x\"));\nend\n", 9),
                Arguments.of("calls", "rule r when\n    $t : TaskFact(owner" + ".trim()".repeat(100) + " != null)\n"
                        + "then insert(Report.violation(kcontext, $t, \"x\")); end\n", 7));
    }

    /**
     * Short but deep: 200 negations are 213 characters, and each level is a recursion of the parsers
     * (3,980 negations were refused as "nested too deeply", a stack overflow caught; 512 nested
     * conditionals, 3,788 characters, too). The count of operators, dots and opening brackets bounds
     * the depth; the shapes above all compiled and evaluated at twice the bound.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("deepShortExpressions")
    void anExpressionWithMoreOperatorsThanTheBoundIsRefusedLocatedHoweverShort(String shape, String rule, int line) {
        String drl = HEAD + "\n" + rule;

        assertThatThrownBy(() -> check(drl))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("more than " + PolicyLanguage.MAX_OPERATORS + " operators")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().line()).isEqualTo(line));
    }

    @Test
    void operatorsInsideStringsAndCommentsAreNotCounted() {
        String drl = HEAD + "\nrule r when\n    $t : TaskFact(owner != \"" + "-".repeat(300) + "\")\nthen\n"
                + "    // don't count " + "-".repeat(300) + "\n    /* nor " + ".".repeat(300) + " */\n"
                + "    insert(Report.violation(kcontext, $t, \"" + "!".repeat(300) + "\"));\nend\n";

        assertThatCode(() -> check(drl)).doesNotThrowAnyException();
    }

    /**
     * review33: the one scanner under the count (CodeScanner) reads a quote inside a comment as part of the comment,
     * and a text block's lone quote, which it reads otherwise than Java, as the start of a literal that takes the
     * rest: neither hides a chain of operators that reaches the compiler. The comment is skipped before its
     * apostrophe is read, so the chain after it is counted. A text block's lone quote runs to the end of the file for
     * Drools' lexer too, which reads quotes in pairs as the scanner does: no DRL, and the rulebook is refused.
     */
    @Test
    void aQuoteInACommentOrATextBlockDoesNotHideOperatorsFromTheBound(@TempDir Path dir) {
        String chain = "    String o = " + "(String)".repeat(200) + "\"a\";\n    insert(Report.violation(kcontext, $t, o));\n";
        String comment = HEAD + "\nrule r when\n    $t : TaskFact()\nthen\n    // it's a note\n" + chain + "end\n";
        String block = HEAD + "\nrule r when\n    $t : TaskFact()\nthen\n    String s = \"\"\"\n      a \" b\n      \"\"\";\n"
                + chain + "end\n";

        assertThatThrownBy(() -> check(comment)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("more than " + PolicyLanguage.MAX_OPERATORS + " operators");
        assertThatThrownBy(() -> new DroolsGovernanceEngineFactory(1, getClass().getClassLoader()).create(
                TestRulebooks.withRules(dir, Map.of("rules/size.drl", block), Map.of())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("rules/size.drl:15:1")
                .hasMessageContaining("mismatched input");
    }

    @Test
    void aChainTheCheckOnceRefusedAsTooDeepIsNowRefusedForItsLengthWhateverStackIsLeft() {
        String drl = HEAD + "\nrule r when\n    $t : TaskFact()\nthen\n    int x = 1"
                + String.join("", Collections.nCopies(10_000, "+1")) + ";\nend\n";

        assertThatThrownBy(() -> check(drl))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("longer than " + PolicyLanguage.MAX_EXPRESSION + " characters")
                .hasMessageNotContaining("nested too deeply");
    }
}
