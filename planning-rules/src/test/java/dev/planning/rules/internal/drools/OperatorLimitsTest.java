package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The operator's limits: a system property, else the environment, else the default; junk is refused. */
class OperatorLimitsTest {

    private static OperatorLimits of(Map<String, String> properties, Map<String, String> environment) {
        return OperatorLimits.of(properties::get, environment);
    }

    @Test
    void withNothingSetTheDefaultsHold() {
        assertThat(of(Map.of(), Map.of())).isEqualTo(new OperatorLimits(60, 100_000_000L, 5_000, 8L * 1024 * 1024));
    }

    @Test
    void theEnvironmentSetsThemAndASystemPropertyWinsOverIt() {
        assertThat(of(Map.of(), Map.of("PLANNING_RULES_MAX_EVALUATION_SECONDS", "2.5",
                "PLANNING_RULES_MAX_JOIN_COMBINATIONS", "1000"))).isEqualTo(new OperatorLimits(2.5, 1000, 5_000, 8L * 1024 * 1024));
        assertThat(of(Map.of("planning.rules.maxEvaluationSeconds", "3", "planning.rules.maxJoinCombinations", "7"),
                Map.of("PLANNING_RULES_MAX_EVALUATION_SECONDS", "2.5"))).isEqualTo(new OperatorLimits(3, 7, 5_000, 8L * 1024 * 1024));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ten", "NaN", "Infinity", "1e3", "0x10", "-1", "0", "86401", "1,5"})
    void aTimeLimitThatIsNotSecondsInRangeIsRefusedNamingTheSetting(String value) {
        assertThatThrownBy(() -> of(Map.of("planning.rules.maxEvaluationSeconds", value), Map.of()))
                .isInstanceOf(PlanningException.class)
                .hasMessage("operator limit planning.rules.maxEvaluationSeconds (or PLANNING_RULES_MAX_EVALUATION_SECONDS)"
                        + " is '" + value.strip() + "'; expected a number of seconds from 0.001 to 86400");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1.5", "-3", "1e9", "10000000000000000000"})
    void aJoinBoundThatIsNotAWholeNumberInRangeIsRefused(String value) {
        assertThatThrownBy(() -> of(Map.of(), Map.of("PLANNING_RULES_MAX_JOIN_COMBINATIONS", value)))
                .isInstanceOf(PlanningException.class)
                .hasMessageStartingWith("operator limit planning.rules.maxJoinCombinations (or PLANNING_RULES_MAX_JOIN_COMBINATIONS)"
                        + " is '" + value + "'; expected a whole number of combinations");
    }

    @Test
    void theCompileBoundsAreSetLikeTheOthers() {
        assertThat(of(Map.of("planning.rules.maxRules", "20"), Map.of("PLANNING_RULES_MAX_RULES", "10",
                "PLANNING_RULES_MAX_RULEBOOK_BYTES", "4096"))).isEqualTo(new OperatorLimits(60, 100_000_000L, 20, 4096));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lots", "0", "-1", "1.5", "1e3", "0x10", "1000001", " 7 7"})
    void aRuleBoundThatIsNotAWholeNumberInRangeIsRefusedInOneLine(String value) {
        assertThatThrownBy(() -> of(Map.of("planning.rules.maxRules", value), Map.of()))
                .isInstanceOf(PlanningException.class)
                .hasMessage("operator limit planning.rules.maxRules (or PLANNING_RULES_MAX_RULES) is '" + value.strip()
                        + "'; expected a whole number of rules from 1 to 1000000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "8MiB", "0", "-5", "2.5", "99999999999999"})
    void aByteBoundThatIsNotAWholeNumberInRangeIsRefusedInOneLine(String value) {
        assertThatThrownBy(() -> of(Map.of(), Map.of("PLANNING_RULES_MAX_RULEBOOK_BYTES", value)))
                .isInstanceOf(PlanningException.class)
                .hasMessage("operator limit planning.rules.maxRulebookBytes (or PLANNING_RULES_MAX_RULEBOOK_BYTES) is '"
                        + value.strip() + "'; expected a whole number of bytes from 1 to 1000000000000");
    }
}
