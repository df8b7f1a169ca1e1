package dev.planning.engine.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.gate.LintReport;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.rulebook.GateProfile;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.engine.fixtures.GateEnvironments;
import dev.planning.engine.fixtures.Plans;
import dev.planning.engine.internal.cycle.ArtifactGateContext;
import dev.planning.engine.internal.cycle.GateEnvironment;
import dev.planning.engine.internal.lint.LintCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaLintGateTest {

    @TempDir
    Path workspace;

    private GateEnvironment environment;

    /** The engine's context of the workspace, one environment per test (so lint reports are kept between contexts). */
    private GateContext context(CycleRef cycle) {
        if (environment == null) {
            environment = GateEnvironments.over(workspace, WorkspaceLayout.DEFAULT, new Rulebook(workspace.resolve("rulebook"),
                    "ab".repeat(32), "1", Map.of("fe", new GateProfile("fe", List.of())), Map.of(), "fe",
                    Map.of("criticality", List.of("0", "1", "2", "3")), List.of(), Map.of(), List.of()));
        }
        return new ArtifactGateContext(environment, cycle,
                Lifecycle.find(CycleState.PLANNED, CycleState.READY_FOR_HANDOFF).orElseThrow());
    }

    @Test
    void passesAValidCycleWithEvidenceOfWhatItChecked() {
        Plans.feWorkspace(workspace);

        GateResult result = new SchemaLintGate().evaluate(context(new CycleRef("fe", "2025-09-02")));

        assertThat(result.gate()).isEqualTo("schema_lint");
        assertThat(result.status()).isEqualTo(GateStatus.PASS);
        assertThat(result.findings()).isEmpty();
        assertThat(result.evidence()).containsEntry("errors", 0L)
                .containsEntry("files_checked", List.of(Plans.DECISIONS_PATH, Plans.STORY_MAP_PATH, Plans.TASKS_PATH));
    }

    @Test
    void failsWhenTheTaskBreakdownIsMissing() throws Exception {
        Plans.feWorkspace(workspace);
        Files.delete(workspace.resolve(Plans.TASKS_PATH));

        GateResult result = new SchemaLintGate().evaluate(context(new CycleRef("fe", "2025-09-02")));

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(LintCodes.FILE_MISSING);
            // Reported at the plan that needs it (a code host annotates only files it has).
            assertThat(f.location().orElseThrow().file()).isEqualTo(Plans.STORY_MAP_PATH);
            assertThat(f.facts()).containsEntry("missing_file", Plans.TASKS_PATH);
        });
        assertThat(result.evidence()).containsEntry("codes", Map.of(LintCodes.FILE_MISSING, 1));
    }

    @Test
    void failsOnADanglingDependency() {
        Plans.feWorkspace(workspace);
        Plans.write(workspace, Plans.TASKS_PATH, Plans.FE_TASKS.replace("[FE-1, \"be:PLN-BE-001\"]", "[FE-2]"));

        GateResult result = new SchemaLintGate().evaluate(context(new CycleRef("fe", "2025-09-02")));

        assertThat(result.passed()).isFalse();
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(LintCodes.REF_DANGLING);
            assertThat(f.taskId()).contains("FE-12");
            assertThat(f.describe()).startsWith(Plans.TASKS_PATH + ":21:");
        });
    }

    /** names16: the epic FE-1 enclosed by its own task FE-12 passed the gate (nothing read the hierarchy). */
    @Test
    void failsOnAParentChainThatLoops() {
        Plans.feWorkspace(workspace);
        Plans.write(workspace, Plans.TASKS_PATH, Plans.FE_TASKS.replace("kind: epic\n", "kind: epic\n    parent: FE-12\n"));

        GateResult result = new SchemaLintGate().evaluate(context(new CycleRef("fe", "2025-09-02")));

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(LintCodes.REF_PARENT_CYCLE);
            assertThat(f.describe()).startsWith(Plans.TASKS_PATH + ":8:13: error: task FE-1: parents form a loop:"
                    + " FE-1 -> FE-12 -> FE-1;");
        });
    }

    @Test
    void theEngineKeepsALintOnlyWhileTheFilesAreByteForByteTheSame() {
        Plans.feWorkspace(workspace);
        SchemaLintGate gate = new SchemaLintGate();
        CycleRef cycle = new CycleRef("fe", "2025-09-02");

        LintReport first = context(cycle).lint();
        LintReport again = context(cycle).lint();
        Plans.write(workspace, Plans.TASKS_PATH, Plans.FE_TASKS.replace("[FE-1, \"be:PLN-BE-001\"]", "[FE-2]"));
        GateResult edited = gate.evaluate(context(cycle));
        Plans.write(workspace, Plans.TASKS_PATH, Plans.FE_TASKS);
        GateResult restored = gate.evaluate(context(cycle));

        assertThat(again).isSameAs(first);
        assertThat(edited.passed()).isFalse();
        assertThat(restored.passed()).isTrue();
    }

    @Test
    void seesAnEditedRetrospectiveNextToAKeptLint() {
        Plans.feWorkspace(workspace);
        CycleRef cycle = new CycleRef("fe", "2025-09-02");
        LintReport before = context(cycle).lint();
        Plans.write(workspace, WorkspaceLayout.DEFAULT.retrospective(cycle), "not: [valid\n");

        LintReport after = context(cycle).lint();

        assertThat(before.filesChecked()).doesNotContain(WorkspaceLayout.DEFAULT.retrospective(cycle));
        assertThat(after.filesChecked()).contains(WorkspaceLayout.DEFAULT.retrospective(cycle));
        assertThat(after.passed()).isFalse();
    }

    @Test
    void seesAFileAppearingNextToACachedResult() throws Exception {
        Plans.feWorkspace(workspace);
        SchemaLintGate gate = new SchemaLintGate();
        CycleRef cycle = new CycleRef("fe", "2025-09-02");
        gate.evaluate(context(cycle));
        Files.delete(workspace.resolve(Plans.DECISIONS_PATH));

        GateResult result = gate.evaluate(context(cycle));

        assertThat(result.evidence().get("files_checked")).isEqualTo(List.of(Plans.STORY_MAP_PATH, Plans.TASKS_PATH));
    }
}
