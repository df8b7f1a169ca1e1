package dev.planning.cli.attack;

import static dev.planning.cli.attack.BackdatedHandoff.BACKDATED;
import static dev.planning.cli.attack.BackdatedHandoff.waivedPlan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.cli.CliRun;
import dev.planning.cli.CycleScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by the review of 2026-12-03: a move recorded after the seal was judged again as of the
 * event's own timestamp, which whoever writes the log writes. The team's rulebook runs governance
 * at {@code EXECUTED -> VALIDATED} only; FE-12 lacks an approval and the decision log's waiver for
 * it expired on {@value BackdatedHandoff#EXPIRES}. The handoff is sealed and signed today (it used
 * no waiver), the real move to {@code VALIDATED} is refused (the waiver expired), and a contributor
 * without keys writes {@code EXECUTED -> VALIDATED} into the log dated {@value BackdatedHandoff#BACKDATED},
 * inside the waiver's lifetime and before the seal. Before the fix {@code status} showed the cycle
 * {@code VALIDATED} and {@code advance --to IMPROVE} was accepted; now no move after the seal is
 * judged on a day earlier than the latest signature of the seal. Since time41 the log itself is refused where it is
 * read: the forged move is dated before the move it follows, which the tool never writes.
 */
@Tag("slow")
@Tag("attack")
class PostSealWaiverDayAttackTest {

    @TempDir
    Path dir;

    /** The plan whose profile runs governance only after execution, sealed, signed today and executed. */
    private AttackWorkspace executedWithGovernanceAfterTheSeal() throws Exception {
        AttackWorkspace ws = waivedPlan(dir);
        ws.edit("rulebook/rulebook.yaml", r -> r
                .replace("gates: [schema_lint, cross_stream_consistency, parity_coverage, governance]}",
                        "gates: [schema_lint, cross_stream_consistency, parity_coverage]}")
                .replace("{transition: \"READY_FOR_HANDOFF->PACKAGED\", gates: [schema_lint, governance]}",
                        "{transition: \"READY_FOR_HANDOFF->PACKAGED\", gates: [schema_lint]}")
                .replace("{transition: \"EXECUTED->VALIDATED\", gates: [parity_coverage]}",
                        "{transition: \"EXECUTED->VALIDATED\", gates: [parity_coverage, governance]}"));
        ws.sealNow();
        ws.signAll();
        ws.ok(ws.cycleArgs("advance", "--to", "EXECUTED", "--trust", ws.trust()));
        CycleScript.importOutcomes(ws.root());
        ws.commit("executed, outcomes imported");
        return ws;
    }

    @Test
    void aMoveBackdatedIntoAnExpiredWaiversLifetimeIsNeitherShownNorTakenOn() throws Exception {
        AttackWorkspace ws = executedWithGovernanceAfterTheSeal();
        CliRun refused = ws.advance("VALIDATED");
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.out() + refused.err()).contains("governance");

        AttackWorkspace.rewriteLog(ws.path(AttackWorkspace.LOG), lines -> {
            List<ObjectNode> forged = new ArrayList<>(lines.stream()
                    .filter(l -> !l.at("/event/type").asText().equals("TRANSITION_REFUSED")).toList());
            ObjectNode validated = forged.get(forged.size() - 1).deepCopy();
            ObjectNode event = (ObjectNode) validated.get("event");
            event.put("id", "evt_forged");
            event.put("type", "STATE_TRANSITION");
            event.put("timestamp", BACKDATED);
            ObjectNode payload = (ObjectNode) event.get("payload");
            payload.put("from_state", "EXECUTED");
            payload.put("to_state", "VALIDATED");
            ObjectNode metadata = (ObjectNode) payload.get("metadata");
            metadata.putObject("gate_results").put("parity_coverage", "PASS").put("governance", "PASS");
            metadata.putObject("details");
            forged.add(validated);
            return forged;
        });
        ws.commit("history");
        int forgedLine = Files.readAllLines(ws.path(AttackWorkspace.LOG)).size();

        CliRun status = ws.run(ws.cycleArgs("status", "--trust", ws.trust()));
        assertThat(status.exitCode()).as(status.out() + status.err()).isNotZero();
        assertThat(status.out() + status.err()).doesNotContain("fe/2025-09-02: VALIDATED")
                .contains(AttackWorkspace.LOG + ":" + forgedLine, "line " + forgedLine + " is dated " + BACKDATED
                        + ", before line " + (forgedLine - 1));

        AttackWorkspace.Snapshot before = ws.snapshot();
        CliRun advance = ws.advance("IMPROVE");
        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isNotZero();
        assertThat(advance.out() + advance.err()).contains("line " + forgedLine + " is dated " + BACKDATED);
        assertThat(advance.printedStackTrace()).isFalse();
        assertThat(before.changes(ws.snapshot())).as("refused advance writes nothing").isEmpty();
    }
}
