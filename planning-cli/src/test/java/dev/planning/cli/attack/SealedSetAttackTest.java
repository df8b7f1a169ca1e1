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
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.merge.MergeStrategy;
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
        AttackWorkspace ws = AttackWorkspace.plannedOverCapacity(dir);
        CliRun honest = ws.run(ws.cycleArgs("gate", "--to", "READY_FOR_HANDOFF"));
        assertFailsNaming(honest, 1, "cross_stream_consistency: FAIL", "carol");
        // Sealed where the capacity model is not committed, then pointed at a commit that holds it.
        ws.delete(AttackWorkspace.CAPACITY);
        ws.sealNow();
        ws.write(AttackWorkspace.CAPACITY, AttackWorkspace.OVER_CAPACITY);
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
     * carol over. Every input the gates read at that commit was sealed, so the check above held; no commit
     * of {@code main} held that set (bind25; attack24 refused it as a commit that is no ancestor of {@code HEAD}).
     */
    @Test
    void aManifestSealedOnACommitOutsideTheHistoryOfHeadIsNotSignedNorVerified() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        String planned = ws.commit("plan");
        try (Git git = Git.open(ws.root().toFile())) {
            git.checkout().setCreateBranch(true).setName("elsewhere").setStartPoint(planned).call();
        }
        // The branch's own plan work: main holds this task breakdown only from the commit that brings the
        // handoff over (a set of content main held at some commit would be a seal of that commit).
        ws.edit(AttackWorkspace.TASKS, t -> t + "# planned on elsewhere\n");
        ws.sealNow();
        String sealedElsewhere = ws.commit("the handoff, elsewhere");
        try (Git git = Git.open(ws.root().toFile())) {
            git.checkout().setName("main").call();
            git.checkout().setStartPoint(sealedElsewhere).addPath("frameworks/planning-fe").call();
        }
        ws.write(AttackWorkspace.CAPACITY, AttackWorkspace.OVER_CAPACITY);
        ws.commit("capacity, and the handoff");
        String snapshot = snapshotRev(ws);

        CliRun sign = ws.sign("PM");
        CliRun verify = ws.verify("--checksums-only");

        assertFailsNaming(sign, 1, "SNAPSHOT_REV_MISSING", snapshot, "is not on HEAD's first-parent line",
                AttackWorkspace.CAPACITY + " is an input of the gates at HEAD, not at snapshot_rev");
        assertFailsNaming(verify, 1, "SNAPSHOT_REV_MISSING", snapshot);
        assertThat(ws.read(AttackWorkspace.MANIFEST)).doesNotContain("signatures:\n  - ");
    }

    /** Checks out {@code branch}, creating it at {@code start} when given. */
    private static void checkout(AttackWorkspace ws, String branch, String start) throws Exception {
        try (Git git = Git.open(ws.root().toFile())) {
            git.checkout().setCreateBranch(start != null).setName(branch).setStartPoint(start).call();
        }
    }

    /** Merges {@code branch} into the branch checked out with {@code strategy}, as a merge commit (never a fast-forward). */
    private static void merge(AttackWorkspace ws, String branch, MergeStrategy strategy, boolean squash) throws Exception {
        try (Git git = Git.open(ws.root().toFile())) {
            MergeCommand merge = git.merge().include(git.getRepository().resolve(branch)).setStrategy(strategy)
                    .setMessage("merge " + branch);
            if (squash) {
                merge.setSquash(true);
            } else {
                merge.setFastForward(MergeCommand.FastForwardMode.NO_FF).setCommit(true);
            }
            assertThat(merge.call().getMergeStatus().isSuccessful()).isTrue();
        }
    }

    private static String snapshotRev(AttackWorkspace ws) {
        return ws.read(AttackWorkspace.MANIFEST).replaceAll("(?s).*\nsnapshot_rev: \"([0-9a-f]{40})\".*", "$1");
    }

    /**
     * bind25: the sealed commit brought into the history by a merge that takes none of its changes. The
     * contributor seals, with the tool, on a branch whose capacity model lets carol through, merges that branch
     * into {@code main} with {@code git merge -s ours} (a merge commit holding {@code main}'s files only), and
     * brings the manifest, evidence and log over: {@code snapshot_rev} is now an ancestor of {@code HEAD}, yet no
     * commit of {@code main} ever held the capacity model the handoff was judged on.
     */
    @Test
    void aHandoffSealedOnABranchMergedWithStrategyOursIsNotSignedNorVerified() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        ws.write(AttackWorkspace.CAPACITY, AttackWorkspace.OVER_CAPACITY);
        String planned = ws.commit("plan, capacity");
        assertFailsNaming(ws.run(ws.cycleArgs("gate", "--to", "READY_FOR_HANDOFF")), 1, "cross_stream_consistency: FAIL");
        checkout(ws, "elsewhere", planned);
        ws.write(AttackWorkspace.CAPACITY, AttackWorkspace.capacity(40));
        ws.sealNow();
        checkout(ws, "main", null);
        ws.write("NOTES.md", "main moved on\n");
        ws.commit("notes");
        merge(ws, "elsewhere", MergeStrategy.OURS, false);
        assertThat(ws.read(AttackWorkspace.CAPACITY)).contains("carol: 1\n");
        try (Git git = Git.open(ws.root().toFile())) {
            git.checkout().setStartPoint("elsewhere").addPath("frameworks/planning-fe").call();
        }
        ws.commit("the handoff");
        String snapshot = snapshotRev(ws);

        CliRun sign = ws.sign("PM");
        CliRun verify = ws.verify("--checksums-only");

        assertFailsNaming(sign, 1, "SNAPSHOT_REV_MISSING", snapshot, AttackWorkspace.CAPACITY,
                "first-parent line");
        assertFailsNaming(verify, 1, "SNAPSHOT_REV_MISSING", snapshot, AttackWorkspace.CAPACITY);
        assertThat(ws.read(AttackWorkspace.MANIFEST)).doesNotContain("signatures:\n  - ");
    }

    /**
     * bind25: a handoff sealed and signed on a branch, then squash-merged into {@code main} (one new commit with
     * exactly the branch's files; the sealed commit is no ancestor of it), verifies there: the sealed inputs are
     * what {@code main} holds.
     */
    @Test
    void aHandoffSealedOnABranchAndSquashMergedVerifies() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        String planned = ws.commit("plan");
        checkout(ws, "feature", planned);
        ws.edit(AttackWorkspace.TASKS, t -> t + "# reviewed on the feature branch\n");
        ws.sealNow();
        ws.signAll();
        checkout(ws, "main", null);
        ws.write("NOTES.md", "main moved on\n");
        ws.commit("notes");
        merge(ws, "feature", MergeStrategy.RECURSIVE, true);
        String squashed = ws.commit("the handoff, squashed");
        try (Git git = Git.open(ws.root().toFile())) {
            assertThat(git.getRepository().parseCommit(git.getRepository().resolve(squashed)).getParentCount()).isOne();
        }

        CliRun verify = ws.verify();
        CliRun checksums = ws.verify("--checksums-only");

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("verified");
        assertThat(checksums.exitCode()).as(checksums.out() + checksums.err()).isZero();
    }

    /**
     * bind25: the cost of binding the seal to content. A branch sealed while {@code main} changed an input of its
     * gates (the capacity model), then merged normally: the merge commit holds the branch's plan beside
     * {@code main}'s capacity model, a set no commit of {@code main} held and no gate judged. Refused, naming the
     * path; sealing again on {@code main} is the way on.
     */
    @Test
    void aBranchSealedBeforeMainChangedAnInputOfItsGatesIsRefusedAfterAMerge() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        ws.write(AttackWorkspace.CAPACITY, AttackWorkspace.capacity(40));
        String planned = ws.commit("plan, capacity");
        checkout(ws, "feature", planned);
        ws.edit(AttackWorkspace.TASKS, t -> t + "# reviewed on the feature branch\n");
        ws.sealNow();
        checkout(ws, "main", null);
        ws.write(AttackWorkspace.CAPACITY, AttackWorkspace.capacity(39));
        ws.commit("capacity");
        merge(ws, "feature", MergeStrategy.RECURSIVE, false);

        CliRun verify = ws.verify("--checksums-only");

        assertFailsNaming(verify, 1, "SNAPSHOT_REV_MISSING", snapshotRev(ws), AttackWorkspace.CAPACITY);
    }

    /**
     * bind25: what binding to content leaves, told rather than refused. A handoff sealed on {@code main}, then the
     * capacity model committed: the gates over {@code HEAD} would judge carol over, the sealed set (an older commit
     * of the line) did not hold the capacity model. The verdicts judge the sealed set, as for any input that changes
     * after sealing, and {@code verify} says which commit holds it and what {@code HEAD} holds besides.
     */
    @Test
    void aHandoffBoundToAnOlderCommitOfTheLineVerifiesAndSaysWhatHeadHoldsBesides() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        ws.sealNow();
        ws.signAll();
        String signed = ws.commit("signed, nothing more");
        ws.write(AttackWorkspace.CAPACITY, AttackWorkspace.OVER_CAPACITY);
        ws.commit("capacity");

        CliRun verify = ws.verify("--checksums-only");

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("the sealed set is the content of commit " + signed
                + " of HEAD's first-parent line, not of HEAD", AttackWorkspace.CAPACITY
                + " is an input of the gates at HEAD, not at snapshot_rev");
    }

    /**
     * seal26: a sealed input whose checksum is not the blob at {@code snapshot_rev}. The contributor seals, with
     * the tool, on a branch whose plan ({@code P1}) was judged with a roomy capacity model; {@code main} cuts
     * carol's capacity and then takes the plan, so no commit of {@code main} holds that plan with that capacity
     * model, and the gates over {@code HEAD} fail. The manifest, evidence and log are brought over and
     * {@code snapshot_rev} pointed at the commit of {@code main} before the cut (the log's chain recomputed, no
     * key used). That commit is on the line and holds the sealed capacity model, but another plan ({@code P0}):
     * the task breakdown's sealed checksum is the work tree's, not the commit's. {@code verify} read the sealed
     * bytes from the work tree when git's did not match, so the verdicts were re-derived over a set the line never
     * held, and every role signed.
     */
    @Test
    void aSealedInputWhoseChecksumIsNotTheBlobAtSnapshotRevIsNotSignedNorVerified() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        ws.write(AttackWorkspace.CAPACITY, AttackWorkspace.OVER_CAPACITY.replace("carol: 1", "carol: 40"));
        String roomy = ws.commit("plan, capacity");
        checkout(ws, "elsewhere", roomy);
        ws.edit(AttackWorkspace.TASKS, t -> t + "# planned after the capacity cut\n");
        ws.sealNow();
        checkout(ws, "main", null);
        ws.write(AttackWorkspace.CAPACITY, AttackWorkspace.OVER_CAPACITY);
        ws.commit("capacity cut");
        try (Git git = Git.open(ws.root().toFile())) {
            git.checkout().setStartPoint("elsewhere").addPath("frameworks/planning-fe").call();
        }
        ws.commit("the plan, and the handoff");
        repointSnapshot(ws, roomy);
        ws.commit("tidy the seal");

        CliRun sign = ws.sign("PM");
        CliRun verify = ws.verify("--checksums-only");

        assertFailsNaming(sign, 1, "ARTIFACT_CHANGED", AttackWorkspace.TASKS, "committed at snapshot_rev " + roomy);
        assertFailsNaming(verify, 1, "ARTIFACT_CHANGED", AttackWorkspace.TASKS, "committed at snapshot_rev " + roomy);
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
        AttackWorkspace ws = AttackWorkspace.plannedOverCapacity(dir);
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
        ws.write(AttackWorkspace.CAPACITY, AttackWorkspace.capacity(40));
        ws.sealNow();
        ws.signAll();

        CliRun verify = ws.verify();

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("verified");
    }
}
