package dev.planning.api.rulebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rulebook built in code holds the thresholds a loaded one may hold, and no other: what each holds is
 * {@link ThresholdBound}'s (the engine's {@code ThresholdBoundSchemaTest} shows the rulebook schema says
 * the same).
 */
class RulebookThresholdsTest {

    private static Rulebook rulebook(Map<String, Double> thresholds) {
        return new Rulebook(Path.of("/rulebook").toAbsolutePath(), "0".repeat(64), "1",
                Map.of("p", new GateProfile("p", List.of())), Map.of(), "p", Map.of(), List.of(), thresholds, List.of());
    }

    @Test
    void refusesAFractionalCountNamingTheThresholdAndWhatItHolds() {
        assertThatThrownBy(() -> rulebook(Map.of("critical_approvals", 2.5)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("threshold `critical_approvals` is 2.5; critical_approvals holds a whole number from 0 to"
                        + " 2147483647");
        assertThatThrownBy(() -> rulebook(Map.of("fe.critical_approvals", Double.NaN)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("threshold `fe.critical_approvals` is NaN; critical_approvals holds a whole number from 0"
                        + " to 2147483647");
    }

    @Test
    void refusesEveryValueAThresholdTheEngineReadsCannotHoldAloneAndForAStream() {
        Map<String, List<Double>> refused = Map.ofEntries(
                Map.entry("critical_approvals", List.of(-1.0, 2.5, 2147483648.0)),
                Map.entry("max_rule_firings", List.of(0.0, 1.5, 2147483647.0)),
                Map.entry("max_evaluation_seconds", List.of(0.0, 0.0009, 86400.5)),
                Map.entry("max_dependency_depth", List.of(-1.0, 0.5)),
                Map.entry("unit_coverage_min", List.of(-0.1, 100.00000000000001)),
                Map.entry("e2e_coverage_min", List.of(101.0)),
                Map.entry("delivered_ratio_min", List.of(80.0, -0.5)),
                Map.entry("tests_failed_max", List.of(-1.0, 0.25)),
                Map.entry("scope_variance_max_pct", List.of(100.5)),
                Map.entry("coverage_regression_tolerance_pct", List.of(-1.0)),
                Map.entry("waiver_expiry_warning_days", List.of(7.5, 3651.0)));
        assertThat(refused.keySet()).containsExactlyInAnyOrder(
                Arrays.stream(ThresholdBound.values()).map(ThresholdBound::thresholdName).toArray(String[]::new));
        refused.forEach((name, values) -> {
            for (double value : values) {
                for (String written : List.of(name, "fe." + name)) {
                    assertThatThrownBy(() -> rulebook(Map.of(written, value))).as(written + " = " + value)
                            .isInstanceOf(InvalidInputException.class)
                            .hasMessageStartingWith("threshold `" + written + "` is ")
                            .hasMessageContaining(name + " holds ");
                }
            }
            for (double value : List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)) {
                assertThatThrownBy(() -> rulebook(Map.of(name, value))).as(name + " = " + value)
                        .isInstanceOf(InvalidInputException.class);
            }
        });
    }

    @Test
    void acceptsEveryThresholdAtItsBoundsAndAnyOtherNameWithAnyNumberAPlanCanCountExactly() {
        for (ThresholdBound bound : ThresholdBound.values()) {
            for (String written : List.of(bound.thresholdName(), "fe." + bound.thresholdName())) {
                assertThatCode(() -> rulebook(Map.of(written, bound.minimum(), "x." + written, bound.maximum())))
                        .as(written).doesNotThrowAnyException();
            }
        }
        assertThat(rulebook(Map.of("max_estimate", 5.5, "floor", -9007199254740991.0, "cap", 9007199254740991.0))
                .threshold("max_estimate", 0)).isEqualTo(5.5);
        // A name that ends like one the engine reads, but is not it: the pattern needs a stream before the dot.
        assertThatCode(() -> rulebook(Map.of(".critical_approvals", 2.5, "my_critical_approvals", 2.5)))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAnyOtherNameHoldingNoNumberOrOneADoubleCannotCountExactly() {
        for (double value : List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 9007199254740992.0,
                -9007199254740992.0)) {
            assertThatThrownBy(() -> rulebook(Map.of("max_estimate", value))).as("max_estimate = " + value)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("threshold `max_estimate` is ")
                    .hasMessageEndingWith("; a threshold holds a number from -9007199254740991 to 9007199254740991");
        }
        Map<String, Double> unset = new HashMap<>();
        unset.put("critical_approvals", null);
        assertThatThrownBy(() -> rulebook(unset)).isInstanceOf(NullPointerException.class)
                .hasMessage("the value of threshold `critical_approvals`");
    }
}
