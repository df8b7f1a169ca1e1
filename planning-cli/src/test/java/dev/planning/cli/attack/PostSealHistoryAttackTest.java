package dev.planning.cli.attack;

import static dev.planning.cli.attack.SignatureAttackFixture.LOG;
import static dev.planning.cli.attack.SignatureAttackFixture.assertFailsNaming;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.cli.CliRun;
import dev.planning.cli.CycleScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Found by the attack review of 2026-12-03: no signature covers an event after the seal, and the
 * hash chain can be recomputed, so a contributor without a key wrote {@code EXECUTED -> VALIDATED}
 * with {@code parity_coverage: PASS} into the log of a handoff the team had signed, after the real
 * move was refused (nothing delivered, no coverage). Before the fix {@code status} exited 0 showing
 * the cycle {@code VALIDATED} and {@code advance --to IMPROVE} was accepted. Now each move the log
 * records from {@code PACKAGED} on has its gates run again; one that does not pass now is
 * {@code UNSIGNED HISTORY} in {@code status} and stops the next move.
 */
@Tag("slow")
@Tag("attack")
class PostSealHistoryAttackTest {

    @TempDir
    Path dir;

    /**
     * Found by the review of 2026-12-03: only {@code STATE_TRANSITION} events were judged again, but
     * the log's fold also moves a cycle on a {@code PLAN_UPDATED} or {@code CYCLE_COMPLETED} between
     * states the lifecycle links, and on a {@code TRANSITION_REFUSED} whose details say
     * {@code moved_to}. Each, written as {@code EXECUTED -> VALIDATED}, showed the cycle
     * {@code VALIDATED} with exit 0 before; now the move it makes is judged again like any other.
     * {@code STATE_TRANSITION} is the first attack (the class's Javadoc).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"STATE_TRANSITION", "PLAN_UPDATED", "CYCLE_COMPLETED", "TRANSITION_REFUSED"})
    void aMoveIntoValidatedWrittenIntoTheLogAsAnyEventTypeIsNeitherShownNorTakenOn(String type) throws Exception {
        SignatureAttackFixture f = SignatureAttackFixture.signed(dir);
        String trust = f.trust.toString();
        CycleScript.ok(f.cycleArgs("advance", "--to", "EXECUTED", "--trust", trust));
        assertFailsNaming(f.cycle("advance", "--to", "VALIDATED", "--trust", trust), 1, "REFUSED",
                "parity_coverage: FAIL");

        int forgedLine = forgeMoveIntoValidated(f, type);

        CliRun status = f.cycle("status", "--trust", trust);
        if (type.equals("CYCLE_COMPLETED")) {
            // The fold refuses it: CYCLE_COMPLETED must lead to COMPLETED.
            assertThat(status.exitCode()).as(status.out() + status.err()).isNotZero();
            assertThat(status.out() + status.err()).doesNotContain("fe/2025-09-02: VALIDATED");
            return;
        }
        assertFailsNaming(status, 1, "fe/2025-09-02: VALIDATED", "UNSIGNED HISTORY", LOG + ":" + forgedLine,
                "event evt_forged", "EXECUTED -> VALIDATED", "parity_coverage FAIL");

        Map<String, String> before = f.snapshot();
        assertFailsNaming(f.cycle("advance", "--to", "IMPROVE", "--trust", trust), 1,
                "may not move from VALIDATED to IMPROVE", "EXECUTED -> VALIDATED", "parity_coverage FAIL");
        assertThat(f.snapshot()).as("refused advance writes nothing").isEqualTo(before);
    }

    @Test
    void aCycleValidatedByItsGatesIsShownAndMovesOn() throws Exception {
        Path ws = CycleScript.validatedExample(dir);
        String trust = dir.resolve("keys/trust.yaml").toString();

        CliRun status = CliRun.of(CycleScript.cycle(ws, "status", "--trust", trust));
        assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
        assertThat(status.out()).contains("fe/2025-09-02: VALIDATED").doesNotContain("UNSIGNED HISTORY");

        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "IMPROVE", "--trust", trust));
    }

    /**
     * Drops the refusal from the log, appends the last line again as an event of {@code type} moving
     * {@code EXECUTED -> VALIDATED} with {@code parity_coverage: PASS} (a {@code TRANSITION_REFUSED}
     * saying {@code moved_to}), re-chains and commits the log.
     *
     * @return the forged line's number
     */
    private static int forgeMoveIntoValidated(SignatureAttackFixture f, String type) throws Exception {
        f.rewriteLog(lines -> {
            List<ObjectNode> forged = new ArrayList<>(lines.stream()
                    .filter(l -> !l.at("/event/type").asText().equals("TRANSITION_REFUSED")).toList());
            ObjectNode validated = forged.get(forged.size() - 1).deepCopy();
            ObjectNode event = (ObjectNode) validated.get("event");
            event.put("id", "evt_forged");
            event.put("type", type);
            ObjectNode payload = (ObjectNode) event.get("payload");
            payload.put("from_state", "EXECUTED");
            payload.put("to_state", "VALIDATED");
            ObjectNode metadata = (ObjectNode) payload.get("metadata");
            metadata.putObject("gate_results").put("parity_coverage", "PASS");
            ObjectNode details = metadata.putObject("details");
            if (type.equals("TRANSITION_REFUSED")) {
                details.put("moved_to", "VALIDATED");
            }
            forged.add(validated);
            return forged;
        });
        f.commit("history");
        return Files.readAllLines(f.ws.resolve(LOG)).size();
    }
}
