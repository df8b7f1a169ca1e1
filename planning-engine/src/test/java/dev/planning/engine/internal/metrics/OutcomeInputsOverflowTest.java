package dev.planning.engine.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.engine.internal.outcome.AccessibilityReport;
import dev.planning.engine.internal.outcome.Coverage;
import dev.planning.engine.internal.outcome.CoverageKind;
import dev.planning.engine.internal.outcome.CoverageReport;
import dev.planning.engine.internal.outcome.CoverageReports;
import dev.planning.engine.internal.outcome.OutcomeSet;
import dev.planning.engine.internal.outcome.TestReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The KPI inputs summed over a cycle's reports never wrap: a sum a {@code long} cannot hold is refused. */
class OutcomeInputsOverflowTest {

    private static final String SHA = "ab".repeat(32);

    private static CoverageReports.Entry coverage(String name, long covered, long missed) {
        return new CoverageReports.Entry(CoverageKind.UNIT, new CoverageReport("outcomes/jacoco/" + name,
                CoverageReport.Format.JACOCO_XML, new Coverage(covered, missed), Coverage.NONE), SHA);
    }

    private static CoverageReports none() {
        return CoverageReports.none("outcomes");
    }

    @Test
    void coverageLineCountsWhoseSumOverflowsALongAreRefusedRatherThanWrapping() {
        long half = Long.MAX_VALUE / 2;
        OutcomeSet outcomes = new OutcomeSet(List.of(), new CoverageReports("outcomes", List.of(
                coverage("0a-jacoco.xml", half, half), coverage("1b-jacoco.xml", half, half)), List.of()),
                List.of(), List.of());

        assertThatThrownBy(() -> OutcomeInputs.of(outcomes))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("the unit coverage reports of outcomes (2 reports) cannot be added up:"
                        + " coverage counts too large");
    }

    @Test
    void testCountsSummedOverReportsAreNotBoundedByAnInt() {
        TestReport big = new TestReport(1, Integer.MAX_VALUE, 0, 0, 0, 1.0, List.of());
        OutcomeSet outcomes = new OutcomeSet(List.of(new OutcomeSet.Stored<>("outcomes/junit/0a-TEST-a.xml", SHA, big),
                new OutcomeSet.Stored<>("outcomes/junit/1b-TEST-b.xml", SHA, big)), none(), List.of(), List.of());

        assertThat(OutcomeInputs.of(outcomes)).containsEntry("tests_total", 2.0 * Integer.MAX_VALUE);
    }

    /** Accessibility counts were summed in ints: two results of 2^31-1 violations wrapped to -2 (met a ceiling of 0). */
    @Test
    void accessibilityCountsSummedOverResultsAreNotBoundedByAnInt() {
        int max = Integer.MAX_VALUE;
        AccessibilityReport big = new AccessibilityReport(1, max, max, max, 0,
                Map.of("critical", max, "serious", max), max);
        OutcomeSet outcomes = new OutcomeSet(List.of(), none(), List.of(
                new OutcomeSet.Stored<>("outcomes/axe/0a-axe.json", SHA, big),
                new OutcomeSet.Stored<>("outcomes/axe/1b-axe.json", SHA, big)), List.of());

        assertThat(OutcomeInputs.of(outcomes)).containsEntry("a11y_passes", 2.0 * max)
                .containsEntry("a11y_violations", 2.0 * max).containsEntry("a11y_incomplete", 2.0 * max)
                .containsEntry("a11y_violations_critical", 2.0 * max).containsEntry("a11y_violations_serious", 2.0 * max);
    }
}
