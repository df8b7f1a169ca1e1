package dev.planning.api.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link KpiValue#meetsTarget()}: met or missed as the digest judges it, in the KPI's direction. */
class KpiValueTest {

    private static KpiValue kpi(Double actual, Double target, String direction) {
        return new KpiValue("k", Optional.ofNullable(actual), Optional.ofNullable(target), "percent", direction);
    }

    @Test
    void higherIsBetterMeetsAtOrAboveTheTarget() {
        assertThat(kpi(80.0, 80.0, "higher_is_better").meetsTarget()).contains(true);
        assertThat(kpi(79.9, 80.0, "higher_is_better").meetsTarget()).contains(false);
    }

    @Test
    void lowerIsBetterMeetsAtOrBelowTheTarget() {
        assertThat(kpi(2.0, 2.0, "lower_is_better").meetsTarget()).contains(true);
        assertThat(kpi(2.5, 2.0, "lower_is_better").meetsTarget()).contains(false);
    }

    @Test
    void notMeasuredOrWithoutATargetIsNeitherMetNorMissed() {
        assertThat(kpi(null, 80.0, "higher_is_better").meetsTarget()).isEmpty();
        assertThat(kpi(90.0, null, "higher_is_better").meetsTarget()).isEmpty();
    }

    @Test
    void aDirectionItCannotClassifyIsRefusedNeverJudged() {
        assertThatThrownBy(() -> kpi(90.0, 80.0, "sideways").meetsTarget())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("sideways");
    }
}
