package dev.planning.cli.attack;

import static dev.planning.cli.attack.SignatureAttackFixture.assertFailsNaming;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import dev.planning.engine.internal.hash.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sealed set is every input the gates read at the sealed commit, no more, no less (attack23).
 * Verify re-derives the verdicts over the sealed set alone, so a manifest that leaves out an input
 * committed at its {@code snapshot_rev} (the capacity model) was judged without it, and one that names
 * an input the commit does not hold (another stream's plan, pinned from the work tree) was judged
 * with it: both verified, and were signed, though the gates over the sealed commit fail.
 */
@Tag("slow")
@Tag("attack")
class SealedSetAttackTest {

    /** FE-12 (8 points) is carol's: one point of capacity puts her over. */
    private static final String OVER_CAPACITY = """
            version: "1.0.0"
            owners:
              alice: 40
              bob: 40
              carol: 1
            """;
    private static final String PSP_PLAN = "frameworks/planning-psp/tasks/2025-09-02-psp_task_breakdown.yaml";

    @TempDir
    Path dir;

    /**
     * What a contributor without keys does between seal and sign: points the manifest's {@code snapshot_rev}
     * at another commit, and makes the seal event name the manifest so changed, the log's chain recomputed
     * from that event on (the history before it, which the manifest's head covers, is left as it is).
     */
    private static void repointSnapshot(AttackWorkspace ws, String revision) throws Exception {
        ws.edit(AttackWorkspace.MANIFEST, m -> m.replaceFirst("(?m)^snapshot_rev: \"[0-9a-f]{40}\"$",
                "snapshot_rev: \"" + revision + "\""));
        String manifestSha = Sha256.file(ws.path(AttackWorkspace.MANIFEST)).sha256();
        Path log = ws.path(AttackWorkspace.LOG);
        List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
        Pattern prev = Pattern.compile("\"prev_sha256\":\"[0-9a-f]{64}\"");
        boolean after = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.contains("\"MANIFEST_SEALED\"")) {
                line = line.replaceFirst("\"manifest_sha256\":\"[0-9a-f]{64}\"", "\"manifest_sha256\":\"" + manifestSha + "\"");
                after = true;
            } else if (after) {
                String previous = Sha256.hex(lines.get(i - 1).getBytes(StandardCharsets.UTF_8));
                line = prev.matcher(line).replaceFirst(Matcher.quoteReplacement("\"prev_sha256\":\"" + previous + "\""));
            }
            lines.set(i, line);
        }
        assertThat(after).isTrue();
        Files.writeString(log, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void aManifestThatLeavesOutTheCapacityModelCommittedAtItsRevisionIsNotSignedNorVerified() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        ws.write(AttackWorkspace.CAPACITY, OVER_CAPACITY);
        ws.commit("capacity");
        CliRun honest = ws.run(ws.cycleArgs("gate", "--to", "READY_FOR_HANDOFF"));
        assertFailsNaming(honest, 1, "cross_stream_consistency: FAIL", "carol");
        // Sealed where the capacity model is not committed, then pointed at a commit that holds it.
        ws.delete(AttackWorkspace.CAPACITY);
        ws.sealNow();
        ws.write(AttackWorkspace.CAPACITY, OVER_CAPACITY);
        String withCapacity = ws.commit("capacity back");
        repointSnapshot(ws, withCapacity);
        ws.commit("tidy the seal");

        CliRun sign = ws.sign("PM");
        CliRun verify = ws.verify("--checksums-only");

        assertFailsNaming(sign, 1, "ARTIFACT_UNSEALED", AttackWorkspace.CAPACITY, withCapacity);
        assertFailsNaming(verify, 1, "ARTIFACT_UNSEALED", AttackWorkspace.CAPACITY);
        assertThat(ws.read(AttackWorkspace.MANIFEST)).doesNotContain("signatures:\n  - ");
    }

    /**
     * attack24: the sealed commit chosen rather than forged. The contributor seals, with the tool and no
     * edit of any hash, on a branch of their own where the capacity model was never committed, then
     * brings the manifest, evidence and log onto the history checked out, where the capacity model puts
     * carol over. Every input the gates read at that commit was sealed, so the check above held; the
     * commit is simply not in the history the verifier is on.
     */
    @Test
    void aManifestSealedOnACommitOutsideTheHistoryOfHeadIsNotSignedNorVerified() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        String planned = ws.commit("plan");
        try (Git git = Git.open(ws.root().toFile())) {
            git.checkout().setCreateBranch(true).setName("elsewhere").setStartPoint(planned).call();
        }
        ws.sealNow();
        String sealedElsewhere = ws.commit("the handoff, elsewhere");
        try (Git git = Git.open(ws.root().toFile())) {
            git.checkout().setName("main").call();
            git.checkout().setStartPoint(sealedElsewhere).addPath("frameworks/planning-fe").call();
        }
        ws.write(AttackWorkspace.CAPACITY, OVER_CAPACITY);
        ws.commit("capacity, and the handoff");
        String snapshot = ws.read(AttackWorkspace.MANIFEST).replaceAll("(?s).*\nsnapshot_rev: \"([0-9a-f]{40})\".*", "$1");

        CliRun sign = ws.sign("PM");
        CliRun verify = ws.verify("--checksums-only");

        assertFailsNaming(sign, 1, "SNAPSHOT_REV_MISSING", snapshot, "not HEAD nor an ancestor of it");
        assertFailsNaming(verify, 1, "SNAPSHOT_REV_MISSING", snapshot);
        assertThat(ws.read(AttackWorkspace.MANIFEST)).doesNotContain("signatures:\n  - ");
    }

    @Test
    void aSealedPlanOfAStreamTheSealedRevisionDoesNotHoldIsNotSigned() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        String withoutPsp = ws.commit("plan");
        // A stream whose plan declares nothing of interest, sealed with the handoff, then the manifest is
        // pointed at the commit before that plan existed: the gates there never read it.
        ws.write(PSP_PLAN, """
                version: "1.0.0"
                cycle_id: "2025-09-02"
                stream: psp
                tasks:
                  - id: PSP-1
                    kind: task
                    title: Tokenise cards
                    owner: alice
                    tags: {criticality: 2, compliance: none}
                    effort: 1
                    status: planned
                """);
        ws.sealNow();
        assertThat(ws.read(AttackWorkspace.MANIFEST)).contains(PSP_PLAN);
        repointSnapshot(ws, withoutPsp);
        ws.commit("tidy the seal");

        CliRun sign = ws.sign("PM");

        assertFailsNaming(sign, 1, "ARTIFACT_MISSING", PSP_PLAN, withoutPsp);
    }

    @Test
    void sealRefusesAnInputCommittedAtHeadThatWasDeletedOnlyFromTheWorkTree() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        ws.write(AttackWorkspace.CAPACITY, OVER_CAPACITY);
        ws.commit("capacity");
        Files.delete(ws.path(AttackWorkspace.CAPACITY));
        ws.ok(ws.cycleArgs("advance", "--to", "READY_FOR_HANDOFF"));

        CliRun seal = ws.run(ws.cycleArgs("seal"));

        assertFailsNaming(seal, 2, AttackWorkspace.CAPACITY + " (deleted)", "--allow-dirty");
        assertThat(ws.path(AttackWorkspace.MANIFEST)).doesNotExist();
    }

    @Test
    void anHonestHandoffOfTwoStreamsAndACapacityModelStillVerifies() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        ws.write(PSP_PLAN, """
                version: "1.0.0"
                cycle_id: "2025-09-02"
                stream: psp
                tasks:
                  - id: PSP-1
                    kind: task
                    title: Tokenise cards
                    owner: dan
                    tags: {criticality: 2, compliance: none}
                    effort: 1
                    status: planned
                """);
        ws.write(AttackWorkspace.CAPACITY, OVER_CAPACITY.replace("carol: 1", "carol: 40"));
        ws.sealNow();
        ws.signAll();

        CliRun verify = ws.verify();

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("verified");
    }
}
