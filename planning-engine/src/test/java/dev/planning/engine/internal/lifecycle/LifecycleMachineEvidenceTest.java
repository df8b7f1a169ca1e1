package dev.planning.engine.internal.lifecycle;

import static dev.planning.api.lifecycle.CycleState.PLANNED;
import static dev.planning.api.lifecycle.CycleState.READY_FOR_HANDOFF;
import static dev.planning.engine.internal.lifecycle.Fixtures.CYCLE;
import static dev.planning.engine.internal.lifecycle.Fixtures.gate;
import static dev.planning.engine.internal.lifecycle.Fixtures.rulebook;
import static dev.planning.engine.internal.lifecycle.Fixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.GateOutcome;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.engine.fixtures.Plans;
import dev.planning.engine.internal.evidence.FileEvidenceWriter;
import dev.planning.engine.internal.evidence.GateOutcomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleMachineEvidenceTest {

    private static final String EVIDENCE_DIR = "frameworks/planning-fe/evidence/2025-09-02/";

    @TempDir
    Path workspace;

    private LifecycleMachine machineWithEvidence() {
        return Fixtures.machine(workspace, rulebook(step(PLANNED, READY_FOR_HANDOFF, "lint", "policy")))
                .gate(gate("lint", GateStatus.PASS))
                .gate(gate("policy", GateStatus.FAIL))
                .evidenceWriter(new FileEvidenceWriter(workspace, WorkspaceLayout.DEFAULT))
                .build();
    }

    @Test
    void advanceWritesEachGatesEvidenceAndRecordsItsPathInTheEvent() throws Exception {
        TransitionResult result = machineWithEvidence().advance(CYCLE, READY_FOR_HANDOFF);

        PlanningEvent event = machineWithEvidence().status(CYCLE).history().get(1).event();
        assertThat(event.id()).isEqualTo(result.eventId());
        String lint = event.details().get("evidence.lint");
        String policy = event.details().get("evidence.policy");
        assertThat(lint).isEqualTo(EVIDENCE_DIR + "20250902T100000.000Z-PLANNED-READY_FOR_HANDOFF-lint.json");
        assertThat(policy).isEqualTo(EVIDENCE_DIR + "20250902T100000.000Z-PLANNED-READY_FOR_HANDOFF-policy.json");
        assertThat(Files.readString(workspace.resolve(policy))).contains("\"status\" : \"FAIL\"")
                .contains("\"policy.fail\"");
    }

    @Test
    void aSecondAttemptKeepsTheFirstAttemptsEvidence() throws Exception {
        machineWithEvidence().advance(CYCLE, READY_FOR_HANDOFF);
        machineWithEvidence().advance(CYCLE, READY_FOR_HANDOFF);

        List<Path> files = Plans.filesUnder(workspace.resolve(EVIDENCE_DIR));
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(
                "20250902T100000.000Z-PLANNED-READY_FOR_HANDOFF-lint-2.json",
                "20250902T100000.000Z-PLANNED-READY_FOR_HANDOFF-lint.json",
                "20250902T100000.000Z-PLANNED-READY_FOR_HANDOFF-policy-2.json",
                "20250902T100000.000Z-PLANNED-READY_FOR_HANDOFF-policy.json");
        Map<String, GateOutcome> latest = GateOutcomes.latest(machineWithEvidence().status(CYCLE).history());
        assertThat(latest).containsOnlyKeys("lint", "policy");
        assertThat(latest.get("policy").status()).isEqualTo(GateStatus.FAIL);
        assertThat(latest.get("policy").evidence())
                .hasValue(EVIDENCE_DIR + "20250902T100000.000Z-PLANNED-READY_FOR_HANDOFF-policy-2.json");
        assertThat(latest.get("policy").at()).isEqualTo(Fixtures.NOW);
    }

    @Test
    void aDryRunWritesNoEvidence() {
        machineWithEvidence().dryRun(CYCLE, READY_FOR_HANDOFF);

        assertThat(workspace.resolve("frameworks")).doesNotExist();
    }

    @Test
    void withoutAWriterNoEvidenceDetailIsRecorded() {
        LifecycleMachine machine = Fixtures.machine(workspace, rulebook(step(PLANNED, READY_FOR_HANDOFF, "lint")))
                .gate(gate("lint", GateStatus.PASS)).build();

        machine.advance(CYCLE, READY_FOR_HANDOFF);

        assertThat(machine.status(CYCLE).history().get(1).event().details()).doesNotContainKey("evidence.lint");
        assertThat(GateOutcomes.latest(machine.status(CYCLE).history()).get("lint").evidence()).isEmpty();
    }
}
