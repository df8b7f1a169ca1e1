package dev.planning.engine.internal.gate.parity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.fixtures.GateWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParityCoverageGateTest {

    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");
    private static final String MAP = "frameworks/planning-fe/storymaps/2025-09-02-story_map.md";
    private static final String PLAN = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";
    private static final String OUTCOMES = "frameworks/planning-fe/outcomes/2025-09-02";
    private static final String PREVIOUS_OUTCOMES = "frameworks/planning-fe/outcomes/2025-08-19";

    @TempDir
    Path dir;

    private GateWorkspace ws;
    private final ParityCoverageGate gate = new ParityCoverageGate();

    @BeforeEach
    void setUp() {
        ws = new GateWorkspace(dir);
        storyMap("Pay by card", "See the confirmation");
    }

    /** Writes the cycle's story map: one activity with stories S-1 and S-2 of these titles, as YAML flow scalars. */
    private void storyMap(String first, String second) {
        ws.file(MAP, """
                ---
                version: "1.0.0"
                cycle_id: "2025-09-02"
                stream: fe
                title: Checkout
                activities:
                  - id: A-1
                    title: Check out
                    stories:
                      - {id: S-1, title: %s}
                      - {id: S-2, title: %s}
                ---
                # Checkout
                """.formatted(first, second));
    }

    private GateResult planning() {
        return gate.evaluate(ws.context(FE));
    }

    private GateResult afterExecution() {
        return gate.evaluate(ws.context(FE, CycleState.EXECUTED, CycleState.VALIDATED));
    }

    private static List<String> codes(GateResult result) {
        return result.findings().stream().map(Finding::code).toList();
    }

    @Test
    void passesAtPlanningLevelWhenMapAndPlanCoverEachOther() {
        ws.plan("fe", "2025-09-02", "{id: E-1, kind: epic, title: Checkout}",
                "{id: T-1, kind: story, parent: E-1, title: Card, linked_story_map_nodes: [S-1]}",
                "{id: T-2, parent: T-1, title: Iframe}",
                "{id: T-3, parent: E-1, title: Confirmation, linked_story_map_nodes: [S-2]}");

        GateResult result = planning();

        assertThat(result.status()).isEqualTo(GateStatus.PASS);
        assertThat(result.evidence()).containsEntry("mode", "planning").containsEntry("stories", 2)
                .containsEntry("items_without_story", List.of());
    }

    @Test
    void reportsAStoryWithoutTaskAtTheStoryAndATaskWithoutStoryAtTheTask() {
        ws.plan("fe", "2025-09-02", "{id: T-1, title: Card, linked_story_map_nodes: [S-1]}",
                "{id: T-2, title: Stray}", "{id: T-3, title: Typo, linked_story_map_nodes: [S-9]}");

        GateResult result = planning();

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.findings()).extracting(Finding::code, f -> f.location().orElseThrow().toString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ParityCodes.STORY_WITHOUT_TASK, MAP + ":11:14"),
                        org.assertj.core.groups.Tuple.tuple(ParityCodes.TASK_WITHOUT_STORY, PLAN + ":6:10"),
                        org.assertj.core.groups.Tuple.tuple(ParityCodes.TASK_WITHOUT_STORY, PLAN + ":7:10"));
        assertThat(result.findings().get(2).message()).contains("links only to S-9");
    }

    /**
     * text40/review40: a finding is shown again without the backslash rule, so a story title is quoted where the
     * message is built; the six characters {@code \u000A} in one title and a real line feed in another read apart.
     */
    @Test
    void aStoryTitleWrittenAsAnEscapeReadsOtherwiseThanOneWithTheCharacter() {
        storyMap("\"Pay\\nby card\"", "'Pay\\u000Aby card'");
        ws.plan("fe", "2025-09-02", "{id: T-1, title: Stray}");

        List<String> shown = planning().findings().stream()
                .filter(f -> f.code().equals(ParityCodes.STORY_WITHOUT_TASK)).map(Finding::describe).toList();

        assertThat(shown).hasSize(2);
        assertThat(shown.get(0)).contains("(\"Pay\\u000Aby card\")");
        assertThat(shown.get(1)).contains("(\"Pay\\u005Cu000Aby card\")");
    }

    @Test
    void requiresAPlannedCoverageTargetWhereTheRulebookSetsAMinimum() {
        ws.threshold("unit_coverage_min", 80)
                .plan("fe", "2025-09-02", "{id: T-1, title: Card, linked_story_map_nodes: [S-1, S-2]}");
        assertThat(planning().findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(ParityCodes.TARGET_MISSING);
            assertThat(f.message()).contains("unit_coverage_target: 80");
            assertThat(f.location().orElseThrow().toString()).isEqualTo(PLAN + ":1:1");
        });

        ws.plan("fe", "2025-09-02",
                "{id: T-1, title: Card, linked_story_map_nodes: [S-1, S-2], tags: {unit_coverage_target: 75}}");
        assertThat(codes(planning())).containsExactly(ParityCodes.TARGET_INVALID);

        ws.plan("fe", "2025-09-02",
                "{id: T-1, title: Card, linked_story_map_nodes: [S-1, S-2], tags: [\"unit_coverage_target:85\"]}");
        GateResult planned = planning();
        assertThat(planned.status()).isEqualTo(GateStatus.PASS);
        assertThat(planned.evidence().get("coverage_targets"))
                .isEqualTo(Map.of("unit", Map.of("minimum", 80.0, "target", new java.math.BigDecimal("85"))));
    }

    /**
     * strict23: the target was read by BigDecimal after dropping every {@code %}: {@code 8%5} read as 85, and
     * {@code 1e9} or {@code 999} as a target that met any minimum. The whole tag value must be a percentage.
     */
    @Test
    void aCoverageTargetThatIsNotWhollyAPercentageFromZeroToAHundredIsInvalid() {
        ws.threshold("unit_coverage_min", 80);
        for (String target : new String[] {"8%5", "%85", "85%%", "1e9", "999", "100.5", "+85", "85.", "0x55", "85 %"}) {
            ws.plan("fe", "2025-09-02", "{id: T-1, title: Card, linked_story_map_nodes: [S-1, S-2], tags: [\"unit_coverage_target:"
                    + target + "\"]}");
            GateResult result = planning();
            assertThat(result.status()).as(target).isEqualTo(GateStatus.FAIL);
            assertThat(result.findings()).as(target).filteredOn(f -> f.code().equals(ParityCodes.TARGET_INVALID))
                    .singleElement().satisfies(f -> assertThat(f.message()).contains("expected a percentage from 0 to 100"));
        }
        for (String target : new String[] {"85", "85%", "92.5", "100", " 85 "}) {
            ws.plan("fe", "2025-09-02", "{id: T-1, title: Card, linked_story_map_nodes: [S-1, S-2], tags: [\"unit_coverage_target:"
                    + target + "\"]}");
            assertThat(planning().status()).as(target).isEqualTo(GateStatus.PASS);
        }
    }

    @Test
    void aStreamsOwnThresholdOverridesTheGeneralOneAndZeroSwitchesTheRequirementOff() {
        ws.threshold("unit_coverage_min", 80).threshold("fe.unit_coverage_min", 0)
                .plan("fe", "2025-09-02", "{id: T-1, title: Card, linked_story_map_nodes: [S-1, S-2]}");
        assertThat(planning().status()).isEqualTo(GateStatus.PASS);

        ws.threshold("fe.unit_coverage_min", 90).plan("fe", "2025-09-02",
                "{id: T-1, title: Card, linked_story_map_nodes: [S-1, S-2], tags: {unit_coverage_target: 85}}");
        assertThat(planning().findings()).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("below the rulebook's unit_coverage_min of 90%"));
    }

    @Test
    void aMissingStoryMapFailsPlanningParity() throws Exception {
        Files.delete(dir.resolve(MAP));
        ws.plan("fe", "2025-09-02", "{id: T-1, title: Card}");

        assertThat(codes(planning())).containsExactly(ParityCodes.NO_STORY_MAP);
    }

    @Test
    void measuresDeliveryOverLeavesAfterExecution() {
        ws.threshold("delivered_ratio_min", 0.75).threshold("scope_variance_max_pct", 20)
                .plan("fe", "2025-09-02", "{id: E-1, kind: epic, title: Checkout, status: in_progress}",
                        "{id: T-1, parent: E-1, title: A, status: done, linked_story_map_nodes: [S-1]}",
                        "{id: T-2, parent: E-1, title: B, status: done, linked_story_map_nodes: [S-2]}",
                        "{id: T-3, parent: E-1, title: C, status: done}",
                        "{id: T-4, parent: E-1, title: D, status: dropped}");

        GateResult result = afterExecution();

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(codes(result)).containsExactly(ParityCodes.SCOPE_VARIANCE);
        assertThat(result.evidence()).containsEntry("mode", "post_execution").containsEntry("planned", 4)
                .containsEntry("delivered", 3).containsEntry("delivered_vs_planned_ratio", 0.75)
                .containsEntry("scope_variance_pct", 25.0)
                .containsEntry("by_status", Map.of("done", 3, "dropped", 1));
    }

    @Test
    void reportsLowDeliveryAndWarnsAboutUndeliveredStories() {
        ws.threshold("delivered_ratio_min", 0.8)
                .plan("fe", "2025-09-02", "{id: T-1, title: A, status: done, linked_story_map_nodes: [S-1]}",
                        "{id: T-2, title: B, status: blocked, linked_story_map_nodes: [S-2]}");

        GateResult result = afterExecution();

        assertThat(result.findings()).extracting(Finding::code, Finding::severity).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ParityCodes.DELIVERED_RATIO, Severity.ERROR),
                org.assertj.core.groups.Tuple.tuple(ParityCodes.STORY_NOT_DELIVERED, Severity.WARNING));
        assertThat(result.findings().get(0).message()).contains("1 of 2").contains("T-2 (blocked)")
                .contains("Record delivery by importing a deployments file").contains("planning import");
    }

    /** S-1 linked on the parent item T-1 of one work item T-2, S-2 delivered by T-3. */
    private void planStoryS1AsAParentItem(String parentStatus, String workItemStatus) {
        ws.plan("fe", "2025-09-02", "{id: T-1, kind: story, title: Card, status: " + parentStatus
                        + ", linked_story_map_nodes: [S-1]}",
                "{id: T-2, parent: T-1, title: Iframe, status: " + workItemStatus + "}",
                "{id: T-3, title: Confirmation, status: done, linked_story_map_nodes: [S-2]}");
    }

    /** kpi37: a parent item marked done, its one work item open, read as the story delivered. */
    @Test
    void aStoryDoneOnlyAsAParentItemWhoseWorkItemsAreOpenIsNotDelivered() {
        planStoryS1AsAParentItem("done", "in_progress");

        GateResult result = afterExecution();

        assertThat(result.findings()).filteredOn(f -> f.code().equals(ParityCodes.STORY_NOT_DELIVERED))
                .singleElement().satisfies(f -> assertThat(f.message()).startsWith("story S-1 "));
    }

    /** kpi37: a story linked on a parent item, its work items done, read as not delivered. */
    @Test
    void aStoryLinkedOnAParentItemIsDeliveredThroughItsDeliveredWorkItems() {
        planStoryS1AsAParentItem("in_progress", "done");

        GateResult result = afterExecution();

        assertThat(codes(result)).doesNotContain(ParityCodes.STORY_NOT_DELIVERED);
    }

    @Test
    void failsWhenImportedTestsFailBeyondTheRulebookThreshold() {
        ws.plan("fe", "2025-09-02", "{id: T-1, title: A, status: done, linked_story_map_nodes: [S-1, S-2]}")
                .file(OUTCOMES + "/junit/0123456789ab-TEST-x.xml", "<testsuite name=\"x\" tests=\"5\">"
                        + "<testcase name=\"a\"/><testcase name=\"b\"/><testcase name=\"c\"/><testcase name=\"d\"/>"
                        + "<testcase name=\"e\"><failure message=\"boom\"/></testcase></testsuite>");

        GateResult strict = afterExecution();
        ws.threshold("tests_failed_max", 1);
        GateResult tolerant = afterExecution();

        assertThat(strict.findings()).filteredOn(f -> f.code().equals(ParityCodes.TESTS_FAILED)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("1 of 5 imported test cases failed"));
        assertThat(tolerant.findings()).noneMatch(f -> f.code().equals(ParityCodes.TESTS_FAILED));
    }

    @Test
    void readsCoverageFromTheOutcomesAgainstTheMinimum() {
        ws.threshold("unit_coverage_min", 80).threshold("e2e_coverage_min", 50)
                .plan("fe", "2025-09-02", "{id: T-1, title: A, status: done, linked_story_map_nodes: [S-1, S-2]}")
                .file(OUTCOMES + "/jacoco.xml", "<report name=\"x\"><counter type=\"LINE\" missed=\"30\" covered=\"70\"/>"
                        + "<counter type=\"BRANCH\" missed=\"1\" covered=\"3\"/></report>");

        GateResult result = afterExecution();

        assertThat(result.findings()).extracting(Finding::code, f -> f.location().orElseThrow().file())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ParityCodes.COVERAGE_BELOW, OUTCOMES + "/jacoco.xml"),
                        org.assertj.core.groups.Tuple.tuple(ParityCodes.COVERAGE_MISSING, OUTCOMES));
        assertThat(result.findings().get(0).message()).contains("unit line coverage is 70.0%").contains("of 80%");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> coverage = (Map<String, Map<String, Object>>) result.evidence().get("coverage");
        assertThat(coverage.get("unit")).containsEntry("line_pct", 70.0).containsEntry("branch_pct", 75.0);
    }

    @Test
    void comparesCoverageWithThePreviousCycleOfTheStream() {
        ws.threshold("unit_coverage_min", 80)
                .plan("fe", "2025-08-19", "{id: T-0, title: Old}")
                .plan("fe", "2025-09-02", "{id: T-1, title: A, status: done, linked_story_map_nodes: [S-1, S-2]}")
                .file(PREVIOUS_OUTCOMES + "/lcov.info", "SF:a\nLF:100\nLH:90\nend_of_record\n")
                .file(OUTCOMES + "/lcov.info", "SF:a\nLF:100\nLH:85\nend_of_record\n");

        GateResult result = afterExecution();

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(ParityCodes.COVERAGE_REGRESSION);
            assertThat(f.message()).contains("from 90.0% in cycle 2025-08-19 to 85.0% in 2025-09-02");
        });
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> coverage = (Map<String, Map<String, Object>>) result.evidence().get("coverage");
        assertThat(coverage.get("unit")).containsEntry("previous_cycle", "2025-08-19").containsEntry("delta_pct", -5.0);

        ws.threshold("coverage_regression_tolerance_pct", 5);
        assertThat(afterExecution().status()).isEqualTo(GateStatus.PASS);
    }

    /** Two runs of one module: a.js's lines 1 and 2 ran in one, 2 and 3 in the other; line 4 in neither. */
    @Test
    void twoReportsOfOneSourceFileAreMergedPerLineNotAdded() {
        ws.threshold("unit_coverage_min", 70)
                .plan("fe", "2025-09-02", "{id: T-1, title: A, status: done, linked_story_map_nodes: [S-1, S-2]}")
                .file(OUTCOMES + "/unit/lcov.info", "SF:src/a.js\nDA:1,1\nDA:2,1\nDA:3,0\nDA:4,0\nend_of_record\n")
                .file(OUTCOMES + "/integration/lcov.info", "SF:src/a.js\nDA:1,0\nDA:2,1\nDA:3,1\nDA:4,0\nend_of_record\n");

        GateResult result = afterExecution();

        // Added, a.js counted 4 of 8 lines: 50%, below the minimum of 70.
        assertThat(result.findings()).isEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> coverage = (Map<String, Map<String, Object>>) result.evidence().get("coverage");
        assertThat(coverage.get("unit")).containsEntry("line_pct", 75.0)
                .containsEntry("report", OUTCOMES + " (2 reports, merged per source file)");
    }

    @Test
    void reportsThatCannotBeMergedFailTheGateOnceAndNotAsAMissingReport() {
        ws.threshold("unit_coverage_min", 50)
                .plan("fe", "2025-09-02", "{id: T-1, title: A, status: done, linked_story_map_nodes: [S-1, S-2]}")
                .file(OUTCOMES + "/a.info", "SF:src/a.js\nLF:10\nLH:6\nend_of_record\n")
                .file(OUTCOMES + "/b.info", "SF:src/a.js\nDA:1,1\nend_of_record\n");

        assertThat(afterExecution().findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(ParityCodes.COVERAGE_UNREADABLE);
            assertThat(f.message()).contains("src/a.js is in 2 unit coverage reports")
                    .contains("gives its lines (LF/LH without a DA line for each) as totals");
            assertThat(f.location().orElseThrow().toString()).isEqualTo(OUTCOMES + "/a.info:1:1");
        });
    }

    @Test
    void anUnreadableCoverageReportIsALocatedError() {
        ws.plan("fe", "2025-09-02", "{id: T-1, title: A, status: done, linked_story_map_nodes: [S-1, S-2]}")
                .file(OUTCOMES + "/lcov.info", "SF:a\nLH:many\nend_of_record\n");

        assertThat(afterExecution().findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(ParityCodes.COVERAGE_UNREADABLE);
            assertThat(f.location().orElseThrow().toString()).startsWith(OUTCOMES + "/lcov.info:2");
        });
    }

    @Test
    void anUnreadableCoverageReportOfThePreviousCycleFailsRatherThanSkippingTheRegressionCheck() {
        ws.plan("fe", "2025-08-19", "{id: T-0, title: Old}")
                .plan("fe", "2025-09-02", "{id: T-1, title: A, status: done, linked_story_map_nodes: [S-1, S-2]}")
                .file(PREVIOUS_OUTCOMES + "/lcov.info", "SF:a\nLF:100\nLH:ninety\nend_of_record\n")
                .file(OUTCOMES + "/lcov.info", "SF:a\nLF:100\nLH:10\nend_of_record\n");

        GateResult result = afterExecution();

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(ParityCodes.COVERAGE_UNREADABLE);
            assertThat(f.message()).contains("previous cycle 2025-08-19").contains("regression cannot be ruled out");
            assertThat(f.location().orElseThrow().file()).isEqualTo(PREVIOUS_OUTCOMES + "/lcov.info");
        });
    }

    @Test
    void theModeFollowsTheTransition() {
        assertThat(ParityCoverageGate.isPostExecution(CycleState.READY_FOR_HANDOFF)).isFalse();
        assertThat(ParityCoverageGate.isPostExecution(CycleState.PACKAGED)).isFalse();
        assertThat(ParityCoverageGate.isPostExecution(CycleState.EXECUTED)).isTrue();
        assertThat(ParityCoverageGate.isPostExecution(CycleState.VALIDATED)).isTrue();
    }
}
