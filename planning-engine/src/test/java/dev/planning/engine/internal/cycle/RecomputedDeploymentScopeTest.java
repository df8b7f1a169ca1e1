package dev.planning.engine.internal.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.fixtures.CycleWorkspace;
import dev.planning.engine.fixtures.DeploymentFiles;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.engine.internal.rulebook.RulebookFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kpi38: a verdict recomputed over a handoff's pinned inputs ({@code planning verify}) judged the deployments against
 * no creation (an environment without logs, {@code CycleLogs.NONE}, removed by api40): a deployment dated before the
 * cycle, which the live gate refuses, passed, and a sealed verdict the live gate would not reach was confirmed. The
 * recomputation takes the creation from the cycle's log, as the live gate does ({@link CycleLogs#creationOf}, what the
 * workspace's verifier is built with).
 */
class RecomputedDeploymentScopeTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    private static final String STORED = DeploymentFiles.stored(CYCLE);

    @TempDir
    Path root;

    @Test
    void aVerdictRecomputedOverPinnedInputsRefusesADeploymentBeforeTheCreationInTheLog() {
        PlanningWorkspace workspace = stored("2025-09-01T14:00:00Z");
        workspace.create(CYCLE);

        assertThatThrownBy(recomputed(workspace)::outcomes).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("deployment D-1 at 2025-09-01T14:00:00Z is earlier than the cycle, created at"
                        + " 2025-09-02T08:00:00Z")
                .satisfies(e -> assertThat(((InvalidInputException) e).location())
                        .contains(new SourceLocation(STORED, 4, 11)));
    }

    /**
     * scope39: a handoff verified where the cycle's log has no event (the log not committed, or lost) had its verdicts
     * recomputed with no creation to judge a deployment against, and counted a deployment of any date. Every
     * deployment is refused at its time.
     */
    @Test
    void aVerdictRecomputedForACycleWhoseLogHasNoEventRefusesEveryDeployment() {
        PlanningWorkspace workspace = stored("2025-09-03T14:00:00Z");

        assertThatThrownBy(recomputed(workspace)::outcomes).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("deployment D-1 at 2025-09-03T14:00:00Z cannot be judged against the cycle: its"
                        + " event log has no event")
                .satisfies(e -> assertThat(((InvalidInputException) e).location())
                        .contains(new SourceLocation(STORED, 4, 11)));
    }

    /** A workspace whose cycle stores a deployments file, D-1 at {@code time} delivering FE-3. */
    private PlanningWorkspace stored(String time) {
        CycleWorkspace.create(root, CYCLE.cycleId());
        CycleWorkspace.write(root.resolve(STORED), DeploymentFiles.one(time, "FE-3"));
        return CycleWorkspace.open(root, CycleWorkspace.START);
    }

    /** The context of a verdict recomputed as the workspace's verifier recomputes it. */
    private ArtifactGateContext recomputed(PlanningWorkspace workspace) {
        // The pinned directory is the workspace itself here: what matters is where the creation is learnt.
        GateEnvironment pinned = new GateEnvironment(root, WorkspaceLayout.DEFAULT, workspace.rulebook(),
                new CycleArtifacts(root, WorkspaceLayout.DEFAULT), Clock.systemUTC(), TrustedKeys::none,
                SealedManifests.NONE, new RulebookFiles(workspace.rulebook()),
                CycleLogs.creationOf(new FileEventStore(root), root, WorkspaceLayout.DEFAULT,
                        dev.planning.engine.internal.improve.CarriedOrigins.TrustedCycles.of(workspace)));
        return new ArtifactGateContext(pinned, CYCLE, Lifecycle.find(CycleState.EXECUTED, CycleState.VALIDATED)
                .orElseThrow(), Optional.of(CycleWorkspace.START.plusSeconds(3600)));
    }
}
