package dev.planning.engine.internal.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.fixtures.CycleWorkspace;
import dev.planning.engine.fixtures.DeploymentFiles;
import dev.planning.engine.fixtures.Gates;
import dev.planning.engine.fixtures.TestClock;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.engine.internal.lifecycle.JudgedInstant;
import dev.planning.engine.internal.lifecycle.LifecycleMachine;
import dev.planning.engine.internal.rulebook.RulebookFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * time40: the live gates of a cycle's first move, on a log with no event yet, found no creation to judge a deployment
 * against and refused every deployment, while a rerun of that move over the log (as {@code verify} and the history
 * check run one) found the {@code CYCLE_CREATED} the move opened the log with: a verdict differed between the two. No
 * shipped gate reads deployments at the first move; a gate of one's own does here. The live gates judge against the
 * creation the move records, the attempt's one clock reading, as the rerun does.
 */
class FirstMoveDeploymentScopeTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    /** A gate of one's own: passes with the delivered tasks as evidence, or fails with the scope's refusal. */
    private static final Gate DELIVERED = Gates.of("delivered", context -> GateResult.of("delivered", List.of(),
            Map.of("delivered", List.copyOf(new TreeSet<>(context.outcomes().deployedTaskIds())))));

    @TempDir
    Path root;

    @Test
    void aDeploymentAfterTheCreationTheFirstMoveRecordsCountsLiveAsOnTheRerun() {
        LifecycleMachine machine = machine("2025-09-02T09:00:00Z");

        TransitionResult live = machine.advance(CYCLE, CycleState.READY_FOR_HANDOFF);
        List<GateResult> rerun = rerun(machine, live);

        assertThat(live.gateResults()).singleElement().satisfies(result -> {
            assertThat(result.status()).as("%s", result.findings()).isEqualTo(GateStatus.PASS);
            assertThat(result.evidence()).containsEntry("delivered", List.of("FE-3"));
        });
        assertThat(rerun).singleElement().satisfies(result -> {
            assertThat(result.status()).isEqualTo(GateStatus.PASS);
            assertThat(result.evidence()).isEqualTo(live.gateResults().get(0).evidence());
        });
    }

    @Test
    void aDeploymentBeforeTheCreationTheFirstMoveRecordsIsRefusedLiveAsOnTheRerun() {
        LifecycleMachine machine = machine("2025-09-01T14:00:00Z");

        TransitionResult live = machine.advance(CYCLE, CycleState.READY_FOR_HANDOFF);
        List<GateResult> rerun = rerun(machine, live);

        String refusal = "deployment D-1 at 2025-09-01T14:00:00Z is earlier than the cycle, created at "
                + CycleWorkspace.START;
        assertThat(live.accepted()).isFalse();
        assertThat(live.gateResults()).singleElement().satisfies(result -> assertThat(result.findings())
                .extracting(Finding::message).singleElement().asString().contains(refusal));
        assertThat(rerun).singleElement().satisfies(result -> assertThat(result.findings())
                .extracting(Finding::message).singleElement().asString().contains(refusal));
    }

    /** The dry run of the first move ({@code planning gate}) judges as the move would, against the same creation. */
    @Test
    void aDryRunOfTheFirstMoveJudgesTheDeploymentsAsTheMoveWould() {
        LifecycleMachine machine = machine("2025-09-02T09:00:00Z");

        List<GateResult> dryRun = machine.dryRun(CYCLE, CycleState.READY_FOR_HANDOFF);

        assertThat(dryRun).singleElement().satisfies(result -> {
            assertThat(result.status()).as("%s", result.findings()).isEqualTo(GateStatus.PASS);
            assertThat(result.evidence()).containsEntry("delivered", List.of("FE-3"));
        });
        assertThat(machine.history(CYCLE)).isEmpty();
    }

    /**
     * A machine over a cycle whose log has no event, whose outcomes hold D-1 at {@code deployedAt} delivering FE-3,
     * with the workspace's gate contexts ({@link ArtifactGateContexts}), its clock at {@link CycleWorkspace#START}.
     */
    private LifecycleMachine machine(String deployedAt) {
        CycleWorkspace.create(root, CYCLE.cycleId());
        CycleWorkspace.write(root.resolve("rulebook/rulebook.yaml"), CycleWorkspace.RULEBOOK.replace(
                "gates: [schema_lint]", "gates: [delivered]"));
        CycleWorkspace.write(root.resolve(DeploymentFiles.stored(CYCLE)), DeploymentFiles.one(deployedAt, "FE-3"));
        Clock clock = Clock.fixed(CycleWorkspace.START, ZoneOffset.UTC);
        Rulebook rulebook = CycleWorkspace.open(root, new TestClock(CycleWorkspace.START, Duration.ZERO),
                List.of(DELIVERED)).rulebook();
        FileEventStore store = new FileEventStore(root);
        GateEnvironment environment = new GateEnvironment(root, WorkspaceLayout.DEFAULT, rulebook,
                new CycleArtifacts(root, WorkspaceLayout.DEFAULT), clock, TrustedKeys::none, SealedManifests.NONE,
                new RulebookFiles(rulebook), CycleLogs.of(store, root, WorkspaceLayout.DEFAULT,
                        dev.planning.engine.internal.improve.CarriedOrigins.TrustedCycles.untrusted(store)));
        return LifecycleMachine.builder().eventStore(store).rulebook(rulebook)
                .gateContextFactory(new ArtifactGateContexts(environment)).gate(DELIVERED).clock(clock).build();
    }

    /** The first move run again over the log it opened, as of the instant its gates judged. */
    private static List<GateResult> rerun(LifecycleMachine machine, TransitionResult live) {
        List<RecordedEvent> log = machine.history(CYCLE);
        assertThat(log).hasSize(2);
        return machine.rerun(CYCLE, live.transition(), Optional.of(JudgedInstant.of(log.get(1).event(),
                log.get(0).event())), gate -> true, log);
    }
}
