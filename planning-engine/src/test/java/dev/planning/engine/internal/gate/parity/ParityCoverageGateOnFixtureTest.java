package dev.planning.engine.internal.gate.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskStatus;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.outcome.CoverageOutcome;
import dev.planning.api.outcome.CoverageOutcomes;
import dev.planning.api.outcome.OutcomeKind;
import dev.planning.api.outcome.TestOutcome;
import dev.planning.testkit.gate.GateContextFixture;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code parity_coverage} on the test kit's context: outcomes, delivery and coverage given in code, no disk. */
class ParityCoverageGateOnFixtureTest {

    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");
    private static final CycleRef BEFORE = new CycleRef("fe", "2025-08-19");
    private static final String OUTCOMES = "frameworks/planning-fe/outcomes/2025-09-02";
    private static final String JUNIT = OUTCOMES + "/junit/0a1b2c3d-TEST-checkout.xml";
    private static final String JACOCO = OUTCOMES + "/jacoco/0a1b2c3d-jacoco.xml";
    private static final String SHA = "ab".repeat(32);

    private static GateContextFixture.Builder executed() {
        return GateContextFixture.builder(FE).transition(CycleState.EXECUTED, CycleState.VALIDATED)
                .tasks(Task.builder("FE-1", "Pay").status(TaskStatus.IN_PROGRESS).build(),
                        Task.builder("FE-2", "Confirm").status(TaskStatus.DONE).build());
    }

    @Test
    void countsDeployedTasksAsDelivered() {
        GateResult result = new ParityCoverageGate().evaluate(executed().deployed("FE-1")
                .threshold("delivered_ratio_min", 1.0).build());

        assertThat(Files.exists(GateContextFixture.DEFAULT_WORKSPACE)).isFalse();
        assertThat(result.passed()).isTrue();
        assertThat(result.evidence()).containsEntry("mode", "post_execution").containsEntry("planned", 2)
                .containsEntry("delivered", 2).containsEntry("delivered_vs_planned_ratio", 1.0);
    }

