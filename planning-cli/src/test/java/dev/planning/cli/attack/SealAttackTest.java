package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import dev.planning.engine.internal.hash.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routes 1, 2, 4 and 7 of the issue, and variants: the verdict, the seal and its event, the prior
 * chain and the sealed inputs, each played by a contributor who commits files but holds no key.
 */
@Tag("slow")
@Tag("attack")
class SealAttackTest {

    /** A criticality-0 task with no controls and no approvals: governance fails on it. */
    private static final String UNCONTROLLED_TASK = """

              - id: FE-99
                kind: task
                parent: FE-10
                title: Skip fraud screening for returning customers
                owner: mallory
                tags: {criticality: 0, compliance: gdpr, data_classification: restricted}
                priority: P0
                effort: 3
                status: planned
                acceptance_criteria:
                  - Returning customers skip the fraud check
            """;

    @TempDir
    Path dir;

    @Test
    void untouchedSignedHandoffVerifiesAndSaysTheVerdictsWereRecomputed() throws Exception {
        AttackWorkspace ws = AttackWorkspace.signed(dir);

        CliRun verify = ws.verify();

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("verdicts recomputed from the sealed inputs", "governance PASS");
    }

    @Test
    void checksumsOnlySaysTheVerdictsWereNotRecomputed() throws Exception {
        AttackWorkspace ws = AttackWorkspace.signed(dir);

        CliRun verify = ws.verify("--checksums-only");

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("verdicts not recomputed (--checksums-only)");
    }

    /** Route 1: the manifest rewritten between seal and sign, still canonical, then signed by the team. */
    @Test
    void manifestRewrittenBetweenSealAndSignFailsVerifyAndAdvance() throws Exception {
        AttackWorkspace ws = AttackWorkspace.sealed(dir);
        String sealedSha = Sha256.file(ws.path(AttackWorkspace.TASKS)).sha256();
        long sealedBytes = Files.size(ws.path(AttackWorkspace.TASKS));
        ws.write(AttackWorkspace.TASKS, ws.read(AttackWorkspace.TASKS) + UNCONTROLLED_TASK);
        String newSha = Sha256.file(ws.path(AttackWorkspace.TASKS)).sha256();
        long newBytes = Files.size(ws.path(AttackWorkspace.TASKS));
        // snapshot_rev pointed at a commit that holds the new plan: a sealed input must be the blob there (seal26).
        String planned = ws.commit("tidy the plan");
        ws.edit(AttackWorkspace.MANIFEST, m -> m.replace(sealedSha, newSha)
                .replace("bytes: " + sealedBytes + "\n", "bytes: " + newBytes + "\n")
                .replaceFirst("(?m)^snapshot_rev: \"[0-9a-f]{40}\"$", "snapshot_rev: \"" + planned + "\""));
        ws.commit("tidy the seal");
        AttackWorkspace.Snapshot before = ws.snapshot();
        String manifest = ws.read(AttackWorkspace.MANIFEST);

        CliRun sign = ws.sign("PM");
        String afterSign = ws.read(AttackWorkspace.MANIFEST);
        CliRun verify = ws.verify();
        CliRun advance = ws.advance("EXECUTED");

        // The team is not led into signing: sign verifies first and refuses, writing nothing.
        assertThat(sign.exitCode()).as(sign.out() + sign.err()).isNotZero();
        assertThat(sign.out() + sign.err()).contains("SEAL_EVENT_MISMATCH", "VERDICT_CHANGED");
        assertThat(afterSign).isEqualTo(manifest);
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(1);
        assertThat(verify.out()).contains("VERDICT_CHANGED", "governance: sealed PASS, now FAIL",
                "SEAL_EVENT_MISMATCH", "EVIDENCE_MISMATCH");
        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isNotZero();
        assertThat(advance.out() + advance.err()).contains("seal.verdict_changed");
        assertThat(before.changes(ws.snapshot())).allMatch(p -> p.contains("/events/") || p.contains("/evidence/"));
        assertThat(ws.read(AttackWorkspace.LOG)).doesNotContain("\"to\":\"EXECUTED\"");
    }

