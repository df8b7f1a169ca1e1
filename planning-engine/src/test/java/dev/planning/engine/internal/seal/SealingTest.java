package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.CYCLE;
import static dev.planning.engine.internal.seal.SealFixture.MANIFEST;
import static dev.planning.engine.internal.seal.SealFixture.PM;
import static dev.planning.engine.internal.seal.SealFixture.QA;
import static dev.planning.engine.internal.seal.SealFixture.TASKS;
import static dev.planning.engine.internal.seal.SealFixture.TECH_LEAD;
import static dev.planning.engine.internal.seal.SealFixture.TRUST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SealResult;
import dev.planning.api.seal.SealingException;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.TrustedKey;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.Planning;
import dev.planning.engine.internal.artifact.ManifestWriter;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.signing.Crypto;
import dev.planning.engine.internal.signing.ManifestSignatures;
import dev.planning.engine.internal.signing.PemKeys;
import dev.planning.engine.internal.signing.PemSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealingTest {

    @TempDir
    Path dir;

    private PlanningWorkspace ready(Path workspace) {
        PlanningWorkspace ws = SealFixture.open(workspace);
        assertThat(ws.advance(CYCLE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        return ws;
    }

    private HandoffManifest sealedAndSigned(PlanningWorkspace ws) {
        assertThat(ws.seal(CYCLE, SealOptions.defaults()).sealed()).isTrue();
        ws.sign(CYCLE, PM);
        ws.sign(CYCLE, TECH_LEAD);
        return ws.sign(CYCLE, QA);
    }

    @Test
    void sealWritesEveryArtifactsChecksumTheHeadRevisionTheRulebookHashGatesAndGovernance() throws Exception {
        Path workspace = SealFixture.copyExample(dir);
        String head = SealFixture.commitAll(workspace, "plan");
        PlanningWorkspace ws = ready(workspace);

        SealResult result = ws.seal(CYCLE, SealOptions.defaults().withNotes("first handoff"));

        assertThat(result.sealed()).isTrue();
        assertThat(result.transition().orElseThrow().stateAfter()).isEqualTo(CycleState.PACKAGED);
        assertThat(result.manifestPath()).contains(MANIFEST);
        HandoffManifest manifest = ws.manifest(CYCLE).orElseThrow();
        assertThat(manifest).isEqualTo(result.manifest().orElseThrow());
        assertThat(manifest.snapshotRev()).isEqualTo(head);
        assertThat(manifest.dirty()).isFalse();
        assertThat(manifest.rulebookHash()).isEqualTo(ws.rulebook().hash());
        assertThat(manifest.artifacts()).extracting(a -> a.path())
                .startsWith(TASKS, "frameworks/planning-fe/storymaps/2025-09-02-story_map.md");
        // The gates' evidence files are sealed with the plan.
        assertThat(manifest.artifacts().subList(2, manifest.artifacts().size())).extracting(a -> a.path())
                .isNotEmpty()
                .allSatisfy(path -> assertThat(path).startsWith("frameworks/planning-fe/evidence/2025-09-02/"));
        Sha256.FileDigest tasks = Sha256.file(workspace.resolve(TASKS));
        assertThat(manifest.artifacts().get(0).sha256()).isEqualTo(tasks.sha256());
        assertThat(manifest.artifacts().get(0).bytes()).isEqualTo(tasks.bytes());
        assertThat(manifest.gateResults())
                .containsOnlyKeys("schema_lint", "cross_stream_consistency", "parity_coverage", "governance");
        assertThat(manifest.gateResults().get("governance").status()).isEqualTo(GateStatus.PASS);
        assertThat(manifest.governance().waivers()).extracting(w -> w.item()).containsExactly("FE-12");
        assertThat(manifest.governance().tags()).contains("criticality:0", "compliance:gdpr");
        assertThat(manifest.notes()).contains("first handoff");
        assertThat(manifest.createdBy()).isEqualTo("tester");
        RecordedEvent sealed = last(ws);
        assertThat(sealed.event().type()).isEqualTo(EventType.MANIFEST_SEALED);
        assertThat(sealed.event().details()).containsEntry("manifest_id", manifest.manifestId())
                .containsEntry("manifest_sha256", Sha256.file(workspace.resolve(MANIFEST)).sha256());
    }

    @Test
    void advancingToPackagedSeals() {
        PlanningWorkspace ws = SealFixture.open(SealFixture.readyExample(dir));

        TransitionResult result = ws.advance(CYCLE, CycleState.PACKAGED);

        assertThat(result.accepted()).isTrue();
        assertThat(ws.manifest(CYCLE)).isPresent();
    }

    @Test
    void refusedGatesLeaveNoManifest() {
        Path workspace = SealFixture.readyExample(dir);
        PlanningWorkspace failing = SealFixture.open(workspace, SealFixture.governance(GateStatus.FAIL));

        SealResult result = failing.seal(CYCLE, SealOptions.defaults());

        assertThat(result.sealed()).isFalse();
        assertThat(result.transition().orElseThrow().accepted()).isFalse();
        assertThat(workspace.resolve(MANIFEST)).doesNotExist();
        assertThat(failing.status(CYCLE).state()).isEqualTo(CycleState.READY_FOR_HANDOFF);
    }

    @Test
    void uncommittedArtifactIsRefusedUnlessDirtySealingIsAllowed() {
        Path workspace = SealFixture.readyExample(dir);
        PlanningWorkspace ws = SealFixture.open(workspace);
        SealFixture.write(workspace, TASKS, SealFixture.read(workspace, TASKS) + "# late edit\n");

        assertThatThrownBy(() -> ws.seal(CYCLE, SealOptions.defaults()))
                .isInstanceOf(SealingException.class)
                .hasMessageContaining(TASKS).hasMessageContaining("--allow-dirty")
                .satisfies(e -> assertThat(((SealingException) e).reason())
                        .isEqualTo(SealingException.Reason.UNCOMMITTED_CHANGES));
        assertThat(ws.status(CYCLE).state()).isEqualTo(CycleState.READY_FOR_HANDOFF);

        HandoffManifest manifest = ws.seal(CYCLE, SealOptions.defaults().withAllowDirty(true)).manifest().orElseThrow();
        assertThat(manifest.dirty()).isTrue();
    }

    @Test
    void untrackedArtifactCountsAsUncommitted() throws Exception {
        Path workspace = SealFixture.readyExample(dir);
        PlanningWorkspace ws = SealFixture.open(workspace);
        Files.createDirectories(workspace.resolve("frameworks/planning-fe/decisions"));
        Files.writeString(workspace.resolve("frameworks/planning-fe/decisions/2025-09-02-decision_log.yaml"),
                "waivers: []\n");

        assertThatThrownBy(() -> ws.seal(CYCLE, SealOptions.defaults()))
                .isInstanceOf(SealingException.class).hasMessageContaining("decision_log.yaml");
    }

    @Test
    void aWorkspaceOutsideGitSealsOnlyWhenAllowedAndRecordsNoRevision() {
        PlanningWorkspace ws = ready(SealFixture.copyExample(dir));

        assertThatThrownBy(() -> ws.seal(CYCLE, SealOptions.defaults()))
                .isInstanceOf(SealingException.class).hasMessageContaining("not in a git repository");

        HandoffManifest manifest = ws.seal(CYCLE, SealOptions.defaults().withAllowDirty(true)).manifest().orElseThrow();
        assertThat(manifest.snapshotRev()).isEqualTo("none");
        assertThat(manifest.dirty()).isTrue();
    }

    @Test
    void sealingAgainIsRefusedAndSaysToOpenANewCycle() throws Exception {
        Path workspace = SealFixture.readyExample(dir);
        PlanningWorkspace ws = SealFixture.open(workspace);
        ws.seal(CYCLE, SealOptions.defaults());
        byte[] before = Files.readAllBytes(workspace.resolve(MANIFEST));

        assertThatThrownBy(() -> ws.seal(CYCLE, SealOptions.defaults()))
                .isInstanceOf(SealingException.class)
                .hasMessageContaining("already sealed").hasMessageContaining("new cycle")
                .satisfies(e -> assertThat(((SealingException) e).reason())
                        .isEqualTo(SealingException.Reason.ALREADY_SEALED));
        assertThat(Files.readAllBytes(workspace.resolve(MANIFEST))).isEqualTo(before);
    }

    @Test
    void signingAddsOneSignatureAndChangesNothingElse() throws Exception {
        Path workspace = SealFixture.readyExample(dir);
        PlanningWorkspace ws = SealFixture.open(workspace);
        ws.seal(CYCLE, SealOptions.defaults());
        String before = SealFixture.read(workspace, MANIFEST);

        HandoffManifest signed = ws.sign(CYCLE, QA);

        String after = SealFixture.read(workspace, MANIFEST);
        String unsigned = before.substring(0, before.indexOf("signatures: []"));
        assertThat(after).startsWith(unsigned + "signatures:\n  - role: \"QA\"");
        assertThat(signed.signatures()).hasSize(1);
        assertThat(signed.signatures().get(0).keyId()).isEqualTo(QA.keyId());
        assertThat(last(ws).event().type()).isEqualTo(EventType.SIGNATURE_ADDED);
        assertThat(last(ws).event().details()).containsEntry("role", "QA");

        HandoffManifest twice = ws.sign(CYCLE, PM);
        assertThat(twice.signatures()).extracting(s -> s.role()).containsExactly("QA", "PM");
        assertThat(SealFixture.read(workspace, MANIFEST)).startsWith(after);
    }

    @Test
    void aHandEditedManifestIsNotSigned() {
        Path workspace = SealFixture.readyExample(dir);
        PlanningWorkspace ws = SealFixture.open(workspace);
        ws.seal(CYCLE, SealOptions.defaults());
        SealFixture.write(workspace, MANIFEST, SealFixture.read(workspace, MANIFEST).replace("\"fe\"", "'fe'"));

        assertThatThrownBy(() -> ws.sign(CYCLE, QA)).isInstanceOf(SealingException.class)
                .hasMessageContaining("edited outside planning");
    }

    @Test
    void signedByEveryRequiredRoleItVerifiesAndAdvancesToExecuted() {
        PlanningWorkspace ws = SealFixture.open(SealFixture.readyExample(dir));
        sealedAndSigned(ws);

        VerificationReport report = ws.verify(CYCLE, TRUST);

        assertThat(report.discrepancies()).isEmpty();
        assertThat(report.countedSignatures()).extracting(s -> s.role()).containsExactly("PM", "TechLead", "QA");
        assertThat(report.artifactsChecked()).isEqualTo(ws.manifest(CYCLE).orElseThrow().artifacts().size());
        TransitionResult executed = ws.advance(CYCLE, CycleState.EXECUTED);
        assertThat(executed.accepted()).isTrue();
        assertThat(executed.gate("release_readiness").orElseThrow().status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void aSealedVerdictThatTheGatesNoLongerReachIsReportedAndChecksumsOnlySkipsTheRerun() {
        Path workspace = SealFixture.readyExample(dir);
        sealedAndSigned(SealFixture.open(workspace));
        // The same files and rulebook, judged again by a governance gate that now fails.
        PlanningWorkspace judgedAgain = SealFixture.open(workspace, SealFixture.governance(GateStatus.FAIL));

        VerificationReport full = judgedAgain.verify(CYCLE, TRUST);
        VerificationReport checksums = judgedAgain.verifyChecksumsOnly(CYCLE, TRUST);

        assertThat(full.discrepancies(DiscrepancyKind.VERDICT_CHANGED)).singleElement()
                .satisfies(d -> assertThat(d.message()).startsWith("governance: sealed PASS, now FAIL"));
        assertThat(checksums.discrepancies()).isEmpty();
        assertThat(checksums.notes()).anyMatch(n -> n.contains("not recomputed"));
    }

    @Test
    void aGovernanceSummaryTheRecomputedVerdictDoesNotReachIsReported() {
        Path workspace = SealFixture.readyExample(dir);
        sealedAndSigned(SealFixture.open(workspace));
        dev.planning.api.gate.Gate countsTwo = new dev.planning.api.gate.Gate() {
            @Override
            public String name() {
                return "governance";
            }

            @Override
            public dev.planning.api.gate.GateResult evaluate(dev.planning.api.gate.GateContext context) {
                // The sealing gate's evidence (its waivers too), with two unwaived critical violations.
                Map<String, Object> evidence = new HashMap<>(SealFixture.governance(GateStatus.PASS)
                        .evaluate(context).evidence());
                evidence.put("critical_violations", 2);
                return new dev.planning.api.gate.GateResult("governance", GateStatus.PASS, List.of(), evidence);
            }
        };

        VerificationReport report = SealFixture.open(workspace, countsTwo).verify(CYCLE, TRUST);

        assertThat(report.discrepancies(DiscrepancyKind.VERDICT_CHANGED)).singleElement()
                .satisfies(d -> assertThat(d.actual()).contains("critical_violations 2"));
    }

    @Test
    void theManifestRecordsTheLogHeadAndItsSealEventRecordsTheManifest() {
        Path workspace = SealFixture.readyExample(dir);
        PlanningWorkspace ws = SealFixture.open(workspace);
        HandoffManifest manifest = ws.seal(CYCLE, SealOptions.defaults()).manifest().orElseThrow();

        var history = ws.status(CYCLE).history();
        var sealed = history.get(history.size() - 1);
        assertThat(sealed.event().type()).isEqualTo(dev.planning.api.event.EventType.MANIFEST_SEALED);
        assertThat(manifest.eventLogHead()).contains(history.get(history.size() - 2).hash());
        assertThat(sealed.event().details()).containsEntry("manifest_sha256",
                dev.planning.engine.internal.hash.Sha256.hex(dev.planning.engine.internal.artifact.ManifestWriter.render(manifest)));
        assertThat(ws.verify(CYCLE, TRUST).discrepancies(DiscrepancyKind.SEAL_EVENT_MISMATCH)).isEmpty();
    }

    @Test
    void aChangedArtifactIsNamedWithBothHashesAndStopsTheCycle() {
        Path workspace = SealFixture.readyExample(dir);
        PlanningWorkspace ws = SealFixture.open(workspace);
        HandoffManifest manifest = sealedAndSigned(ws);
        String sealedHash = manifest.artifacts().get(0).sha256();
        SealFixture.write(workspace, TASKS, SealFixture.read(workspace, TASKS).replaceFirst("Checkout", "Checkouts"));
        String actualHash = Sha256.file(workspace.resolve(TASKS)).sha256();

        VerificationReport report = ws.verify(CYCLE, TRUST);

        assertThat(report.discrepancies()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DiscrepancyKind.ARTIFACT_CHANGED);
            assertThat(d.file()).isEqualTo(TASKS);
            assertThat(d.expected()).hasValueSatisfying(e -> assertThat(e).contains(sealedHash));
            assertThat(d.actual()).hasValueSatisfying(a -> assertThat(a).contains(actualHash));
        });
        TransitionResult refused = ws.advance(CYCLE, CycleState.EXECUTED);
        assertThat(refused.accepted()).isFalse();
        dev.planning.api.gate.Finding finding = refused.failedGates().get(0).findings().get(0);
        assertThat(finding.message()).contains(TASKS, sealedHash, actualHash, "open a new cycle");
        // Located at the artifact, the finding does not repeat the path or the kind before its sentence.
        assertThat(finding.describe()).startsWith(TASKS + ": error: sealed artifact " + TASKS + " changed")
                .doesNotContain("ARTIFACT_CHANGED");
    }

    @Test
    void afterExecutionAChangedArtifactRefusesEveryFurtherTransition() {
        Path workspace = SealFixture.readyExample(dir);
        PlanningWorkspace ws = SealFixture.open(workspace);
        sealedAndSigned(ws);
        assertThat(ws.advance(CYCLE, CycleState.EXECUTED).accepted()).isTrue();
        SealFixture.write(workspace, TASKS, SealFixture.read(workspace, TASKS) + "\n");

        assertThatThrownBy(() -> ws.advance(CYCLE, CycleState.VALIDATED))
                .isInstanceOf(SealingException.class)
                .hasMessageContaining(TASKS).hasMessageContaining("open a new cycle")
                .satisfies(e -> assertThat(((SealingException) e).reason())
                        .isEqualTo(SealingException.Reason.SEALED_ARTIFACT_CHANGED));
    }

    @Test
    void withoutOneRequiredSignatureTheThresholdFails() {
        PlanningWorkspace ws = SealFixture.open(SealFixture.readyExample(dir));
        ws.seal(CYCLE, SealOptions.defaults());
        ws.sign(CYCLE, PM);
        ws.sign(CYCLE, TECH_LEAD);

        VerificationReport report = ws.verify(CYCLE, TRUST);

        assertThat(report.discrepancies()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DiscrepancyKind.THRESHOLD_NOT_MET);
            assertThat(d.message()).contains("[QA]");
        });
        assertThat(ws.advance(CYCLE, CycleState.EXECUTED).accepted()).isFalse();
    }

    @Test
    void untrustedKeysWrongRolesAndRepeatedSignersDoNotCountAndAreOnlyNotes() {
        Path workspace = SealFixture.readyExample(dir);
        PlanningWorkspace ws = SealFixture.open(workspace);
        ws.seal(CYCLE, SealOptions.defaults());
        ws.sign(CYCLE, PM);
        // Written around `sign`, which refuses all three: what a careless or hostile hand commits.
        HandoffManifest manifest = ws.manifest(CYCLE).orElseThrow();
        Instant at = Instant.parse("2025-09-04T08:00:00Z");
        manifest = ManifestSignatures.append(manifest, PM, at);
        manifest = ManifestSignatures.append(manifest, new PemSigner("QA", Crypto.generate(SignatureAlgorithm.ED25519)), at);
        manifest = ManifestSignatures.append(manifest, new PemSigner("TechLead", SealFixture.QA_KEYS), at);
        SealFixture.write(workspace, MANIFEST, new String(ManifestWriter.render(manifest), StandardCharsets.UTF_8));

        VerificationReport report = ws.verify(CYCLE, TRUST);

        assertThat(report.countedSignatures()).extracting(s -> s.role()).containsExactly("PM");
        assertThat(report.ignoredSignatures()).extracting(d -> d.kind()).containsExactly(DiscrepancyKind.SIGNATURE_DUPLICATE,
                DiscrepancyKind.SIGNATURE_UNTRUSTED, DiscrepancyKind.SIGNATURE_WRONG_ROLE);
        assertThat(report.discrepancies()).extracting(d -> d.kind()).containsExactly(
                DiscrepancyKind.THRESHOLD_NOT_MET, DiscrepancyKind.THRESHOLD_NOT_MET);
    }

    @Test
    void signaturesThatWouldNotCountAreRefusedAndNothingIsWritten() {
        Path workspace = SealFixture.readyExample(dir);
        PlanningWorkspace ws = SealFixture.open(workspace);
        ws.seal(CYCLE, SealOptions.defaults());
        ws.sign(CYCLE, PM);
        String before = SealFixture.read(workspace, MANIFEST);
        int events = ws.status(CYCLE).history().size();

        assertThatThrownBy(() -> ws.sign(CYCLE, PM)).isInstanceOf(SealingException.class)
                .hasMessageContaining("already signed");
        assertThatThrownBy(() -> ws.sign(CYCLE, new PemSigner("QA", Crypto.generate(SignatureAlgorithm.ED25519))))
                .isInstanceOf(SealingException.class).hasMessageContaining("is not listed for role QA");
        assertThatThrownBy(() -> ws.sign(CYCLE, new PemSigner("TechLead", SealFixture.QA_KEYS)))
                .isInstanceOf(SealingException.class).hasMessageContaining("it is listed for QA");
        assertThatThrownBy(() -> ws.sign(CYCLE, new PemSigner("PM", SealFixture.QA_KEYS)))
                .isInstanceOf(SealingException.class).hasMessageContaining("is not listed for role PM");

        assertThat(SealFixture.read(workspace, MANIFEST)).isEqualTo(before);
        assertThat(ws.status(CYCLE).history()).hasSize(events);
    }

    @Test
    void aManifestWhoseArtifactChangedIsNotSigned() {
        Path workspace = SealFixture.readyExample(dir);
        PlanningWorkspace ws = SealFixture.open(workspace);
        ws.seal(CYCLE, SealOptions.defaults());
        SealFixture.write(workspace, TASKS, SealFixture.read(workspace, TASKS) + "\n");
        String before = SealFixture.read(workspace, MANIFEST);

        assertThatThrownBy(() -> ws.sign(CYCLE, QA)).isInstanceOf(SealingException.class)
                .hasMessageContaining("does not verify").hasMessageContaining("ARTIFACT_CHANGED")
                .satisfies(e -> assertThat(((SealingException) e).reason())
                        .isEqualTo(SealingException.Reason.SEAL_NOT_VERIFIED));
        assertThat(SealFixture.read(workspace, MANIFEST)).isEqualTo(before);
    }

    @Test
    void oneKeyUnderTwoEncodingsAndTwoRolesCountsOnceAndIsNotSignedTwice() throws Exception {
        Path workspace = SealFixture.committedExample(dir);
        // TechLead's key, also trusted for QA under its explicit-parameters encoding (another key_id).
        PublicKey explicit = PemKeys.parsePublicKey(explicitPem(TECH_LEAD.publicKey()), SourceLocation.ofFile("x"));
        PemSigner asQa = new PemSigner("QA", new KeyPair(explicit, SealFixture.TECH_LEAD_KEYS.getPrivate()));
        assertThat(asQa.keyId()).isNotEqualTo(TECH_LEAD.keyId());
        List<TrustedKey> keys = new ArrayList<>(TRUST.keys());
        keys.add(new TrustedKey("QA", asQa.keyId(), SignatureAlgorithm.ECDSA_P256_SHA256, explicit));
        TrustedKeys trust = new TrustedKeys(keys, "two encodings");
        // The fixture's clock: the governance stub's waiver holds on its day.
        PlanningWorkspace ws = Planning.builder().workspace(workspace).gate(SealFixture.governance(GateStatus.PASS))
                .trustedKeys(trust).clock(Clock.fixed(SealFixture.NOW, ZoneOffset.UTC))
                .triggeredBy("tester").build();
        assertThat(ws.advance(CYCLE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        ws.seal(CYCLE, SealOptions.defaults());
        ws.sign(CYCLE, PM);
        ws.sign(CYCLE, TECH_LEAD);

        assertThatThrownBy(() -> ws.sign(CYCLE, asQa)).isInstanceOf(SealingException.class)
                .hasMessageContaining("already signed");
        HandoffManifest forced = ManifestSignatures.append(ws.manifest(CYCLE).orElseThrow(), asQa, SealFixture.NOW);
        SealFixture.write(workspace, MANIFEST, new String(ManifestWriter.render(forced), StandardCharsets.UTF_8));
        VerificationReport report = ws.verify(CYCLE, trust);

        assertThat(report.countedSignatures()).extracting(s -> s.role()).containsExactly("PM", "TechLead");
        assertThat(report.ignoredSignatures()).extracting(d -> d.kind()).containsExactly(DiscrepancyKind.SIGNATURE_DUPLICATE);
        assertThat(report.discrepancies()).extracting(d -> d.kind()).containsExactly(DiscrepancyKind.THRESHOLD_NOT_MET);
    }

    @Test
    void theRulebookInHandMustBeTheOneThatJudged() {
        Path workspace = SealFixture.readyExample(dir);
        PlanningWorkspace ws = SealFixture.open(workspace);
        sealedAndSigned(ws);
        SealFixture.write(workspace, "rulebook/rules/extra.drl", "package extra;\n");

        VerificationReport report = SealFixture.open(workspace).verify(CYCLE, TRUST);

        assertThat(report.discrepancies()).extracting(d -> d.kind()).containsExactly(DiscrepancyKind.RULEBOOK_CHANGED);
    }

    @Test
    void aReplacingCycleNamesItsPriorAndVerificationFollowsTheChain() throws Exception {
        Path workspace = SealFixture.readyExample(dir);
        PlanningWorkspace ws = SealFixture.open(workspace);
        HandoffManifest first = sealedAndSigned(ws);
        CycleRef next = new CycleRef("fe", "2025-09-16");
        String nextTasks = "frameworks/planning-fe/tasks/2025-09-16-fe_task_breakdown.yaml";
        SealFixture.write(workspace, nextTasks, SealFixture.read(workspace, TASKS).replace("2025-09-02", "2025-09-16"));
        String map = "frameworks/planning-fe/storymaps/2025-09-02-story_map.md";
        SealFixture.write(workspace, map.replace("2025-09-02", "2025-09-16"),
                SealFixture.read(workspace, map).replace("2025-09-02", "2025-09-16"));
        SealFixture.commitAll(workspace, "next cycle");
        TransitionResult nextReady = ws.advance(next, CycleState.READY_FOR_HANDOFF);
        assertThat(nextReady.accepted()).as(nextReady.failedGates().toString()).isTrue();

        assertThatThrownBy(() -> ws.seal(next, SealOptions.defaults().withPriorManifestId("fe-unknown")))
                .hasMessageContaining("fe-unknown");
        HandoffManifest second = ws.seal(next, SealOptions.defaults().withPriorManifestId(first.manifestId()))
                .manifest().orElseThrow();
        ws.sign(next, PM);
        ws.sign(next, TECH_LEAD);
        ws.sign(next, QA);

        VerificationReport report = ws.verify(next, TRUST);
        assertThat(report.discrepancies()).isEmpty();
        assertThat(report.chain()).containsExactly(second.manifestId(), first.manifestId());

        Files.delete(workspace.resolve(MANIFEST));
        assertThat(ws.verify(next, TRUST).discrepancies()).extracting(d -> d.kind())
                .containsExactly(DiscrepancyKind.PRIOR_MANIFEST);
    }

    @Test
    void theSnapshotRevisionMustBeACommitOfTheRepository() throws Exception {
        Path workspace = SealFixture.readyExample(dir);
        PlanningWorkspace ws = SealFixture.open(workspace);
        sealedAndSigned(ws);
        // The same files in a repository with another history: the sealed revision is not in it.
        org.eclipse.jgit.util.FileUtils.delete(workspace.resolve(".git").toFile(),
                org.eclipse.jgit.util.FileUtils.RECURSIVE);
        SealFixture.commitAll(workspace, "rewritten history");

        VerificationReport report = SealFixture.open(workspace).verify(CYCLE, TRUST);

        assertThat(report.discrepancies()).extracting(d -> d.kind()).containsExactly(DiscrepancyKind.SNAPSHOT_REV_MISSING);
    }

    @Test
    void evidenceNamedByRecordedTransitionsIsLinkedAndSealed() throws Exception {
        Path workspace = SealFixture.copyExample(dir);
        String evidence = "frameworks/planning-fe/evidence/2025-09-02/parity_coverage.json";
        Files.createDirectories(workspace.resolve(evidence).getParent());
        Files.writeString(workspace.resolve(evidence), "{\"files\": 2}\n");
        FileEventStore store = new FileEventStore(workspace);
        RecordedEvent created = store.append(CYCLE, new PlanningEvent("e1", SealFixture.NOW, EventType.CYCLE_CREATED,
                Optional.empty(), Optional.of(CycleState.PLANNED), CYCLE.toString(), "tester", Map.of(), Map.of()),
                RecordedEvent.GENESIS);
        store.append(CYCLE, new PlanningEvent("e2", SealFixture.NOW, EventType.STATE_TRANSITION,
                Optional.of(CycleState.PLANNED), Optional.of(CycleState.READY_FOR_HANDOFF), CYCLE.toString(), "tester",
                Map.of("parity_coverage", GateStatus.PASS), Map.of("evidence.parity_coverage", evidence)), created.hash());
        SealFixture.commitAll(workspace, "plan and evidence");
        PlanningWorkspace ws = SealFixture.open(workspace);

        HandoffManifest manifest = ws.seal(CYCLE, SealOptions.defaults()).manifest().orElseThrow();

        assertThat(manifest.gateResults().get("parity_coverage").evidence()).contains(evidence);
        assertThat(manifest.artifacts()).extracting(a -> a.path()).contains(evidence);
        Files.writeString(workspace.resolve(evidence), "{\"files\": 3}\n", StandardCharsets.UTF_8);
        assertThat(ws.verify(CYCLE, TRUST).discrepancies()).extracting(d -> d.file()).contains(evidence);
    }

    @Test
    void aMissingManifestIsADiscrepancyNotAnError() {
        PlanningWorkspace ws = SealFixture.open(SealFixture.readyExample(dir));

        VerificationReport report = ws.verify(CYCLE, TRUST);

        assertThat(report.passed()).isFalse();
        assertThat(report.discrepancies()).extracting(d -> d.kind()).containsExactly(DiscrepancyKind.MANIFEST_INVALID);
    }

    private static RecordedEvent last(PlanningWorkspace ws) {
        List<RecordedEvent> history = ws.status(CYCLE).history();
        return history.get(history.size() - 1);
    }

    /** A P-256 public key re-encoded with explicit curve parameters instead of the named-curve OID. */
    private static String explicitPem(PublicKey key) {
        var info = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(key.getEncoded());
        try {
            var explicit = new org.bouncycastle.asn1.x509.SubjectPublicKeyInfo(
                    new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                            org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_ecPublicKey,
                            new org.bouncycastle.asn1.x9.X962Parameters(
                                    org.bouncycastle.asn1.x9.ECNamedCurveTable.getByName("secp256r1"))),
                    info.getPublicKeyData().getBytes());
            return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                    .encodeToString(explicit.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