    @Test
    void failsOnFailedImportedTestsAtTheReport() {
        GateResult result = new ParityCoverageGate().evaluate(executed().deployed("FE-1")
                .testReport(new TestOutcome(JUNIT, SHA, 10, 1, 1, 0)).build());

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(ParityCodes.TESTS_FAILED);
            assertThat(f.location().orElseThrow().file()).isEqualTo(JUNIT);
        });
        assertThat(result.evidence()).containsEntry("tests_total", 10).containsEntry("tests_failed", 2);
    }

    @Test
    void judgesCoverageAgainstTheMinimumAndThePreviousCycle() {
        CoverageOutcome earlier = new CoverageOutcome("frameworks/planning-fe/outcomes/2025-08-19/jacoco/x-jacoco.xml",
                SHA, OutcomeKind.JACOCO, false, 95, 5, 0, 0);
        GateResult result = new ParityCoverageGate().evaluate(executed().deployed("FE-1")
                .threshold("unit_coverage_min", 90)
                .coverageReport(new CoverageOutcome(JACOCO, SHA, OutcomeKind.JACOCO, false, 80, 20, 3, 1))
                .previousCoverage(new CoverageOutcomes(BEFORE, "frameworks/planning-fe/outcomes/2025-08-19",
                        List.of(earlier), List.of()))
                .build());

        assertThat(result.findings()).extracting(Finding::code)
                .containsExactly(ParityCodes.COVERAGE_BELOW, ParityCodes.COVERAGE_REGRESSION);
        @SuppressWarnings("unchecked")
        Map<String, Object> unit = (Map<String, Object>) ((Map<String, Object>) result.evidence().get("coverage")).get("unit");
        assertThat(unit).containsEntry("report", JACOCO).containsEntry("line_pct", 80.0).containsEntry("branch_pct", 75.0)
                .containsEntry("previous_cycle", "2025-08-19").containsEntry("delta_pct", -15.0);
    }

    /** Two reports whose summed counts pass 2^63-1: wrapped, the sum was a negative percentage. */
    @Test
    void reportsWhoseSummedCountsOverflowALongFailTheGateNamingTheDirectoryRatherThanWrapping() {
        long half = Long.MAX_VALUE / 2 + 1;
        GateContextFixture.Builder context = executed().deployed("FE-1")
                .coverageReport(new CoverageOutcome(JACOCO, SHA, OutcomeKind.JACOCO, false, half, 0, 0, 0))
                .coverageReport(new CoverageOutcome(OUTCOMES + "/jacoco/1b2c3d4e-jacoco.xml", SHA, OutcomeKind.JACOCO,
                        false, half, 0, 0, 0));

        assertThatThrownBy(() -> new ParityCoverageGate().evaluate(context.build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the unit coverage reports of " + OUTCOMES + " cannot be summed: together they count more"
                        + " than 9223372036854775807");
    }

    /**
     * Two reports of 2^31-1 failed test cases each: summed in an {@code int}, the failed count wrapped to
     * -2, which is not more than {@code tests_failed_max} 0, and the gate passed.
     */
    @Test
    void testReportsWhoseSummedCountsOverflowAnIntFailTheGateAtTheReportRatherThanWrapping() {
        String second = OUTCOMES + "/junit/1b2c3d4e-TEST-checkout.xml";
        GateContextFixture.Builder context = executed().deployed("FE-1")
                .testReport(new TestOutcome(JUNIT, SHA, Integer.MAX_VALUE, Integer.MAX_VALUE, 0, 0))
                .testReport(new TestOutcome(second, SHA, Integer.MAX_VALUE, Integer.MAX_VALUE, 0, 0));

        assertThatThrownBy(() -> new ParityCoverageGate().evaluate(context.build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the imported test reports count more test cases than 2147483647 (at "
                        + second + "); their failed cases cannot be judged against tests_failed_max");
    }

    @Test
    void reportsAnUnreadableCoverageReportWhereItIs() {
        GateResult result = new ParityCoverageGate().evaluate(executed().deployed("FE-1")
                .unreadableCoverage(new CoverageOutcomes.Unreadable("not a JaCoCo report",
                        new dev.planning.api.SourceLocation(JACOCO, 3, 1)))
                .build());

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(ParityCodes.COVERAGE_UNREADABLE);
            assertThat(f.message()).isEqualTo("coverage report unreadable: not a JaCoCo report");
            assertThat(f.location().orElseThrow().line()).isEqualTo(3);
        });
    }

    @Test
    void atPlanningAMissingStoryMapIsNamedByTheContextsLayout() {
        GateResult result = new ParityCoverageGate().evaluate(GateContextFixture.builder(FE)
                .tasks(Task.builder("FE-1", "Pay").build()).build());

        assertThat(result.findings()).extracting(Finding::code).contains(ParityCodes.NO_STORY_MAP);
        assertThat(result.findings()).filteredOn(f -> f.code().equals(ParityCodes.NO_STORY_MAP)).singleElement()
                .satisfies(f -> assertThat(f.location().orElseThrow().file())
                        .isEqualTo("frameworks/planning-fe/storymaps/2025-09-02-story_map.md"));
    }

    @Test
    void atPlanningAnAbsentStoryMapIsNotSentToLintWhichPassesWithoutOne() {
        GateResult result = new ParityCoverageGate().evaluate(GateContextFixture.builder(FE)
                .tasks(Task.builder("FE-1", "Pay").build()).build());

        assertThat(result.findings()).filteredOn(f -> f.code().equals(ParityCodes.NO_STORY_MAP)).singleElement()
                .satisfies(f -> assertThat(f.message()).doesNotContain("planning lint")
                        .contains("expected frameworks/planning-fe/storymaps/2025-09-02-story_map.md")
                        .contains("a rulebook profile without parity_coverage at this transition"));
    }

    @Test
    void atPlanningAStoryMapThatExistsButCannotBeReadIsSentToLintForTheReason() {
        GateResult result = new ParityCoverageGate().evaluate(GateContextFixture.builder(FE)
                .tasks(Task.builder("FE-1", "Pay").build())
                .file("frameworks/planning-fe/storymaps/2025-09-02-story_map.md", "---\n: [\n").build());

        assertThat(result.findings()).filteredOn(f -> f.code().equals(ParityCodes.NO_STORY_MAP)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("run `planning lint` to see why it cannot be read"));
    }
}
