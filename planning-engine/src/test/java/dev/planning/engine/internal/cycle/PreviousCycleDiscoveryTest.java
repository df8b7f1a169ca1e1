package dev.planning.engine.internal.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.outcome.CoverageOutcomes;
import dev.planning.engine.Planning;
import dev.planning.engine.fixtures.GateWorkspace;
import dev.planning.engine.fixtures.Gates;
import dev.planning.engine.fixtures.PlanningFileShapes;
import dev.planning.engine.fixtures.Plans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cycles28: the gates' previous cycle ({@link GateContext#previousCoverage()}) is found as
 * {@code PlanningWorkspace.cycles()} finds cycles. A planning file's name on a dangling link, a link out of the
 * workspace or a directory is refused, naming it, and a previous cycle whose log is broken is refused, naming the
 * log and line: never skipped for the cycle before it nor read as sound, so the gate that asks fails.
 */
class PreviousCycleDiscoveryTest {

    private static final WorkspaceLayout LAYOUT = WorkspaceLayout.DEFAULT;
    private static final CycleRef CURRENT = new CycleRef("fe", "2025-09-02");
    private static final CycleRef PREVIOUS = new CycleRef("fe", "2025-08-05");
    private static final CycleRef EARLIER = new CycleRef("fe", "2025-07-01");

    @TempDir
    Path root;

    @TempDir
    Path outside;

    private GateWorkspace workspace() {
        return new GateWorkspace(root).plan("fe", CURRENT.cycleId()).plan("fe", EARLIER.cycleId());
    }

    @Test
    void aPreviousCyclesPlanOnADanglingLinkIsRefusedNamingItNotSkippedForTheCycleBefore() throws Exception {
        GateWorkspace workspace = workspace();
        PlanningFileShapes.storyMapOnADanglingLink(root, PREVIOUS);

        assertThatThrownBy(() -> workspace.context(CURRENT).previousCoverage())
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.location()).contains(SourceLocation.ofFile(LAYOUT.storyMap(PREVIOUS))))
                .hasMessageContaining("is a symbolic link whose target does not exist");
    }

    @Test
    void aPreviousCyclesPlanLinkedOutOfTheWorkspaceIsRefusedNotRead() throws Exception {
        GateWorkspace workspace = workspace();
        Path link = PlanningFileShapes.taskBreakdownLinkedOutOf(root, PREVIOUS, outside);

        try {
            assertThatThrownBy(() -> workspace.context(CURRENT).previousCoverage())
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(LAYOUT.taskBreakdown(PREVIOUS)).hasMessageContaining("outside the workspace");
        } finally {
            // The link goes first: the temporary directory's clean-up warns of a link out of it.
            Files.delete(link);
        }
    }

    @Test
    void aPreviousCyclesPlanNameOnADirectoryIsRefused() throws Exception {
        GateWorkspace workspace = workspace();
        PlanningFileShapes.decisionLogOnADirectory(root, PREVIOUS);

        assertThatThrownBy(() -> workspace.context(CURRENT).previousCoverage())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(LAYOUT.decisionLog(PREVIOUS)).hasMessageContaining("no regular file");
    }

    @Test
    void aPreviousCycleWhoseLogIsBrokenIsRefusedNamingTheLogAndLine() {
        GateWorkspace workspace = workspace().plan("fe", PREVIOUS.cycleId());
        PlanningFileShapes.eventLogBroken(root, PREVIOUS);
        // The fixture's context reads the workspace's event logs, as a live workspace's does.
        GateContext context = workspace.context(CURRENT);

        assertThatThrownBy(context::previousCoverage).isInstanceOfSatisfying(EventLogCorruptedException.class,
                e -> assertThat(e.location()).contains(new SourceLocation(LAYOUT.eventLog(PREVIOUS), 1, 0)));
    }

    @Test
    void aPreviousCycleWithSoundFilesIsTheOneJustBefore() {
        GateWorkspace workspace = workspace().plan("fe", PREVIOUS.cycleId());

        assertThat(workspace.context(CURRENT).files().cycles("fe")).containsExactly(EARLIER, PREVIOUS, CURRENT);
        assertThat(workspace.context(CURRENT).previousCoverage()).map(CoverageOutcomes::cycle).contains(PREVIOUS);
    }

    @Test
    void aGateThatAsksForThePreviousCoverageOfACycleWhoseLogIsBrokenFailsAndTheTransitionIsRefused() {
        Plans.write(root, "rulebook/rulebook.yaml", """
                version: "1.0.0"
                profiles:
                  fe:
                    - {transition: "PLANNED->READY_FOR_HANDOFF", gates: [previous]}
                default_profile: fe
                """);
        Plans.feWorkspace(root);
        new GateWorkspace(root).plan("fe", PREVIOUS.cycleId());
        PlanningFileShapes.eventLogBroken(root, PREVIOUS);
        Gate previous = Gates.of("previous", context -> GateResult.of("previous", List.of(),
                Map.of("coverage", context.previousCoverage().isPresent())));
        PlanningWorkspace planning = Planning.builder().workspace(root).gate(previous).triggeredBy("test").build();

        TransitionResult result = planning.advance(CURRENT, CycleState.READY_FOR_HANDOFF);

        assertThat(result.accepted()).isFalse();
        assertThat(result.gate("previous")).hasValueSatisfying(gate -> {
            assertThat(gate.status()).isEqualTo(GateStatus.FAIL);
            assertThat(gate.findings()).singleElement().satisfies(f -> assertThat(f.location())
                    .contains(new SourceLocation(LAYOUT.eventLog(PREVIOUS), 1, 0)));
        });
    }
}
