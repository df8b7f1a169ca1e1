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
}
