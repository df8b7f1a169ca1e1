package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.artifact.Priority;
import dev.planning.api.artifact.Task;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.testkit.gate.GateContextFixture;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The custom gate tested on its own: a context from the fixture, no engine, no workspace on disk. The
 * tagged region is docs/testing.md's example ({@code DocumentedJavaTest} checks it is shown verbatim).
 */
class P0DueDateGateFixtureTest {

    @Test
    void failsOnAP0TaskWithoutADueDate() {
        // tag::fixture[]
        GateResult result = new P0DueDateGate().evaluate(GateContextFixture.builder(new CycleRef("fe", "2025-09-02"))
                .tasks(Task.builder("FE-1", "Checkout").priority(Priority.P0).due(LocalDate.of(2025, 9, 12)).build(),
                        Task.builder("FE-2", "Refunds").priority(Priority.P0).build(),
                        Task.builder("FE-3", "Banner").priority(Priority.P2).build())
                .build());

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.findings()).extracting(f -> f.taskId().orElseThrow()).containsExactly("FE-2");
        // end::fixture[]
        assertThat(result.evidence()).containsEntry("p0_tasks", 2L);
    }
}