    /**
     * Found in review: between seal and sign, the plan changed, the governance verdict and its
     * evidence dropped from the manifest, the other evidence and the seal event rewritten to match
     * and the log re-chained. Which gates judge a handoff is the sealed rulebook's profile, so the
     * missing verdict is run again and found.
     */
    @Test
    void governanceVerdictDroppedFromTheManifestBetweenSealAndSignIsRunAgain() throws Exception {
        AttackWorkspace ws = AttackWorkspace.sealed(dir);
        byte[] oldPlan = Files.readAllBytes(ws.path(AttackWorkspace.TASKS));
        String plan = new String(oldPlan, StandardCharsets.UTF_8);
        String approvals = "      approvals: [pm-dana, techlead-erik, qa-fay]\n";
        assertThat(plan).contains(approvals);
        ws.write(AttackWorkspace.TASKS, plan.replaceFirst(Pattern.quote(approvals), ""));
        // snapshot_rev pointed at a commit that holds the new plan: a sealed input must be the blob there (seal26).
        String planned = ws.commit("the plan");
        byte[] newPlan = Files.readAllBytes(ws.path(AttackWorkspace.TASKS));
        String oldSha = Sha256.hex(oldPlan);
        String newSha = Sha256.hex(newPlan);
        String manifest = ws.read(AttackWorkspace.MANIFEST).replace(oldSha, newSha)
                .replaceFirst("bytes: " + oldPlan.length + "\n", "bytes: " + newPlan.length + "\n")
                .replaceFirst("(?m)^snapshot_rev: \"[0-9a-f]{40}\"$", "snapshot_rev: \"" + planned + "\"");
        try (var evidence = Files.list(ws.path("frameworks/planning-fe/evidence/2025-09-02"))) {
            for (Path file : evidence.toList()) {
                String relative = ws.root().relativize(file).toString().replace('\\', '/');
                byte[] bytes = Files.readAllBytes(file);
                String blockStart = "  - path: \"" + relative + "\"\n    sha256: \"" + Sha256.hex(bytes) + "\"\n    bytes: "
                        + bytes.length + "\n";
                if (relative.endsWith("-governance.json")) {
                    manifest = manifest.replace(blockStart, "");
                    continue;
                }
                String rewritten = new String(bytes, StandardCharsets.UTF_8).replace(oldSha, newSha);
                ws.write(relative, rewritten);
                byte[] now = rewritten.getBytes(StandardCharsets.UTF_8);
                manifest = manifest.replace(blockStart, "  - path: \"" + relative + "\"\n    sha256: \""
                        + Sha256.hex(now) + "\"\n    bytes: " + now.length + "\n");
            }
        }
        manifest = manifest.replaceAll("  governance:\n    status: \"PASS\"\n    evidence: \"[^\"]+\"\n    at: \"[^\"]+\"\n", "");
        assertThat(manifest).doesNotContain("-governance.json");
        ws.writeSealedManifest(manifest);
        ws.commit("tidy");
        String sealed = ws.read(AttackWorkspace.MANIFEST);

        CliRun sign = ws.sign("PM");
        CliRun verify = ws.verify();

        assertThat(sign.exitCode()).as(sign.out() + sign.err()).isNotZero();
        assertThat(sign.out() + sign.err()).contains("governance: the sealed rulebook's profile runs it",
                "records no result");
        assertThat(ws.read(AttackWorkspace.MANIFEST)).isEqualTo(sealed);
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(1);
        assertThat(verify.out()).contains("records no result for it");
    }

    /**
     * Found in review: the signing policy lives in the repository, so a contributor can empty it
     * (and rewrite the rulebook hash everywhere). No handoff verifies or moves past PACKAGED without
     * at least one trusted signature, whatever the policy says.
     */
    @Test
    void anEmptiedSigningPolicyStillNeedsOneTrustedSignature() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        ws.edit("rulebook/rulebook.yaml", r -> r.replaceAll("signing:\n  required:\n(    - .*\n)+",
                "signing:\n  required: []\n"));
        assertThat(ws.read("rulebook/rulebook.yaml")).contains("required: []");
        ws.sealNow();

