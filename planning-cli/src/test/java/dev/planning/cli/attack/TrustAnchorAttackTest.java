package dev.planning.cli.attack;

import static dev.planning.cli.attack.SignatureAttackFixture.assertFailsNaming;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.cli.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust anchor and what it pins, played by a contributor who can edit and commit any file of the
 * workspace but holds no trusted key: running without the trust file, lowering the signing policy in
 * the repository. Each ends in a refusal that names what is missing, with nothing written.
 */
class TrustAnchorAttackTest {

    private static final String NEEDS_TRUST = "needs --trust FILE (the trust file lies outside the workspace)";

    @TempDir
    Path dir;

    /**
     * The signing policy emptied in the repository, the handoff sealed, and every command past
     * PACKAGED run without a trust file: without keys in hand nothing can be checked, so nothing runs.
     */
    @Test
    void withoutATrustFileNoCycleLeavesPackagedWhateverThePolicySays() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        ws.edit("rulebook/rulebook.yaml", r -> r.replaceAll("signing:\n  required:\n(    - .*\n)+",
                "signing:\n  required: []\n"));
        ws.sealNow();
        AttackWorkspace.Snapshot before = ws.snapshot();

        CliRun advance = ws.run(ws.cycleArgs("advance", "--to", "EXECUTED"));
        CliRun gate = ws.run(ws.cycleArgs("gate", "--to", "EXECUTED"));

        assertFailsNaming(advance, 2, NEEDS_TRUST, "moving fe/2025-09-02 from PACKAGED to EXECUTED");
        assertFailsNaming(gate, 2, NEEDS_TRUST);
        assertThat(before.changes(ws.snapshot())).as("refusals write nothing").isEmpty();
        // With the trust file, the one-signature floor holds against the emptied policy.
        assertFailsNaming(ws.advance("EXECUTED"), 1, "REFUSED", "threshold_not_met");
    }

    /**
     * The event log rebuilt to claim IMPROVE (a recomputed chain), then {@code status} and
     * {@code improve} run without a trust file: both refuse, and with it the history is unsigned.
     */
    @Test
    void aForgedHistoryPastPackagedIsNeitherShownNorCompletedWithoutATrustFile() throws Exception {
        SignatureAttackFixture f = SignatureAttackFixture.sealed(dir);
        f.rewriteLog(lines -> {
            List<ObjectNode> forged = new ArrayList<>(lines);
            String[][] steps = {{"PACKAGED", "EXECUTED"}, {"EXECUTED", "VALIDATED"}, {"VALIDATED", "IMPROVE"}};
            for (int i = 0; i < steps.length; i++) {
                ObjectNode line = lines.get(lines.size() - 1).deepCopy();
                ObjectNode event = (ObjectNode) line.get("event");
                event.put("id", "evt_forged_" + i);
                event.put("type", "STATE_TRANSITION");
                ObjectNode payload = (ObjectNode) event.get("payload");
                payload.put("from_state", steps[i][0]);
                payload.put("to_state", steps[i][1]);
                ((ObjectNode) payload.get("metadata")).putObject("gate_results");
                ((ObjectNode) payload.get("metadata")).putObject("details");
                forged.add(line);
            }
            return forged;
        });
        f.commit("history");
        Map<String, String> before = f.snapshot();

        assertFailsNaming(f.cycle("status"), 2, NEEDS_TRUST, "status of fe/2025-09-02 (IMPROVE");
        assertFailsNaming(f.cycle("improve", "--next", "2025-09-16"), 2, NEEDS_TRUST,
                "moving fe/2025-09-02 from IMPROVE to COMPLETED");
        assertThat(f.snapshot()).as("refusals write nothing").isEqualTo(before);
        assertFailsNaming(f.cycle("status", "--trust", f.trust.toString()), 1, "UNSIGNED HISTORY",
                "THRESHOLD_NOT_MET");
        assertFailsNaming(f.cycle("improve", "--next", "2025-09-16", "--trust", f.trust.toString()), 1,
                "may not move from IMPROVE to COMPLETED", "THRESHOLD_NOT_MET");
        assertThat(f.snapshot()).as("refused improve writes nothing").isEqualTo(before);
    }
}
