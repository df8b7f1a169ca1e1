package dev.planning.engine.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.artifact.KpiValue;
import dev.planning.api.rulebook.KpiDefinition;
import dev.planning.api.rulebook.KpiDirection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KpiEvaluatorTest {

    private final KpiEvaluator evaluator = new KpiEvaluator();

    private static KpiDefinition kpi(String formula, String... inputs) {
        return new KpiDefinition("k", formula, List.of(inputs), "percent", Optional.of(90.0),
                KpiDirection.HIGHER_IS_BETTER, "");
    }

    @Test
    void evaluatesAFormulaOverItsInputs() {
        List<KpiValue> values = evaluator.evaluate(List.of(kpi("done / planned * 100", "done", "planned")),
                Map.of("done", 9.0, "planned", 12.0));

        assertThat(values.get(0).actual()).contains(75.0);
        assertThat(values.get(0).target()).contains(90.0);
        assertThat(values.get(0).direction()).isEqualTo("higher_is_better");
    }

    @Test
    void aMissingInputIsNotMeasuredNeverZero() {
        List<KpiValue> values = evaluator.evaluate(List.of(kpi("cov", "cov")), Map.of());

        assertThat(values.get(0).measured()).isFalse();
        assertThat(values.get(0).actual()).isEmpty();
    }

    @Test
    void aDivisionByZeroIsNotMeasured() {
        List<KpiValue> values = evaluator.evaluate(List.of(kpi("passes / runs * 100", "passes", "runs")),
                Map.of("passes", 0.0, "runs", 0.0));

        assertThat(values.get(0).actual()).isEmpty();
    }

    @Test
    void supportsConditionals() {
        List<KpiValue> values = evaluator.evaluate(List.of(kpi("a > b ? a - b : 0", "a", "b")), Map.of("a", 5.0, "b", 2.0));

        assertThat(values.get(0).actual()).contains(3.0);
    }

    @Test
    void refusesMethodCallsObjectCreationAndAssignments() {
        for (String formula : List.of("a.getClass()", "new('java.io.File', 'x')", "new(a)", "a = 3", "var x = 1; x")) {
            assertThatThrownBy(() -> KpiEvaluator.check(kpi(formula, "a")))
                    .as(formula)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("is not allowed");
        }
    }

    @Test
    void refusesAFormulaReadingAnUndeclaredInput() {
        assertThatThrownBy(() -> KpiEvaluator.check(kpi("a / b", "a")))
                .hasMessageContaining("the formula reads [b], which its inputs [a] do not list");
    }

    @Test
    void refusesTextTemplatesAndPatternMatchingWhichCouldRunForever() {
        // '(.*a){25}' against a line of a's backtracks for longer than any build waits; a formula
        // over numbers needs no text, so no quote, template or pattern gets as far as running.
        for (String formula : List.of("'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' =~ '(.*a){25}'", "a + \"1\"",
                "`${'aaaa!' =~ '(.*a){3}'}`", "a =~ ~/1.0/ ? 1 : 0", "a !~ ~/1.0/ ? 1 : 0")) {
            assertThatThrownBy(() -> KpiEvaluator.check(kpi(formula, "a")))
                    .as(formula)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("no text, templates, patterns or collections");
        }
    }

    @Test
    void aFormulaHoldsOnlyTheCharactersOfArithmeticOverNamedInputs() {
        // An allow-list: collections, statements, pragmas, other operators and non-ASCII letters are
        // refused by character, located, before JEXL parses anything.
        for (String formula : List.of("[a, 1][0]", "{a: 1}.size()", "a; a", "#pragma x 1\na", "a ^ 1",
                "$a", "a\u0000", "\u00e4 + a", "a @ 1", "a\\1")) {
            assertThatThrownBy(() -> KpiEvaluator.check(kpi(formula, "a")))
                    .as(formula)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("KPI 'k'")
                    .hasMessageContaining("' at ")
                    .hasMessageContaining("a formula holds only ASCII letters, digits, spaces");
        }
    }

    @Test
    void lettersDigitsAndOperatorsThatOnlyLookAsciiAreRefused() {
        // Fourth review of 2026-12-03: characters that Character.isLetterOrDigit accepts, full-width
        // operators and a unicode escape are refused by the allow-list (ASCII only), not by JEXL.
        for (String formula : List.of("a \uff0b 1", "a + \uff11", "a + \u0663", "\u212a", "\u017f", "a\u00a0+ 1",
                "a + \\u0031", "a \u2212 1")) {
            assertThatThrownBy(() -> KpiEvaluator.check(kpi(formula, "a", "K", "s")))
                    .as(formula)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("a formula holds only ASCII letters, digits, spaces");
        }
    }

    @Test
    void hugeLiteralsFunctionsAndNamespacesReachNothingAndAreNotMeasured() {
        // Fourth review of 2026-12-03: JEXL's BigDecimal literals compute within its math context (no
        // exact expansion of 10^999999999), and with no namespace or function registered a call
        // resolves to nothing; each leaves the KPI unmeasured, at once.
        for (String formula : List.of("1e999999999B * a", "(1e999999999B / 7B) - a", "Math:abs(a)", "a(a)",
                "Runtime:getRuntime(a)")) {
            List<KpiValue> values = evaluator.evaluate(List.of(kpi(formula, "a")), Map.of("a", 2.0));
            assertThat(values.get(0).actual()).as(formula).isEmpty();
        }
    }

    @Test
    void everyCharacterOfArithmeticComparisonAndLogicIsAccepted() {
        KpiEvaluator.check(kpi("a_1 >= 0.5 && !(a_1 == 2) || a_1 % 2 != 1 ? (a_1 + 1) * 2 / 4 - 1 : A_1 <= 3",
                "a_1", "A_1"));
    }

    @Test
    void aFormulaNestedTooDeeplyIsRefusedRatherThanOverflowingTheStack() {
        String nested = "(".repeat(5_000) + "a" + ")".repeat(5_000);
        String chained = "a" + " + a".repeat(20_000);
        for (String formula : List.of(nested, chained, "-".repeat(20_000) + "a")) {
            assertThatThrownBy(() -> KpiEvaluator.check(kpi(formula, "a")))
                    .as(formula.substring(0, 20))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("KPI 'k'");
        }
    }

    @Test
    void aFormulaDeepEnoughToOverflowWithinTheLengthBoundIsRefusedLocated() {
        // 400 parentheses fit the length bound; on a small stack the parser runs out and that is
        // an invalid formula, never an error that escapes the loader.
        String nested = "(".repeat(400) + "a" + ")".repeat(400);
        Throwable[] seen = new Throwable[1];
        Thread small = new Thread(null, () -> {
            try {
                KpiEvaluator.check(kpi(nested, "a"));
            } catch (Throwable e) {
                seen[0] = e;
            }
        }, "small-stack", 64 * 1024);
        small.start();
        assertThatCode(small::join).doesNotThrowAnyException();

        assertThat(seen[0]).isInstanceOf(InvalidInputException.class).hasMessageContaining("KPI 'k'");
    }

    @Test
    void everyDefaultKpiDirectionMeetsItsTargetTheRightWay() {
        assertThat(KpiDirection.HIGHER_IS_BETTER.meets(90, 90)).isTrue();
        assertThat(KpiDirection.HIGHER_IS_BETTER.meets(89, 90)).isFalse();
        assertThat(KpiDirection.LOWER_IS_BETTER.meets(16, 15)).isFalse();
        assertThat(KpiDirection.LOWER_IS_BETTER.meets(0, 0)).isTrue();
    }
}
