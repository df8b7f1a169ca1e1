package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
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
 * A contributor without keys puts back another signed handoff of the same cycle (attack32). The team sealed and
 * signed {@code fe/2025-09-02} on a branch that was then abandoned, and sealed and signed it again, over another
 * plan, on the main line. The contributor checks the branch's plan, evidence, log and manifest out onto the main
 * line and commits them: every signature of that manifest verifies, its {@code snapshot_rev} is a commit of the
 * repository, and the main line now holds its sealed set, so {@code verify} passed on a plan that the main line
 * had replaced. A sealed manifest is never overwritten: one that was on the line with a trusted signature under
 * another {@code manifest_id} is refused.
 */
@Tag("slow")
@Tag("attack")
class ReplacedHandoffAttackTest {

    private static final String LAST_TASK = "title: Product list filters";

    @TempDir
    Path dir;

    @Test
    void anotherSignedHandoffOfTheSameCyclePutBackOverTheSignedOneIsRefused() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        twoSignedHandoffs(ws);
        CliRun before = ws.verify();

        try (Git git = Git.open(ws.root().toFile())) {
            git.checkout().setStartPoint("abandoned").addPath("frameworks/planning-fe").call();
        }
        ws.commit("attacker: the abandoned handoff back");
        CliRun verify = ws.verify();
        CliRun checksums = ws.verify("--checksums-only");

