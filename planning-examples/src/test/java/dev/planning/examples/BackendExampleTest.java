package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.engine.Planning;
import dev.planning.engine.gate.parity.ParityCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backend seed cycle runs under the {@code be} profile of SPEC section 5. */
class BackendExampleTest {

    private static final CycleRef BE = new CycleRef("be", "PLN-BE-2024-01");
    private static final String BACKLOG = "frameworks/planning-be/tasks/PLN-BE-2024-01-be_backlog.yaml";
    private static final String OUTCOMES = "frameworks/planning-be/outcomes/PLN-BE-2024-01/";

    private static PlanningWorkspace open(Path dir) {
        return Planning.builder().workspace(dir).triggeredBy("example-test").build();
    }

    @Test
    void runsTheBeProfilesGatesAtEachTransitionAndReturnsAFailedExecutionToPackaged(@TempDir Path dir)
            throws Exception {
        PlanningWorkspace ws = open(Examples.copy("be-PLN-BE-2024-01", dir));
        assertThat(ws.rulebook().profileFor("be").name()).isEqualTo("be");

        TransitionResult ready = ws.advance(BE, CycleState.READY_FOR_HANDOFF);
        assertThat(ready.gateResults()).extracting(GateResult::gate).containsExactly("schema_lint");
        assertThat(ready.accepted()).isTrue();

        TransitionResult packaged = ws.advance(BE, CycleState.PACKAGED);
        assertThat(packaged.gateResults()).extracting(GateResult::gate).containsExactly("cross_stream_consistency");
        assertThat(packaged.accepted()).isTrue();

        TransitionResult executed = ws.advance(BE, CycleState.EXECUTED);
        assertThat(executed.gateResults()).extracting(GateResult::gate).containsExactly("parity_coverage");
        assertThat(executed.accepted()).isFalse();
        assertThat(executed.stateAfter()).isEqualTo(CycleState.PACKAGED);
        assertThat(executed.gate("parity_coverage").orElseThrow().findings())
                .extracting(f -> f.code()).contains(ParityCodes.DELIVERED_RATIO, ParityCodes.COVERAGE_MISSING);

        // Once the work is done and 86% unit coverage is reported, execution is accepted.
        Path backlog = dir.resolve(BACKLOG);
        Files.writeString(backlog, Files.readString(backlog).replace("status: planned", "status: done"));
        Files.createDirectories(dir.resolve(OUTCOMES));
        Files.writeString(dir.resolve(OUTCOMES + "jacoco.xml"), "<report name=\"be\">"
                + "<counter type=\"LINE\" missed=\"14\" covered=\"86\"/></report>");
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
