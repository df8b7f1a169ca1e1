package dev.planning.cli.attack;

import static dev.planning.cli.attack.SignatureAttackFixture.assertFailsNaming;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust anchor and what it pins, played by a contributor who can edit and commit any file of the
 * workspace but holds no trusted key: running without the trust file, lowering the signing policy in
 * the repository. Each ends in a refusal that names what is missing, with nothing written.
 */
@Tag("slow")
@Tag("attack")
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
        dev.planning.cli.CycleScript.ok(f.cycleArgs("digest")); // improve needs one, and a digest moves nothing
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

    /**
     * The keeper's trust file (outside the repository) asks for PM, TechLead and QA; the contributor
     * lowers the rulebook's policy to PM alone before sealing and gets one real signature.
     */
    @Test
    void aSigningPolicyLoweredInTheRepositoryStillMeetsTheTrustFilesPolicy() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        Path trust = Path.of(ws.trust());
        Files.writeString(trust, Files.readString(trust) + """
                signing:
                  required:
                    - {roles: [PM], min: 1}
                    - {roles: [TechLead], min: 1}
                    - {roles: [QA], min: 1}
                """);
        ws.edit("rulebook/rulebook.yaml", r -> r.replaceAll("signing:\n  required:\n(    - .*\n)+",
                "signing:\n  required:\n    - {roles: [PM], min: 1}\n"));
        ws.sealNow();
        CliRun sign = ws.sign("PM");
        assertThat(sign.exitCode()).as(sign.out() + sign.err()).isZero();
        ws.commit("signed by PM");

        CliRun verify = ws.verify();
        CliRun advance = ws.advance("EXECUTED");

        assertFailsNaming(verify, 1, "THRESHOLD_NOT_MET", "the trust file's signing policy", "[TechLead]", "[QA]");
        assertFailsNaming(advance, 1, "REFUSED", "threshold_not_met");
        assertThat(ws.read(AttackWorkspace.LOG)).doesNotContain("\"STATE_TRANSITION\",\"payload\":{\"from_state\":\"PACKAGED\"");
        // Control: once the roles the keeper asks for sign, the handoff verifies.
        for (String role : new String[] {"TechLead", "QA"}) {
            CliRun more = ws.sign(role);
            assertThat(more.exitCode()).as(more.out() + more.err()).isZero();
        }
        CliRun signed = ws.verify();
        assertThat(signed.exitCode()).as(signed.out() + signed.err()).isZero();
    }

    /** A trust file whose signing policy names a role it lists no key for is refused at that line. */
    @Test
    void aTrustFilePolicyThatCouldNeverBeMetIsRefusedAtItsLine() throws Exception {
        AttackWorkspace ws = AttackWorkspace.sealed(dir);
        Path trust = Path.of(ws.trust());
        Files.writeString(trust, Files.readString(trust) + "signing:\n  required:\n    - {roles: [Auditor], min: 1}\n");

        assertFailsNaming(ws.verify(), 2, "invalid trust file", "role Auditor", "has no key");
    }
}