        CliRun verify = ws.verify();
        CliRun advance = ws.advance("EXECUTED");

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(1);
        assertThat(verify.out()).contains("THRESHOLD_NOT_MET", "a handoff needs at least");
        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isNotZero();
        assertThat(ws.read(AttackWorkspace.LOG)).doesNotContain("\"STATE_TRANSITION\",\"payload\":{\"from_state\":\"PACKAGED\"");
    }

    /** Route 2: the log's MANIFEST_SEALED line cut, the manifest removed, the plan changed: seal runs the gates. */
    @Test
    void resumedSealRunsTheGatesAgainAndWritesNoManifestOverAFailingPlan() throws Exception {
        AttackWorkspace ws = AttackWorkspace.sealed(dir);
        List<String> lines = Files.readAllLines(ws.path(AttackWorkspace.LOG), StandardCharsets.UTF_8);
        assertThat(lines.get(lines.size() - 1)).contains("MANIFEST_SEALED");
        ws.write(AttackWorkspace.LOG, String.join("\n", lines.subList(0, lines.size() - 1)) + "\n");
        ws.delete(AttackWorkspace.MANIFEST);
        ws.write(AttackWorkspace.TASKS, ws.read(AttackWorkspace.TASKS) + UNCONTROLLED_TASK);
        ws.commit("resume");
        AttackWorkspace.Snapshot before = ws.snapshot();

        CliRun seal = ws.run(ws.cycleArgs("seal"));

        assertThat(seal.exitCode()).as(seal.out() + seal.err()).isEqualTo(1);
        assertThat(seal.out() + seal.err()).contains("gates of the handoff ran again", "governance FAIL",
                "No manifest was written");
        assertThat(Files.exists(ws.path(AttackWorkspace.MANIFEST))).isFalse();
        assertThat(before.changes(ws.snapshot())).allMatch(p -> p.contains("/evidence/"));
    }

    /** Route 2, the honest crash: resuming over the unchanged plan seals, with fresh gate results. */
    @Test
    void resumedSealOverTheUnchangedPlanSealsWithFreshResults() throws Exception {
        AttackWorkspace ws = AttackWorkspace.sealed(dir);
        String first = ws.read(AttackWorkspace.MANIFEST);
        List<String> lines = Files.readAllLines(ws.path(AttackWorkspace.LOG), StandardCharsets.UTF_8);
        ws.write(AttackWorkspace.LOG, String.join("\n", lines.subList(0, lines.size() - 1)) + "\n");
        ws.delete(AttackWorkspace.MANIFEST);
        ws.commit("crash");

        ws.ok(ws.cycleArgs("seal"));
        ws.commit("resumed");
        ws.signAll();

        String evidenceLine = "evidence: " + first.lines().filter(l -> l.contains("PACKAGED-governance"))
                .findFirst().orElseThrow().replaceAll(".*evidence: ", "");
        assertThat(ws.read(AttackWorkspace.MANIFEST)).doesNotContain(evidenceLine);
        CliRun verify = ws.verify();
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    }

    /**
     * Route 4: a hand-written prior manifest with no signatures and no snapshot is refused at the seal (keys25:
     * it was sealed over, and refused in the chain only by sign and verify).
     */
    @Test
    void inventedPriorManifestIsRefusedInTheChain() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        ws.write("frameworks/planning-fe/manifests/2025-08-19-handoff_manifest.yaml", forgedPrior(ws));
        ws.commit("history");
        ws.commit("plan");
        ws.ok(ws.cycleArgs("advance", "--to", "READY_FOR_HANDOFF"));

        CliRun seal = ws.run(ws.cycleArgs("seal", "--prior", "fe-2025-08-19-forged01"));

        assertThat(seal.exitCode()).as(seal.out() + seal.err()).isEqualTo(2);
        assertThat(seal.err()).contains("prior manifest 'fe-2025-08-19-forged01'", "was sealed with --allow-dirty",
                "nothing was sealed");
    }

    /** Route 4: a hand-written prior that claims a clean revision no commit has is sealed over, and refused in the chain. */
    @Test
    void inventedPriorManifestClaimingACleanRevisionIsRefusedInTheChain() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        ws.write("frameworks/planning-fe/manifests/2025-08-19-handoff_manifest.yaml", forgedPrior(ws)
                .replace("snapshot_rev: \"none\"", "snapshot_rev: \"" + "ab".repeat(20) + "\"")
                .replace("dirty: true", "dirty: false"));
        ws.commit("history");
        ws.sealNow("--prior", "fe-2025-08-19-forged01");

        CliRun sign = ws.sign("PM");
        CliRun verify = ws.verify();

        assertThat(sign.exitCode()).as(sign.out() + sign.err()).isNotZero();
        assertThat(sign.out() + sign.err()).contains("PRIOR_MANIFEST");
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(1);
        assertThat(verify.out()).contains("PRIOR_MANIFEST", "prior manifest fe-2025-08-19-forged01");
    }

    /** Route 4: a forged file claiming the id of the real manifest cannot shadow it. */
    @Test
    void forgedManifestClaimingARealIdIsRefused() throws Exception {
        AttackWorkspace ws = AttackWorkspace.signed(dir);
        String real = ws.read(AttackWorkspace.MANIFEST);
        ws.write("frameworks/planning-fe/manifests/2025-08-19-handoff_manifest.yaml",
                real.replace("cycle_id: \"2025-09-02\"", "cycle_id: \"2025-08-19\""));
        ws.commit("shadow");

        CliRun verify = ws.verify();

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(1);
        assertThat(verify.out()).contains("MANIFEST_ID_DUPLICATE", "is claimed by 2 files");
    }

    /** Route 7: the contracts file is a sealed input; agreed changed to stub after sealing is caught. */
    @Test
    void contractsChangedAfterSealingAreCaught() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir);
        ws.write(AttackWorkspace.CONTRACTS, """
                version: "1.0.0"
                cycle_id: "2025-09-02"
                stream: fe
                contracts:
                  - provider: psp
                    id: PSP-7
                    status: agreed
                    owner: payments-provider
                    due: 2025-09-08
                    description: Charge a stored card token
                """);
        ws.sealNow();
        ws.signAll();
        assertThat(ws.read(AttackWorkspace.MANIFEST)).contains(AttackWorkspace.CONTRACTS);
        ws.edit(AttackWorkspace.CONTRACTS, c -> c.replace("status: agreed", "status: stub"));
        ws.commit("contract slipped");

        CliRun verify = ws.verify();

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(1);
        assertThat(verify.out()).contains("ARTIFACT_CHANGED", AttackWorkspace.CONTRACTS);
    }

    /** Variant: the manifest rewritten after signing, signatures kept. */
    @Test
    void manifestRewrittenAfterSigningFailsVerify() throws Exception {
        AttackWorkspace ws = AttackWorkspace.signed(dir);
        ws.edit(AttackWorkspace.MANIFEST, m -> m.replaceFirst("critical_violations: \\d+", "critical_violations: 0")
                .replace("status: FAIL", "status: PASS").replace("created_by: ", "created_by: x"));
        ws.commit("touch up");

        CliRun verify = ws.verify();

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("SIGNATURE_INVALID", "SEAL_EVENT_MISMATCH");
    }

    /** Variant: the history before the seal rewritten, with every prev_sha256 recomputed, after signing. */
    @Test
    void historyBeforeTheSealRewrittenWithARecomputedChainFailsVerify() throws Exception {
        AttackWorkspace ws = AttackWorkspace.signed(dir);
        List<String> lines = new ArrayList<>(Files.readAllLines(ws.path(AttackWorkspace.LOG),
                StandardCharsets.UTF_8));
        assertThat(lines.get(1)).contains("\"to_state\":\"READY_FOR_HANDOFF\"", "\"triggered_by\":\"");
        lines.set(1, lines.get(1).replace("\"triggered_by\":\"", "\"triggered_by\":\"mallory-"));
        for (int i = 1; i < lines.size(); i++) {
            String prev = Sha256.hex(lines.get(i - 1).getBytes(StandardCharsets.UTF_8));
            lines.set(i, lines.get(i).replaceFirst("\"prev_sha256\":\"[0-9a-f]{64}\"", "\"prev_sha256\":\"" + prev + "\""));
        }
        ws.write(AttackWorkspace.LOG, String.join("\n", lines) + "\n");
        ws.commit("history");
        assertThat(ws.run(ws.cycleArgs("status")).exitCode()).as("the rebuilt chain is valid").isZero();

        CliRun verify = ws.verify();

        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(1);
        assertThat(verify.out()).contains("SEAL_EVENT_MISMATCH", "event_log_head");
    }

    /** Variant: a sealed evidence file edited to say PASS. */
    @Test
    void evidenceFileEditedAfterSealingFailsVerify() throws Exception {
        AttackWorkspace ws = AttackWorkspace.signed(dir);
        String evidence = ws.read(AttackWorkspace.MANIFEST).lines().filter(l -> l.contains("evidence: "))
                .findFirst().orElseThrow().replaceAll(".*evidence: ", "").replace("\"", "").trim();
        ws.edit(evidence, e -> e.replaceFirst("\"error\" : \\d+", "\"error\" : 0") + " ");
        ws.commit("evidence");

        CliRun verify = ws.verify();

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("ARTIFACT_CHANGED", evidence);
    }

    /** Variant: the rulebook relaxed after sealing: the verdict is not recomputed under it, and verify fails. */
    @Test
    void rulebookEditedAfterSealingFailsVerifyAndIsNotUsedToRecompute() throws Exception {
        AttackWorkspace ws = AttackWorkspace.signed(dir);
        ws.edit("rulebook/rulebook.yaml", r -> r.replace("critical_approvals: 3", "critical_approvals: 0"));
        ws.commit("relax");

        CliRun verify = ws.verify();

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("RULEBOOK_CHANGED", "verdicts not recomputed: the rulebook in hand is not");
    }

    /** Variant: a waiver added to the decision log after sealing. */
    @Test
    void decisionLogWaiverAddedAfterSealingFailsVerify() throws Exception {
        AttackWorkspace ws = AttackWorkspace.signed(dir);
        ws.write(AttackWorkspace.DECISION_LOG, """
                version: "1.0.0"
                cycle_id: "2025-09-02"
                stream: fe
                waivers:
                  - rule: critical-zero
                    item: FE-12
                    reason: later
                    approver: mallory
                    expires: 2099-01-01
                """);
        ws.commit("waiver");

        CliRun verify = ws.verify();

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains(AttackWorkspace.DECISION_LOG);
    }

    /** A prior manifest as a contributor would write it: copied from nothing, no signatures, no revision. */
    private static String forgedPrior(AttackWorkspace ws) {
        return """
                version: "1.1"
                manifest_id: "fe-2025-08-19-forged01"
                cycle_id: "2025-08-19"
                stream: "fe"
                sealed: true
                created_at: "2025-08-20T10:00:00Z"
                created_by: "mallory"
                sealed_at: "2025-08-20T10:00:00Z"
                snapshot_rev: "none"
                dirty: true
                rulebook_hash: "%s"
                artifacts:
                - path: "frameworks/planning-fe/tasks/2025-08-19-fe_task_breakdown.yaml"
                  sha256: "%s"
                  bytes: 10
                gate_results: {}
                governance:
                  tags: []
                  critical_violations: 0
                  waivers: []
                signatures: []
                """.formatted("0".repeat(64), "1".repeat(64));
    }
}
