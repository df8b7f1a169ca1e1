package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.GovernanceSummary;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.cli.CliRun;
import dev.planning.engine.Planning;
import dev.planning.engine.fixtures.Gates;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.signing.PemSigner;
import dev.planning.engine.internal.signing.TrustFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * attack36: the manifest's governance summary is what {@code sign} tells each signer the signature approves
 * ("waivers approved by this signature: ..."), and where a reader of the signed manifest finds the decision
 * log. {@code verify} compared only its unwaived critical count with the recomputed verdict. So a contributor
 * without keys rewrote the sealed manifest (canonically, the seal event and the log's chain made to match) to
 * list no waiver, or to name a decision log of their own, while governance passed only through a waiver of
 * the sealed decision log: {@code sign} signed, saying "waivers approved by this signature: none", and
 * {@code verify} passed. The summary's waivers and {@code decision_log_ref} are now compared with the
 * recomputed verdict of the sealing step.
 */
@Tag("slow")
@Tag("attack")
class GovernanceSummaryAttackTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aSummaryThatLeavesOutTheWaiverGovernanceUsedIsNeitherSignedNorVerified() throws Exception {
        AttackWorkspace ws = waivedAndSealed(dir);
        rewriteSummary(ws, summary -> new GovernanceSummary(summary.tags(), summary.criticalViolations(), List.of(),
                summary.decisionLogRef()));

        assertRefusedEverywhere(ws, "governance summary lists 0 waiver(s)", "critical-approvals for FE-12");
    }

    @Test
    void aSummaryNamingAnotherDecisionLogIsNeitherSignedNorVerified() throws Exception {
        AttackWorkspace ws = waivedAndSealed(dir);
        String clean = "frameworks/planning-fe/decisions/reviewed.yaml";
        ws.write(clean, "version: \"1.0.0\"\ncycle_id: \"2025-09-02\"\nstream: fe\nwaivers: []\n");
        rewriteSummary(ws, summary -> new GovernanceSummary(summary.tags(), summary.criticalViolations(),
                summary.waivers(), Optional.of(clean)));

        assertRefusedEverywhere(ws, "decision_log_ref names " + clean, AttackWorkspace.DECISION_LOG);
    }

    /**
     * review36a: the summary was compared only when the governance evidence the manifest records says it judged
     * the move into PACKAGED. Its {@code transition} rewritten to the first sealing step (which runs governance
     * too, and uses the same waiver), the summary listing no waiver was signed and verified.
     */
    @Test
    void aSummaryLeavingOutTheWaiverIsRefusedWhenTheEvidenceClaimsTheFirstSealingStep() throws Exception {
        AttackWorkspace ws = waivedAndSealed(dir);
        String evidence = ws.manifest().gateResults().get("governance").evidence().orElseThrow();
        ObjectNode root = (ObjectNode) JSON.readTree(ws.read(evidence));
        ObjectNode transition = (ObjectNode) root.get("transition");
        assertThat(transition.get("to").asText()).isEqualTo("PACKAGED");
        transition.put("from", "PLANNED");
        transition.put("to", "READY_FOR_HANDOFF");
        byte[] claimed = JSON.writeValueAsBytes(root);
        Files.write(ws.path(evidence), claimed);
        ws.rewriteSealedManifest(artifacts -> artifacts.stream().map(a -> a.path().equals(evidence)
                ? new ArtifactChecksum(a.path(), Sha256.hex(claimed), claimed.length) : a).toList(),
                summary -> new GovernanceSummary(summary.tags(), summary.criticalViolations(), List.of(),
                        summary.decisionLogRef()), "governance summary rewritten");

        assertRefusedEverywhere(ws, "governance summary lists 0 waiver(s)", "critical-approvals for FE-12");
    }

    /**
     * review36a: the waivers were compared as one joined text each ({@code rule for item (approved by approver,
     * expires date: reason)}), so a reason written to look like the joins made a summary with another approver
     * read as the same waiver: signers were told the waiver was approved by "cto-gina, expires 2099-12-31: on
     * leave". Compared field by field now.
     */
    @Test
    void aSummaryWhoseWaiverReadsAlikeJoinedButDiffersInItsFieldsIsRefused() throws Exception {
        AttackWorkspace ws = BackdatedHandoff.waivedPlan(dir, "2099-12-31");
        ws.edit(AttackWorkspace.DECISION_LOG, t -> t.replace("reason: third approver on leave",
                "reason: \"on leave, expires 2099-12-31: until spring\""));
        ws.sealNow();
        rewriteSummary(ws, summary -> new GovernanceSummary(summary.tags(), summary.criticalViolations(),
                summary.waivers().stream().map(w -> new Waiver(w.rule(), w.item(), "until spring",
                        "cto-gina, expires 2099-12-31: on leave", w.expires())).toList(), summary.decisionLogRef()));

        assertRefusedEverywhere(ws, "governance summary lists 1 waiver(s)", "approved by cto-gina, expires 2099-12-31:"
                + " on leave, expires 2099-12-31: until spring");
    }

    /**
     * trust37: the summary's {@code tags} were compared with nothing, so the tags a signer reads in the manifest
     * could leave out the critical, GDPR, restricted work of the sealed plan. They are compared with the tags of the
     * sealed task breakdown's tasks, which seal summarises.
     */
    @Test
    void aSummaryWhoseTagsLeaveOutThoseOfTheSealedPlanIsNeitherSignedNorVerified() throws Exception {
        AttackWorkspace ws = waivedAndSealed(dir);
        List<String> hidden = List.of("compliance:gdpr", "criticality:0", "data_classification:restricted");
        rewriteSummary(ws, summary -> {
            assertThat(summary.tags()).containsAll(hidden);
            return new GovernanceSummary(summary.tags().stream().filter(t -> !hidden.contains(t)).toList(),
                    summary.criticalViolations(), summary.waivers(), summary.decisionLogRef());
        });

        assertRefusedEverywhere(ws, "governance summary lists the tags", "sealed task breakdown carry",
                "compliance:gdpr, compliance:none, criticality:0");
    }

    /**
     * trust37: under the {@code be} profile no governance gate runs at the sealing step, so seal summarises the
     * decision log's waivers in force that day, and every comparison of the summary looked for a governance
     * verdict: the summary was compared with nothing. The summary rewritten to list no waiver was signed and
     * verified. It is compared with the sealed decision log's waivers in force on the day the sealing step judged.
     */
    @Test
    void underTheBackendProfileASummaryLeavingOutTheDecisionLogsWaiverIsNeitherSignedNorVerified()
            throws Exception {
        AttackWorkspace ws = BackdatedHandoff.waivedPlan(dir, "2099-12-31");
        ws.edit("rulebook/rulebook.yaml", r -> r.replace("streams: {fe: fe,", "streams: {fe: be,"));
        ws.sealNow();
        HandoffManifest sealed = new ManifestReader(ws.root()).read(ws.path(AttackWorkspace.MANIFEST),
                AttackWorkspace.MANIFEST).manifest();
        assertThat(sealed.gateResults()).as("the be profile's gates").containsOnlyKeys("schema_lint",
                "cross_stream_consistency");
        rewriteSummary(ws, summary -> new GovernanceSummary(summary.tags(), summary.criticalViolations(), List.of(),
                summary.decisionLogRef()));

        assertRefusedEverywhere(ws, "governance summary lists 0 waiver(s)", "no governance gate runs at"
                + " READY_FOR_HANDOFF->PACKAGED", "critical-approvals for FE-12");
    }

    /**
     * trust37: a governance gate of an embedder's own whose verdict lists no {@code waivers_used}: seal summarises
     * the decision log's waivers in force that day, and verify compared the summary's waivers only with a list the
     * gate gives, so a summary rewritten to list none passed. It is compared with the sealed decision log's waivers
     * in force on the day the sealing step judged, as seal summarised them (an honest handoff verifies).
     */
    @Test
    void withAnEmbeddersGovernanceGateThatListsNoWaiversASummaryLeavingOutTheDecisionLogsWaiverIsRefused()
            throws Exception {
        AttackWorkspace ws = BackdatedHandoff.waivedPlan(dir, "2099-12-31");
        PlanningWorkspace team = Planning.builder().workspace(ws.root()).trustFile(Path.of(ws.trust()))
                .gate(governanceListingNoWaivers()).build();
        assertThat(team.advance(BackdatedHandoff.FE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        assertThat(team.advance(BackdatedHandoff.FE, CycleState.PACKAGED).accepted()).isTrue();
        ws.commit("sealed");
        TrustedKeys trust = TrustFile.readOutside(Path.of(ws.trust()), ws.root());
        // Unsigned yet: the signatures are missing (THRESHOLD_NOT_MET), nothing else.
        assertThat(team.verify(BackdatedHandoff.FE, trust).discrepancies()).as("the honest handoff")
                .filteredOn(d -> d.kind() != DiscrepancyKind.THRESHOLD_NOT_MET).isEmpty();
        rewriteSummary(ws, summary -> new GovernanceSummary(summary.tags(), summary.criticalViolations(), List.of(),
                summary.decisionLogRef()));

        VerificationReport report = team.verify(BackdatedHandoff.FE, trust);

        assertThat(report.discrepancies()).filteredOn(d -> d.kind() != DiscrepancyKind.THRESHOLD_NOT_MET)
                .extracting(Discrepancy::describe).singleElement()
                .satisfies(d -> assertThat(d).contains("VERDICT_CHANGED", "governance summary lists 0 waiver(s)",
                        "governance verdict of READY_FOR_HANDOFF->PACKAGED lists no waivers_used",
                        "critical-approvals for FE-12"));
        assertThatThrownBy(() -> team.sign(BackdatedHandoff.FE, PemSigner.load("PM", ws.keys().resolve("PM.key.pem"))))
                .hasMessageContaining("governance summary lists 0 waiver(s)");
    }

    /** A governance gate of an embedder's own: passes, counts no critical violation, lists no waivers_used. */
    private static Gate governanceListingNoWaivers() {
        return Gates.answering(new GateResult("governance", GateStatus.PASS, List.of(), Map.of("critical_violations", 0)));
    }

    /** FE-12 short of an approval, waived until 2099 in the cycle's decision log; sealed by the team, committed. */
    private static AttackWorkspace waivedAndSealed(Path dir) throws Exception {
        AttackWorkspace ws = BackdatedHandoff.waivedPlan(dir, "2099-12-31");
        ws.sealNow();
        return ws;
    }

    /**
     * The sealed, unsigned manifest with its governance summary rewritten, the {@code MANIFEST_SEALED} event
     * made to name it and the log's chain rebuilt: files a contributor can write. Commits.
     */
    private static void rewriteSummary(AttackWorkspace ws, UnaryOperator<GovernanceSummary> edit) {
        assertThat(ws.manifest().governance().waivers()).hasSize(1);
        ws.rewriteSealedManifest(artifacts -> artifacts, edit, "governance summary rewritten");
    }

    private static void assertRefusedEverywhere(AttackWorkspace ws, String... said) {
        AttackWorkspace.Refused refused = ws.refusedEverywhere();

        for (CliRun sign : refused.signs()) {
            assertThat(sign.out() + sign.err()).contains("VERDICT_CHANGED").contains(said)
                    .doesNotContain("waivers approved by this signature");
        }
        assertThat(refused.verify().out()).contains("VERDICT_CHANGED").contains(said);
        // verify --checksums-only has no recomputed verdict to compare the summary with: it fails (exit 1, as
        // refusedEverywhere holds it) for the missing signatures.
    }
}
