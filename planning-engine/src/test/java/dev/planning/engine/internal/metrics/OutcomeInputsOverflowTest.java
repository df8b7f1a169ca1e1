package dev.planning.engine.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.engine.internal.outcome.AccessibilityReport;
import dev.planning.engine.internal.outcome.CoverageSummary;
import dev.planning.engine.internal.outcome.OutcomeSet;
import dev.planning.engine.internal.outcome.TestReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The KPI inputs summed over a cycle's reports never wrap: a sum a {@code long} cannot hold is refused. */
class OutcomeInputsOverflowTest {

    private static final String SHA = "ab".repeat(32);

    private static OutcomeSet.Stored<CoverageSummary> coverage(String name, long covered, long total) {
        return new OutcomeSet.Stored<>("outcomes/jacoco/" + name, SHA, new CoverageSummary(covered, total));
    }

    @Test
    void coverageLineCountsWhoseSumOverflowsALongAreRefusedRatherThanWrapping() {
        long half = Long.MAX_VALUE / 2 + 1;
        OutcomeSet outcomes = new OutcomeSet(List.of(), List.of(coverage("0a-jacoco.xml", half, half),
                coverage("1b-jacoco.xml", half, half)), List.of(), List.of());

        assertThatThrownBy(() -> OutcomeInputs.of(outcomes))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the unit coverage reports count more lines than 9223372036854775807 (at"
                        + " outcomes/jacoco/1b-jacoco.xml); their sum cannot be a percentage");
    }

    @Test
    void testCountsSummedOverReportsAreNotBoundedByAnInt() {
        TestReport big = new TestReport(1, Integer.MAX_VALUE, 0, 0, 0, 1.0, List.of());
        OutcomeSet outcomes = new OutcomeSet(List.of(new OutcomeSet.Stored<>("outcomes/junit/0a-TEST-a.xml", SHA, big),
                new OutcomeSet.Stored<>("outcomes/junit/1b-TEST-b.xml", SHA, big)), List.of(), List.of(), List.of());

        assertThat(OutcomeInputs.of(outcomes)).containsEntry("tests_total", 2.0 * Integer.MAX_VALUE);
    }

    /** Accessibility counts were summed in ints: two results of 2^31-1 violations wrapped to -2 (met a ceiling of 0). */
    @Test
    void accessibilityCountsSummedOverResultsAreNotBoundedByAnInt() {
        int max = Integer.MAX_VALUE;
        AccessibilityReport big = new AccessibilityReport(1, max, max, max, 0,
                Map.of("critical", max, "serious", max), max);
        OutcomeSet outcomes = new OutcomeSet(List.of(), List.of(), List.of(
                new OutcomeSet.Stored<>("outcomes/axe/0a-axe.json", SHA, big),
                new OutcomeSet.Stored<>("outcomes/axe/1b-axe.json", SHA, big)), List.of());

        assertThat(OutcomeInputs.of(outcomes)).containsEntry("a11y_passes", 2.0 * max)
                .containsEntry("a11y_violations", 2.0 * max).containsEntry("a11y_incomplete", 2.0 * max)
                .containsEntry("a11y_violations_critical", 2.0 * max).containsEntry("a11y_violations_serious", 2.0 * max);
    }
}
