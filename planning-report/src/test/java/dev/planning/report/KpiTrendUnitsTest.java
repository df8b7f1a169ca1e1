package dev.planning.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.artifact.DigestSummary;
import dev.planning.api.artifact.KpiValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * left17: a KPI's chart over a stream's digests compares like with like, as the digest does since kpi17:
 * a digest that states the KPI in another unit breaks the series, which starts again after it.
 */
class KpiTrendUnitsTest {

    private static KpiValue value(double actual, String unit) {
        return new KpiValue("plan_accuracy", Optional.of(actual), Optional.of(90.0), unit, "higher_is_better");
    }

    private static DigestSummary digest(String cycle, KpiValue kpi) {
        return new DigestSummary("1.0", cycle, "fe", Instant.parse("2025-09-02T00:00:00Z"), Optional.empty(),
                "ab".repeat(32), Optional.empty(), Map.of(kpi.name(), kpi), Map.of(), List.of(), Optional.empty(),
                Map.of());
    }

    /** Failed before: 0.8 and 0.9 (a ratio) were drawn on one line with 95 (a percentage): a rise that never happened. */
    @Test
    void aDigestOfAnotherUnitBreaksTheSeriesWhichStartsAgainAfterIt() {
        KpiValue now = value(96, "percent");

        List<Model.Point> points = WorkspaceReader.trend(now, List.of(digest("2025-08-05", value(0.8, "ratio")),
                digest("2025-08-19", value(0.9, "ratio")), digest("2025-09-02", value(95, "percent")),
                digest("2025-09-16", now)));

        assertThat(points).extracting(Model.Point::cycleId).containsExactly("2025-09-02", "2025-09-16");
        assertThat(points).extracting(Model.Point::value).containsExactly(95.0, 96.0);
    }

    @Test
    void aSeriesOfOneUnitIsDrawnWhole() {
        KpiValue now = value(96, "percent");

        assertThat(WorkspaceReader.trend(now, List.of(digest("2025-08-19", value(91, "percent")),
                digest("2025-09-02", now)))).extracting(Model.Point::value).containsExactly(91.0, 96.0);
    }
}