        assertThat(before.exitCode()).as(before.out() + before.err()).isZero();
        assertThat(ws.read(AttackWorkspace.TASKS)).contains("(the abandoned plan)");
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(1);
        assertThat(verify.out()).contains("MANIFEST_INVALID").contains("replaced");
        assertThat(checksums.exitCode()).as(checksums.out() + checksums.err()).isEqualTo(1);
        assertThat(checksums.out()).contains("MANIFEST_INVALID").contains("replaced");
    }

    /**
     * attack34: the same put-back, asked who must still sign. The signatures of the manifest put back all verify on
     * it, and its event log's {@code MANIFEST_SEALED} event is its own (the branch's log came back with it), so
     * {@code store pending-signatures} counted every role as signed and listed no cycle, while {@code verify} refused
     * the handoff. A handoff that replaced another signed one counts no signature: the cycle is listed, saying why.
     */
    @Test
    void pendingSignaturesListTheCycleOfAnotherSignedHandoffPutBackAsVerifyRefusesIt() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        twoSignedHandoffs(ws);
        CliRun before = pendingSignatures(ws);

        try (Git git = Git.open(ws.root().toFile())) {
            git.checkout().setStartPoint("abandoned").addPath("frameworks/planning-fe").call();
        }
        ws.commit("attacker: the abandoned handoff back");
        CliRun policy = pendingSignatures(ws);
        CliRun byRole = pendingSignatures(ws, "--role", "PM");

        assertThat(before.exitCode()).as(before.out() + before.err()).isZero();
        assertThat(before.out()).contains("0 cycle(s) wait");
        assertThat(ws.verify().exitCode()).isEqualTo(1);
        for (CliRun pending : new CliRun[] {policy, byRole}) {
            assertThat(pending.exitCode()).as(pending.out() + pending.err()).isZero();
            assertThat(pending.out()).contains("1 cycle(s) wait", "fe/2025-09-02", "manifest refused",
                    "replaced another handoff");
        }
    }

    private static CliRun pendingSignatures(AttackWorkspace ws, String... more) {
        List<String> args = new ArrayList<>(List.of("store", "pending-signatures", "-w", ws.root().toString(),
                "--trust", ws.trust()));
        args.addAll(List.of(more));
        return ws.run(args.toArray(String[]::new));
    }

    /**
     * review31: a manifest of another cycle, signed, copied over this cycle's and reverted at once, was taken for a
     * signed handoff of this cycle that the manifest in hand replaced: two commits by a contributor without keys
     * stopped this cycle from ever verifying again on that line. A manifest of another cycle was never a handoff of
     * this one (verify refuses it as the manifest of another cycle), so it replaced nothing.
     */
    @Test
    void anotherCyclesSignedManifestOnceCommittedAtThePathAndRevertedReplacedNothing() throws Exception {
        AttackWorkspace ws = AttackWorkspace.signed(dir);
        Matcher id = Pattern.compile("(?m)^manifest_id: \"([^\"]+)\"$").matcher(ws.read(AttackWorkspace.MANIFEST));
        assertThat(id.find()).isTrue();
        ws.laterCycleExecuted(id.group(1));
        ws.commit("executed");
        String own = ws.read(AttackWorkspace.MANIFEST);
        ws.write(AttackWorkspace.MANIFEST, ws.read("frameworks/planning-fe/manifests/" + AttackWorkspace.LATER
                + "-handoff_manifest.yaml"));
        ws.commit("contributor: another cycle's manifest over this one");
        ws.write(AttackWorkspace.MANIFEST, own);
        ws.commit("contributor: reverted");

        CliRun verify = ws.verify();

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    }

    /**
     * review31: the same handoff put back by a merge whose first parent is the abandoned branch (made on that branch
     * with {@code git merge -s ours main}), which the main line then takes as a fast-forward: no history is rewritten,
     * yet the commits that sealed and signed the handoff of record are no longer on HEAD's first-parent line.
     */
    @Test
    void anotherSignedHandoffPutBackByAMergeWithItsParentsTheOtherWayRoundIsRefused() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        String main = twoSignedHandoffs(ws);
        CliRun before = ws.verify();

        try (Git git = Git.open(ws.root().toFile())) {
            git.checkout().setName("abandoned").call();
            git.merge().include(git.getRepository().resolve(main)).setStrategy(MergeStrategy.OURS).setCommit(true)
                    .setMessage("attacker: main merged, the branch kept").call();
            git.checkout().setName(main).call();
            git.merge().include(git.getRepository().resolve("abandoned"))
                    .setFastForward(MergeCommand.FastForwardMode.FF_ONLY).call();
        }
        CliRun verify = ws.verify();

        assertThat(before.exitCode()).as(before.out() + before.err()).isZero();
        assertThat(ws.read(AttackWorkspace.TASKS)).contains("(the abandoned plan)");
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(1);
        assertThat(verify.out()).contains("MANIFEST_INVALID").contains("replaced");
    }

    /**
     * attack33: the same put-back past {@code EXECUTED}. The abandoned branch's handoff had been moved to {@code
     * EXECUTED} there (its {@code release_readiness} passed: nothing had replaced it yet) and its outcomes imported;
     * the contributor checks that branch's files out onto the main line, whose handoff of record is signed. {@code
     * verify} refused it, but {@code status} showed the cycle {@code EXECUTED} with exit 0, and {@code gate} and {@code
     * advance --to VALIDATED} took it on: the check past {@code PACKAGED} (the sealed state's scope) left the history
     * walk to the scopes that check {@code snapshot_rev}, and the recorded move into {@code EXECUTED} is never judged
     * again by {@code release_readiness}.
     */
    @Test
    void anotherSignedHandoffPutBackPastExecutedStopsItsStatusAndItsNextMove() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        twoSignedHandoffs(ws, abandoned -> {
            abandoned.ok(abandoned.cycleArgs("advance", "--to", "EXECUTED", "--trust", abandoned.trust()));
            Path outcomes = Path.of("..", "planning-examples", "demo", "outcomes", "2025-09-02").toAbsolutePath();
            abandoned.ok(abandoned.cycleArgs("import", outcomes.resolve("TEST-dev.shop.CheckoutTest.xml").toString(),
                    outcomes.resolve("lcov.info").toString(), outcomes.resolve("axe-checkout.json").toString(),
                    dev.planning.cli.CycleScript.afterNow(outcomes.resolve("deployments.yaml"), abandoned.root()).toString()));
            abandoned.commit("executed on the branch");
        });

        try (Git git = Git.open(ws.root().toFile())) {
            git.checkout().setStartPoint("abandoned").addPath("frameworks/planning-fe").call();
        }
        ws.commit("attacker: the abandoned handoff back, past EXECUTED");
        CliRun verify = ws.verify();
        CliRun status = ws.run(ws.cycleArgs("status", "--trust", ws.trust()));
        CliRun gate = ws.run(ws.cycleArgs("gate", "--to", "VALIDATED", "--trust", ws.trust()));
        AttackWorkspace.Snapshot before = ws.snapshot();
        CliRun advance = ws.advance("VALIDATED");

        assertThat(ws.read(AttackWorkspace.TASKS)).contains("(the abandoned plan)");
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(1);
        assertThat(verify.out()).contains("MANIFEST_INVALID").contains("replaced");
        assertThat(status.exitCode()).as(status.out() + status.err()).isEqualTo(1);
        assertThat(status.out()).contains("UNSIGNED HISTORY", "MANIFEST_INVALID", "replaced another handoff");
        assertThat(gate.exitCode()).as(gate.out() + gate.err()).isEqualTo(1);
        assertThat(gate.out() + gate.err()).contains("replaced another handoff");
        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isEqualTo(1);
        assertThat(advance.out() + advance.err()).contains("may not move from EXECUTED to VALIDATED",
                "replaced another handoff");
        assertThat(before.changes(ws.snapshot())).as("a refused move writes nothing").isEmpty();
    }

    /** What a test does on the abandoned branch after its handoff is signed there. */
    @FunctionalInterface
    private interface OnAbandoned {
        void run(AttackWorkspace ws) throws Exception;
    }

    /**
     * The team's two signed handoffs of {@code fe/2025-09-02}: one sealed and signed on a branch {@code abandoned},
     * then another, over another plan, on the main line, where {@code ws} is left.
     *
     * @return the main line's branch name
     */
    private static String twoSignedHandoffs(AttackWorkspace ws) throws Exception {
        return twoSignedHandoffs(ws, abandoned -> { });
    }

    /** As {@link #twoSignedHandoffs(AttackWorkspace)}, running {@code onAbandoned} on the branch once signed there. */
    private static String twoSignedHandoffs(AttackWorkspace ws, OnAbandoned onAbandoned) throws Exception {
        String main;
        try (Git git = Git.open(ws.root().toFile())) {
            main = git.getRepository().getBranch();
            git.checkout().setCreateBranch(true).setName("abandoned").call();
        }
        ws.edit(AttackWorkspace.TASKS, s -> s.replace(LAST_TASK, LAST_TASK + " (the abandoned plan)"));
        ws.sealNow();
        ws.signAll();
        onAbandoned.run(ws);
        try (Git git = Git.open(ws.root().toFile())) {
            git.checkout().setName(main).call();
        }
        ws.edit(AttackWorkspace.TASKS, s -> s.replace(LAST_TASK, LAST_TASK + " (the plan of record)"));
        ws.sealNow();
        ws.signAll();
        return main;
    }
}
