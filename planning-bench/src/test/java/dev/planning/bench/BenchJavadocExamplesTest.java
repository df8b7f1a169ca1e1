package dev.planning.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.bench.lifecycle.BareAppends;
import dev.planning.bench.lifecycle.SpringLifecycle;
import dev.planning.bench.workload.Workload;
import dev.planning.bench.workload.WorkloadGenerator;
import dev.planning.bench.workload.WorkloadSpec;
import dev.planning.engine.Planning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.statemachine.StateMachine;

/**
 * javadoc28: the Java examples of planning-bench's Javadoc ({@code BareAppends}, {@code SpringLifecycle},
 * {@code WorkloadGenerator}), each a tagged region here, run ({@code JavadocExamplesTest} holds the Javadoc to them).
 */
class BenchJavadocExamplesTest {

    @TempDir
    Path directory;

    @Test
    void aBareLogHasItsCreatedLineThenOneLinePerAppend() throws Exception {
        // tag::bareappendsjavadoc[]
        BareAppends bare = new BareAppends(directory);
        Path log = bare.create("C-1");   // first line, fdatasync, directory fsync
        bare.append(log);                // read to the end, one line, fdatasync
        // end::bareappendsjavadoc[]

        assertThat(Files.readAllLines(log)).hasSize(2);
        assertThat(Files.size(log)).isEqualTo(BareAppends.CREATED_LINE + (long) BareAppends.TRANSITION_LINE);
    }

    @Test
    void theSpringMachineReachesCompletedAndIsResetToPlanned() {
        // tag::springlifecyclejavadoc[]
        StateMachine<CycleState, String> machine = SpringLifecycle.build();
        CycleState reached = SpringLifecycle.runCycle(machine);   // PLANNED -> ... -> COMPLETED, then back to PLANNED
        // end::springlifecyclejavadoc[]

        assertThat(reached).isEqualTo(CycleState.COMPLETED);
        assertThat(machine.getState().getId()).isEqualTo(CycleState.PLANNED);
    }

    @Test
    @Tag("slow")
    @Tag("workload")   // about 25 s: the default rulebook compiled, three streams' plans judged
    void everyHandoffGateOfAGeneratedWorkloadPasses() {
        Path dir = directory;

        // tag::workloadjavadoc[]
        Workload workload = WorkloadGenerator.write(dir, WorkloadSpec.of(200, WorkloadSpec.DEFAULT_SEED));
        PlanningWorkspace ws = Planning.builder().workspace(workload.root()).build();
        List<List<GateResult>> runs = workload.cycles().stream().map(c -> ws.dryRun(c, CycleState.READY_FOR_HANDOFF)).toList();
        // end::workloadjavadoc[]

        assertThat(runs).hasSize(workload.cycles().size()).isNotEmpty()
                .allSatisfy(run -> assertThat(run).isNotEmpty().allMatch(GateResult::passed, "passed"));
    }
}
