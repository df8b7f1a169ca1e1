package dev.planning.engine.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.artifact.KpiValue;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KpiRowTest {

    private static KpiRow row(double actual, double target, String direction) {
        return new KpiRow(new KpiValue("k", Optional.of(actual), Optional.of(target), "percent", direction), "",
                Optional.empty(), List.of(), Optional.empty(), List.of());
    }

    /**
     * The front matter states the actual rounded to 4 decimals beside the target, and
     * {@code workspace.kpis()} judges that stored actual ({@link KpiValue#meetsTarget()}): the status
     * is judged on the same figure, so a reader who recomputes it from the file gets the same answer.
     */
    @Test
    void theStatusJudgesTheActualAsTheFrontMatterStatesIt() {
        KpiRow below = row(89.99999, 90, "higher_is_better");
        KpiRow above = row(10.00004, 10, "lower_is_better");

        assertThat(Figures.stored(89.99999)).isEqualTo(90.0);
        assertThat(below.status()).isEqualTo("met");
        assertThat(above.status()).isEqualTo("met");
        assertThat(row(89.9999, 90, "higher_is_better").status()).isEqualTo("missed");
        assertThat(row(10.0001, 10, "lower_is_better").status()).isEqualTo("missed");
    }
}
