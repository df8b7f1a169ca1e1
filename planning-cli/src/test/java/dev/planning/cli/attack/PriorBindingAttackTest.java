package dev.planning.cli.attack;

import static dev.planning.cli.attack.SignatureAttackFixture.assertFailsNaming;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import dev.planning.cli.CycleScript;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * seal26: a prior handoff's {@code snapshot_rev} is bound as {@code verify} of its own cycle binds it (bind25): on
 * {@code HEAD}'s first-parent line, or a commit of that line holding its sealed set. The contributor brings onto
 * {@code main} a handoff that the team sealed and signed on a branch that never landed (its plan is on no commit
 * of {@code main}), and names it as the prior of {@code main}'s next cycle: the prior's signatures verify and its
 * artifacts are those of its {@code snapshot_rev}, so the chain held, and the next cycle was signed, while
 * {@code verify} of the prior's own cycle refuses it.
 */
@Tag("slow")
@Tag("attack")
class PriorBindingAttackTest {

    private static final String LATER_MANIFEST = "frameworks/planning-fe/manifests/" + AttackWorkspace.LATER
            + "-handoff_manifest.yaml";

    @TempDir
    Path dir;

    /** The handoff sealed and signed on {@code side}, its manifest, log and evidence (not its plan) brought to {@code main}. */
    private static String signedOnASideBranch(AttackWorkspace ws) throws Exception {
        String base = ws.commit("plan");
        try (Git git = Git.open(ws.root().toFile())) {
            git.checkout().setCreateBranch(true).setName("side").setStartPoint(base).call();
        }
        ws.edit(AttackWorkspace.TASKS, t -> t + "# planned on side, never merged\n");
        ws.sealNow();
        ws.signAll();
        String priorRev = ws.read(AttackWorkspace.MANIFEST).replaceAll("(?s).*\nsnapshot_rev: \"([0-9a-f]{40})\".*", "$1");
        try (Git git = Git.open(ws.root().toFile())) {
            git.checkout().setName("main").call();
            git.checkout().setStartPoint("side").addPath("frameworks/planning-fe/manifests")
                    .addPath("frameworks/planning-fe/events").addPath("frameworks/planning-fe/evidence").call();
        }
        ws.commit("the handoff, from side");
        return priorRev;
    }

    /** {@code main}'s next cycle, sealed with the handoff of {@link #signedOnASideBranch} as its prior. */
    private static void laterSealedWithPrior(AttackWorkspace ws) {
        String prior = ws.read(AttackWorkspace.MANIFEST).replaceAll("(?s).*\nmanifest_id: \"([^\"]+)\".*", "$1");
        ws.write("frameworks/planning-fe/tasks/" + AttackWorkspace.LATER + "-fe_task_breakdown.yaml",
                ws.read(AttackWorkspace.TASKS).replace(AttackWorkspace.CYCLE, AttackWorkspace.LATER));
        ws.write("frameworks/planning-fe/storymaps/" + AttackWorkspace.LATER + "-story_map.md",
                ws.read("frameworks/planning-fe/storymaps/" + AttackWorkspace.CYCLE + "-story_map.md")
                        .replace(AttackWorkspace.CYCLE, AttackWorkspace.LATER));
        ws.commit("next cycle");
        ws.ok(ws.laterArgs("advance", "--to", "READY_FOR_HANDOFF"));
        ws.ok(ws.laterArgs("seal", "--prior", prior));
        ws.commit("sealed");
    }

    private static CliRun signLater(AttackWorkspace ws) {
        return ws.run("sign", ws.path(LATER_MANIFEST).toString(), "--role", "PM", "--key",
                ws.keys().resolve("PM.key.pem").toString(), "--trust", ws.trust());
    }

    @Test
    void aPriorSignedOnABranchThatNeverLandedIsRefusedInTheChain() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        String priorRev = signedOnASideBranch(ws);
        laterSealedWithPrior(ws);

        CliRun sign = signLater(ws);
        CliRun verify = ws.run(ws.laterArgs("verify", "--trust", ws.trust(), "--checksums-only"));

        assertFailsNaming(sign, 1, "PRIOR_MANIFEST", priorRev, "first-parent line", AttackWorkspace.TASKS);
        assertFailsNaming(verify, 1, "PRIOR_MANIFEST", priorRev, "first-parent line");
        assertThat(ws.read(LATER_MANIFEST)).doesNotContain("signatures:\n  - ");
        // As verify of the prior's own cycle judges it.
        assertFailsNaming(ws.verify("--checksums-only"), 1, "SNAPSHOT_REV_MISSING", priorRev);
    }

    @Test
    void aPriorWhoseSnapshotRevIsADanglingCommitIsRefusedInTheChain() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        String priorRev = signedOnASideBranch(ws);
        try (Git git = Git.open(ws.root().toFile())) {
            git.branchDelete().setBranchNames("side").setForce(true).call();
            // Still in the object store, on no ref: the commit is dangling.
            assertThat(git.getRepository().getObjectDatabase().has(git.getRepository().resolve(priorRev))).isTrue();
        }
        laterSealedWithPrior(ws);

        CliRun verify = ws.run(ws.laterArgs("verify", "--trust", ws.trust(), "--checksums-only"));

        assertFailsNaming(verify, 1, "PRIOR_MANIFEST", priorRev, "first-parent line");
    }

    @Test
    void aPriorSealedOnALandedBranchStillVerifiesInTheChain() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        String base = ws.commit("plan");
        try (Git git = Git.open(ws.root().toFile())) {
            git.checkout().setCreateBranch(true).setName("side").setStartPoint(base).call();
        }
        ws.edit(AttackWorkspace.TASKS, t -> t + "# planned on side, then squashed into main\n");
        ws.sealNow();
        ws.signAll();
        try (Git git = Git.open(ws.root().toFile())) {
            git.checkout().setName("main").call();
            git.checkout().setStartPoint("side").addPath("frameworks/planning-fe").call();
        }
        ws.commit("the handoff, squashed");
        laterSealedWithPrior(ws);
        for (String role : CycleScript.ROLES) {
            ws.ok("sign", ws.path(LATER_MANIFEST).toString(), "--role", role, "--key",
                    ws.keys().resolve(role + ".key.pem").toString(), "--trust", ws.trust());
        }
        ws.commit("signed");

        CliRun verify = ws.run(ws.laterArgs("verify", "--trust", ws.trust(), "--checksums-only"));

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    }
}
