package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.Planning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class P0DueDateGateTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    @TempDir
    Path dir;

    /** The fe example with the custom gate named in its profile. */
    private PlanningWorkspace workspace(boolean removeDueDate) throws Exception {
        Path ws = Examples.copy("fe-2025-09-02", dir);
        Path settings = ws.resolve("rulebook/rulebook.yaml");
        Files.writeString(settings, Files.readString(settings)
                .replace("gates: [schema_lint,", "gates: [p0_due_dates, schema_lint,"));
        if (removeDueDate) {
            Path tasks = ws.resolve("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml");
            Files.writeString(tasks, Files.readString(tasks).replace("    due: 2025-09-12\n    linked_story_map_nodes: [S-CHECKOUT-2]",
                    "    linked_story_map_nodes: [S-CHECKOUT-2]"));
        }
        return Planning.builder().workspace(ws).gate(new P0DueDateGate()).build();
    }

    @Test
    void passesWhenEveryP0TaskHasADueDate() throws Exception {
        List<GateResult> results = workspace(false).dryRun(CYCLE, CycleState.READY_FOR_HANDOFF);

        assertThat(results.get(0).gate()).isEqualTo("p0_due_dates");
        assertThat(results.get(0).status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void failsOnAP0TaskWithoutADueDateNamingItsLine() throws Exception {
        List<GateResult> results = workspace(true).dryRun(CYCLE, CycleState.READY_FOR_HANDOFF);

        GateResult gate = results.get(0);
        assertThat(gate.status()).isEqualTo(GateStatus.FAIL);
        assertThat(gate.findings()).singleElement().satisfies(f -> {
            assertThat(f.taskId()).contains("FE-12");
            assertThat(f.location().orElseThrow().toString())
                    .startsWith("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml:");
        });
    }

    @Test
    void aProfileNamingAGateThatIsNotRegisteredIsAnError() throws Exception {
        Path ws = Examples.copy("fe-2025-09-02", dir);
        Path settings = ws.resolve("rulebook/rulebook.yaml");
        Files.writeString(settings, Files.readString(settings)
                .replace("gates: [schema_lint,", "gates: [p0_due_dates, schema_lint,"));
        // The builder refuses it, located at the profile entry, before anything runs.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Planning.builder().workspace(ws).build())
                .isInstanceOf(dev.planning.api.InvalidInputException.class)
                .hasMessageContaining("rulebook.yaml:").hasMessageContaining("names gate 'p0_due_dates'");
    }
}
