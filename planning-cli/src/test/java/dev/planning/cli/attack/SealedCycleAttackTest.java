package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import dev.planning.cli.CycleScript;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cycle past {@code PACKAGED} whose plan the contributor without keys changes afterwards: the
 * gates of its later moves ({@code EXECUTED -> VALIDATED} runs {@code parity_coverage} over the task
 * breakdown) must never judge a plan other than the sealed one, whether through {@code advance} or
 * the {@code gate} dry run.
 */
@Tag("slow")
@Tag("attack")
class SealedCycleAttackTest {

    private static final String BACKLOG = "frameworks/planning-fe/tasks/2025-09-02-fe_backlog.yaml";

    @TempDir
    Path dir;

    @Test
    void theGateDryRunOfASealedCycleWhosePlanChangedFailsAsAdvanceDoes() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        CycleScript.toExecutedWithOutcomes(ws.root(), ws.keys());
        ws.edit(AttackWorkspace.TASKS, s -> s.replace("title: Address form with inline validation",
                "title: Address form"));
        ws.commit("attacker: the plan after sealing");
        AttackWorkspace.Snapshot before = ws.snapshot();

        CliRun gate = ws.run(ws.cycleArgs("gate", "--to", "VALIDATED", "--trust", ws.trust()));

        assertThat(gate.exitCode()).as(gate.out() + gate.err()).isEqualTo(1);
        assertThat(gate.err()).contains("sealed artifacts of fe/2025-09-02 changed", AttackWorkspace.TASKS)
                .doesNotContain("\tat ");
        CliRun advance = ws.advance("VALIDATED");
        assertThat(advance.exitCode()).isEqualTo(1);
        assertThat(before.changes(ws.snapshot())).isEmpty();
    }

    @Test
    void aTaskBreakdownAddedBesideTheSealedBacklogStopsAdvanceAndTheGateDryRun() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        // The backend names its plan a backlog: the second accepted name of the task breakdown.
        ws.write(BACKLOG, ws.read(AttackWorkspace.TASKS));
        ws.delete(AttackWorkspace.TASKS);
        ws.commit("plan as a backlog");
        CycleScript.toExecutedWithOutcomes(ws.root(), ws.keys());
        // After the handoff, a plan under the preferred name, which the gates read first, beside the sealed one.
        ws.write(AttackWorkspace.TASKS, ws.read(BACKLOG).replace("title: Address form with inline validation",
                "title: Address form"));
        ws.commit("attacker: a second plan after sealing");
        AttackWorkspace.Snapshot before = ws.snapshot();

        CliRun gate = ws.run(ws.cycleArgs("gate", "--to", "VALIDATED", "--trust", ws.trust()));
        CliRun advance = ws.advance("VALIDATED");

        assertThat(gate.exitCode()).as(gate.out() + gate.err()).isEqualTo(1);
        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isEqualTo(1);
        for (CliRun run : new CliRun[] {gate, advance}) {
            assertThat(run.err()).contains("ARTIFACT_UNSEALED", AttackWorkspace.TASKS).doesNotContain("\tat ");
        }
        assertThat(before.changes(ws.snapshot())).isEmpty();
    }
}
