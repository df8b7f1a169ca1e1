package dev.planning.engine.internal.gate.crossstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.Contract;
import dev.planning.api.artifact.Task;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.testkit.gate.GateContextFixture;
import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code cross_stream_consistency} on the test kit's context: plans and contracts given in code, no disk. */
class CrossStreamConsistencyGateOnFixtureTest {

    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");

    @Test
    void resolvesADependencyOnAnotherStreamsTask() {
        GateResult result = new CrossStreamConsistencyGate().evaluate(GateContextFixture.builder(FE)
                .tasks(Task.builder("FE-1", "Form").dependsOn("be:BE-1").build())
                .otherStream("be", Task.builder("BE-1", "API").build())
                .build());

        assertThat(Files.exists(GateContextFixture.DEFAULT_WORKSPACE)).isFalse();
        assertThat(result.status()).isEqualTo(GateStatus.PASS);
        assertThat(result.evidence()).containsEntry("dependencies", 1);
    }

    @Test
    void reportsADanglingDependencyUnlessAContractCoversIt() {
        Task pay = Task.builder("FE-1", "Pay").dependsOn("psp:PSP-7").build();

        GateResult without = new CrossStreamConsistencyGate().evaluate(GateContextFixture.builder(FE).tasks(pay).build());
        GateResult with = new CrossStreamConsistencyGate().evaluate(GateContextFixture.builder(FE).tasks(pay)
                .contracts(new Contract("psp", "PSP-7", Contract.Status.AGREED, "payments", Optional.empty(),
                        SourceLocation.ofFile("frameworks/planning-fe/contracts/2025-09-02-contracts.yaml")))
                .build());

        assertThat(without.findings()).extracting(Finding::code).containsExactly(CrossStreamCodes.DANGLING);
        assertThat(without.findings().get(0).message())
                .contains("frameworks/planning-fe/contracts/2025-09-02-contracts.yaml");
        assertThat(with.status()).isEqualTo(GateStatus.PASS);
    }
}
