package dev.planning.engine.internal.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.fixtures.CycleWorkspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * reliab21: the evidence of a transition records the digests of the plan bytes its gates judged. The
 * gates read the plan, then the evidence writer hashes the inputs again; a task breakdown changed in
 * between (here by a gate that runs after {@code schema_lint} in the same step, the latest moment
 * before the evidence is written: deterministic, no sleep) was recorded with the digest of bytes no
 * gate judged, and the move accepted. Now the attempt is refused, naming the file, and nothing is
 * recorded.
 */
class JudgedPlanBytesEvidenceTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    @TempDir
    Path root;

    private PlanningWorkspace workspace(boolean edit) {
        CycleWorkspace.create(root, CYCLE.cycleId());
        CycleWorkspace.write(root.resolve("rulebook/rulebook.yaml"), CycleWorkspace.RULEBOOK.replace(
                "gates: [schema_lint]", "gates: [schema_lint, edit_after_judging]"));
        PlanningWorkspace workspace = CycleWorkspace.open(root, Instant.parse("2025-09-02T08:00:00Z"),
                List.of(new EditAfterJudging(edit)));
        workspace.create(CYCLE);
        return workspace;
    }

    @Test
    void aPlanChangedAfterTheGatesReadItRefusesTheMoveNamingItAndRecordsNothing() throws IOException {
        PlanningWorkspace workspace = workspace(true);
        Path plan = root.resolve(WorkspaceLayout.DEFAULT.taskBreakdown(CYCLE));
        assertThat(plan).isRegularFile();

        assertThatThrownBy(() -> workspace.advance(CYCLE, CycleState.READY_FOR_HANDOFF))
                .isInstanceOf(ConcurrentTransitionException.class)
                .hasMessageContaining(WorkspaceLayout.DEFAULT.taskBreakdown(CYCLE))
                .hasMessageContaining("changed while the gates of PLANNED -> READY_FOR_HANDOFF ran");

        assertThat(Files.readString(plan)).endsWith("# edited after the gates read it\n");
        assertThat(workspace.status(CYCLE).state()).isEqualTo(CycleState.PLANNED);
    }

    @Test
    void aPlanLeftAloneIsRecordedAsJudged() {
        PlanningWorkspace workspace = workspace(false);

        assertThat(workspace.advance(CYCLE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        assertThat(workspace.status(CYCLE).state()).isEqualTo(CycleState.READY_FOR_HANDOFF);
    }

    /** Reads the plan (as every gate may), then, when told to, appends a comment to it on disk. */
    private static final class EditAfterJudging implements Gate {
        private final boolean edit;

        EditAfterJudging(boolean edit) {
            this.edit = edit;
        }

        @Override
        public String name() {
            return "edit_after_judging";
        }

        @Override
        public GateResult evaluate(GateContext context) {
            context.tasks();
            if (edit) {
                Path plan = context.workspace().resolve(WorkspaceLayout.DEFAULT.taskBreakdown(context.cycle()));
                try {
                    Files.writeString(plan, "# edited after the gates read it\n", StandardCharsets.UTF_8,
                            StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return GateResult.of(name(), List.of(), Map.of());
        }
    }
}
