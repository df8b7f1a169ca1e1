package dev.planning.engine.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.artifact.KpiValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the digest states a KPI's change and the counts behind it. */
class KpiFiguresTest {

    private static KpiRow row(double actual, double previous) {
        KpiValue value = new KpiValue("cycle_time_days", Optional.of(actual), Optional.of(10.0), "days",
                "lower_is_better");
        return new KpiRow(value, "", Optional.of(previous),
                List.of(new KpiRow.Point("2025-09-02", previous), new KpiRow.Point("2025-09-16", actual)),
                Optional.empty(), List.of());
    }

    @Test
    void aValueEqualToThePreviousOnceRoundedIsFlatWithAZeroDelta() {
        // 2.1666... is stored as 2.1667, which the next digest reads back as its previous value.
        KpiRow row = row(52.0 / 24, 2.1667);

        assertThat(row.trend()).isEqualTo("flat");
        assertThat(row.delta()).contains(0.0);
    }

    @Test
    void aChangeBelowDisplayPrecisionIsShownNotPrintedAsZero() {
        KpiRow row = row(2.174, 2.171);

        assertThat(row.trend()).isEqualTo("up");
        assertThat(Figures.signed(row.delta().orElseThrow())).isEqualTo("+0.003");
    }

    @Test
    void aRateShowsTheCountsBehindIt() {
        Map<String, Double> inputs = Map.of("deployments_failed", 2.0, "deployments_total", 4.0, "tests_passed", 3.0,
                "tests_total", 5.0, "tests_skipped", 1.0);

        assertThat(KpiBasis.of("deployments_failed / deployments_total * 100", inputs)).contains("2 of 4 deployments");
        assertThat(KpiBasis.of("tests_passed / (tests_total - tests_skipped) * 100", inputs)).contains("3 of 4 tests run");
        assertThat(KpiBasis.of("lead_time_hours / 24", Map.of("lead_time_hours", 48.0))).isEmpty();
        assertThat(KpiBasis.of("done_points / cycle_days", Map.of("done_points", 8.0, "cycle_days", 4.0)))
                .contains("8 points in 4 days");
        assertThat(KpiBasis.of("deployments_total / deployment_period_days * 7",
                Map.of("deployments_total", 4.0, "deployment_period_days", 14.0))).contains("4 deployments in 14 days");
    }

    @Test
    void timesAreShownToTheSecond() {
        assertThat(Figures.time(Instant.parse("2025-09-02T08:00:00.123456789Z"))).isEqualTo("2025-09-02T08:00:00Z");
    }
}
