package dev.planning.engine.internal.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.engine.fixtures.GateEnvironments;
import dev.planning.engine.fixtures.GateWorkspace;
import dev.planning.engine.internal.gate.crossstream.CrossStreamConsistencyGate;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine keeps the cross-stream gate's result while its inputs are the same; the gate keeps nothing. */
class ReusedGateResultsTest {

    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");
    private static final String CONTRACTS = "frameworks/planning-fe/contracts/2025-09-02-contracts.yaml";

    @TempDir
    Path dir;

    private GateContext context(GateEnvironment environment) {
        return new ArtifactGateContext(environment, FE,
                Lifecycle.find(CycleState.PLANNED, CycleState.READY_FOR_HANDOFF).orElseThrow());
    }

    @Test
    void reusesAResultForTheSamePlansUntilTheContractsChange() {
        GateWorkspace ws = new GateWorkspace(dir).plan("fe", "2025-09-02",
                "{id: FE-1, title: Pay, dependencies: [\"psp:PSP-7\"]}");
        GateEnvironment environment = GateEnvironments.over(dir, WorkspaceLayout.DEFAULT, ws.rulebook());
        ReusedGateResults gate = new ReusedGateResults(new CrossStreamConsistencyGate());

        GateResult first = gate.evaluate(context(environment));
        GateResult again = gate.evaluate(context(environment));
        ws.file(CONTRACTS, "version: \"1.0.0\"\ncycle_id: \"2025-09-02\"\nstream: fe\ncontracts:\n"
                + "  - {provider: psp, id: PSP-7, status: agreed, owner: payments}\n");
        GateResult withContract = gate.evaluate(context(environment));

        assertThat(again).isSameAs(first);
        assertThat(first.status()).isEqualTo(GateStatus.FAIL);
        assertThat(withContract.status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void recomputesForAnEditedPlan() {
        GateWorkspace ws = new GateWorkspace(dir).plan("fe", "2025-09-02", "{id: FE-1, title: Form, dependencies: [\"be:BE-1\"]}")
                .plan("be", "2025-09-02", "{id: BE-1, title: API}");
        GateEnvironment environment = GateEnvironments.over(dir, WorkspaceLayout.DEFAULT, ws.rulebook());
        ReusedGateResults gate = new ReusedGateResults(new CrossStreamConsistencyGate());
        assertThat(gate.evaluate(context(environment)).status()).isEqualTo(GateStatus.PASS);

        ws.plan("be", "2025-09-02", "{id: BE-2, title: Other API}");

        assertThat(gate.evaluate(context(environment)).status()).isEqualTo(GateStatus.FAIL);
    }
}
