package dev.planning.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.fixtures.CycleWorkspace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hostile36: a task the sealed plan dropped (descoped), listed by a successful deployment in a committed
 * deployments file. The parity gate counted it delivered (and dropped, in the same evidence), so a
 * {@code delivered_ratio_min} of 1 was met over a plan whose seal says a quarter of it was descoped, while
 * the KPIs counted it dropped and not delivered: {@code plan_accuracy} 75 beside a gate that found every
 * item done. The sealed status stands: a dropped item stays dropped, in the gate and the KPIs alike.
 */
class DroppedDeliveryAttackTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    /** CycleWorkspace's rulebook, with the parity gate judging delivery at VALIDATED: every item delivered. */
    private static final String RULEBOOK = CycleWorkspace.RULEBOOK
            .replace("required_tags: []\n", "required_tags: []\nthresholds:\n  delivered_ratio_min: 1\n")
            .replace("gates: [schema_lint]}\n", "gates: [schema_lint]}\n"
                    + "    - {transition: \"EXECUTED->VALIDATED\", gates: [parity_coverage]}\n");

    /** FE-3 is in progress, FE-5 open and FE-4 dropped in the sealed plan; the file says all three shipped. */
    private static final String DEPLOYMENTS = """
            version: "1.0"
            deployments:
              - {id: D-1, time: 2025-09-03T14:00:00Z, status: success, commits: [{sha: 1a2b3c4, time: 2025-09-03T10:00:00Z}], tasks: [FE-3, FE-4, FE-5]}
            """;

    @TempDir
    Path root;

    @TempDir
    Path reports;

    private PlanningWorkspace workspace;

    /** The cycle handed off and executed, with {@code deployments} imported. */
    private void executedWith(String deployments) {
        workspace = CycleWorkspace.cycle(root, CYCLE, RULEBOOK, CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED,
                CycleState.EXECUTED);
        Path file = reports.resolve("deployments.yaml");
        CycleWorkspace.write(file, deployments);
        workspace.importOutcomes(CYCLE, List.of(file));
    }

    private GateResult parity() {
        return workspace.dryRun(CYCLE, CycleState.VALIDATED).stream()
                .filter(r -> r.gate().equals("parity_coverage")).findFirst().orElseThrow();
    }

    @Test
    void aDroppedTaskADeploymentListsIsNotDeliveredToTheGate() {
        executedWith(DEPLOYMENTS);

        GateResult parity = parity();

        assertThat(parity.status()).isEqualTo(GateStatus.FAIL);
        assertThat(parity.evidence()).containsEntry("delivered", 3).containsEntry("dropped", 1)
                .containsEntry("delivered_vs_planned_ratio", 0.75);
        assertThat(parity.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("3 of 4 planned items").contains("FE-4 (dropped)"));
    }

    @Test
    void theGateAndTheKpisCountTheSameItemsDelivered() {
        executedWith(DEPLOYMENTS);

        GateResult parity = parity();
        double planAccuracy = workspace.kpis(CYCLE).get("plan_accuracy").actual().orElseThrow();

        assertThat(planAccuracy).isEqualTo(75.0);
        assertThat(100.0 * (Integer) parity.evidence().get("delivered") / (Integer) parity.evidence().get("planned"))
                .isEqualTo(planAccuracy);
    }
}
