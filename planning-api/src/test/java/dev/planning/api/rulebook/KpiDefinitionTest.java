package dev.planning.api.rulebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KpiDefinitionTest {

    private static KpiDefinition withTarget(double target) {
        return new KpiDefinition("k", "done_tasks", List.of("done_tasks"), "count", Optional.of(target),
                KpiDirection.HIGHER_IS_BETTER, "");
    }

    /**
     * A rulebook built in code skips the loader's check: an infinite or NaN target would be met by every
     * actual or by none, and written into the digest as no number. Refused, naming the KPI.
     */
    @Test
    void refusesATargetThatIsNotAFiniteNumber() {
        for (double target : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN}) {
            assertThatThrownBy(() -> withTarget(target)).as("%s", target)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("KPI 'k' has the target " + target + "; expected a finite number");
        }
        assertThat(withTarget(-Double.MAX_VALUE).target()).contains(-Double.MAX_VALUE);
    }
}
