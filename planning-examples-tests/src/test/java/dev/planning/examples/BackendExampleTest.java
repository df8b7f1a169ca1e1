package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.engine.Planning;
import dev.planning.engine.internal.cycle.CycleArtifacts;
import dev.planning.engine.internal.gate.parity.ParityCodes;
import dev.planning.engine.internal.outcome.OutcomeImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backend seed cycle runs under the {@code be} profile of SPEC section 5. */
class BackendExampleTest {

    private static final CycleRef BE = new CycleRef("be", "PLN-BE-2024-01");
    private static final String BACKLOG = "frameworks/planning-be/tasks/PLN-BE-2024-01-be_backlog.yaml";

    private static PlanningWorkspace open(Path dir) {
        return Planning.builder().workspace(dir).trustedKeys(Examples.TRUST).triggeredBy("example-test").build();
    }

    @Test
    void runsTheBeProfilesGatesAtEachTransitionAndReturnsAFailedExecutionToPackaged(@TempDir Path dir)
            throws Exception {
        PlanningWorkspace ws = open(Examples.committed(Examples.copy("be-PLN-BE-2024-01", dir)));
        assertThat(ws.rulebook().profileFor("be").name()).isEqualTo("be");

        TransitionResult ready = ws.advance(BE, CycleState.READY_FOR_HANDOFF);
        assertThat(ready.gateResults()).extracting(GateResult::gate).containsExactly("schema_lint");
        assertThat(ready.accepted()).isTrue();

        TransitionResult packaged = ws.advance(BE, CycleState.PACKAGED);
        assertThat(packaged.gateResults()).extracting(GateResult::gate).containsExactly("cross_stream_consistency");
        assertThat(packaged.accepted()).isTrue();
        Examples.signAll(ws, BE);

        TransitionResult executed = ws.advance(BE, CycleState.EXECUTED);
        assertThat(executed.gateResults()).extracting(GateResult::gate)
                .containsExactly("release_readiness", "parity_coverage");
        assertThat(executed.accepted()).isFalse();
        assertThat(executed.stateAfter()).isEqualTo(CycleState.PACKAGED);
        assertThat(executed.gate("parity_coverage").orElseThrow().findings())
                .extracting(f -> f.code()).contains(ParityCodes.DELIVERED_RATIO, ParityCodes.COVERAGE_MISSING);

        // Once deployments report the work delivered and 86% unit coverage is imported, execution is
        // accepted (the backlog itself is sealed and stays as it was).
        Path deployments = dir.resolve("incoming/deployments.yaml");
        Files.createDirectories(deployments.getParent());
        // Dated after the cycle was created (at the real clock, above): an earlier deployment is refused.
        Instant deployed = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        Files.writeString(deployments, """
                version: "1.0"
                deployments:
                  - {id: D-1, time: %s, status: success, commits: [{sha: abc1234, time: %s}],
                     tasks: [PLN-BE-001, PLN-BE-002, PLN-BE-003, PLN-BE-004, PLN-BE-005, PLN-BE-006]}
                incidents: []
                """.formatted(deployed, deployed.minus(Duration.ofDays(1))));
        Path jacoco = dir.resolve("incoming/jacoco.xml");
        Files.writeString(jacoco, "<report name=\"be\"><counter type=\"LINE\" missed=\"14\" covered=\"86\"/></report>");
        new OutcomeImporter(ws, WorkspaceLayout.DEFAULT, new CycleArtifacts(ws.root(), WorkspaceLayout.DEFAULT)::taskBreakdown)
                .importFiles(BE, List.of(deployments, jacoco));
        TransitionResult retried = ws.advance(BE, CycleState.EXECUTED);
        assertThat(retried.accepted()).as(retried.gateResults().toString()).isTrue();
    }

    @Test
    void aSchemaFailureSendsTheBackendCycleBackToPlanned(@TempDir Path dir) throws Exception {
        Path copy = Examples.copy("be-PLN-BE-2024-01", dir);
        Path backlog = copy.resolve(BACKLOG);
        Files.writeString(backlog, Files.readString(backlog).replace("priority: P2", "priority: P9"));

        TransitionResult ready = open(copy).advance(BE, CycleState.READY_FOR_HANDOFF);

        assertThat(ready.accepted()).isFalse();
        assertThat(ready.stateAfter()).isEqualTo(CycleState.PLANNED);
    }

    @Test
    void theFrontendExamplePassesItsHandoffGates() {
        PlanningWorkspace ws = open(Examples.workspace("fe-2025-09-02"));

        assertThat(ws.dryRun(new CycleRef("fe", "2025-09-02"), CycleState.READY_FOR_HANDOFF))
                .extracting(GateResult::gate, GateResult::passed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("schema_lint", true),
                        org.assertj.core.groups.Tuple.tuple("cross_stream_consistency", true),
                        org.assertj.core.groups.Tuple.tuple("parity_coverage", true),
                        org.assertj.core.groups.Tuple.tuple("governance", true));
    }
}
