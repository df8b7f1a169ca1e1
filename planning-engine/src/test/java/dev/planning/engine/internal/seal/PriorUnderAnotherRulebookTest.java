package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.CYCLE;
import static dev.planning.engine.internal.seal.SealFixture.MANIFEST;
import static dev.planning.engine.internal.seal.SealFixture.PM;
import static dev.planning.engine.internal.seal.SealFixture.QA;
import static dev.planning.engine.internal.seal.SealFixture.TASKS;
import static dev.planning.engine.internal.seal.SealFixture.TECH_LEAD;
import static dev.planning.engine.internal.seal.SealFixture.TRUST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.rulebook.SigningPolicy;
import dev.planning.api.rulebook.SigningRequirement;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SealingException;
import dev.planning.api.seal.SignOptions;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.Planning;
import dev.planning.engine.fixtures.GitFixture;
import dev.planning.engine.internal.rulebook.RulebookHasher;
import dev.planning.engine.internal.signing.PemSigner;
import dev.planning.testkit.workspace.WorkspaceCopies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * chain20: a prior handoff sealed under another rulebook than the one in hand is held to the signing
 * policy of the rulebook it was sealed under, read from git at its {@code snapshot_rev} with the sealed
 * hash (plus the trust file's policy and the floor of one trusted signature, as before). Before, the later
 * handoff could never verify once the team honestly changed its rulebook ("judged by another rulebook").
 * Real handoffs in a real git repository: cycle 1 sealed and signed under rulebook A, the rulebook changed
 * to B and committed, cycle 2 sealed naming cycle 1 as its prior and signed under B.
 */
class PriorUnderAnotherRulebookTest {

    private static final CycleRef NEXT = new CycleRef("fe", "2025-09-16");
    private static final String SETTINGS = "rulebook/rulebook.yaml";
    private static final String ALL_THREE = "signing:\n  required:\n    - {roles: [PM], min: 1}\n"
            + "    - {roles: [TechLead], min: 1}\n    - {roles: [QA], min: 1}\n";

    @TempDir
    Path dir;

    private Path workspace;

    @Test
    void anHonestRulebookChangeBetweenChainedCyclesVerifiesMovesOnAndSigns() {
        HandoffManifest first = cycleOneSignedBy(List.of(PM, TECH_LEAD, QA));
        changeTheRulebook(s -> s.replace("default_profile: fe", "# stricter from 2025-09-16\ndefault_profile: fe"));
        PlanningWorkspace ws = cycleTwoSealedWithPrior(first);
        ws.sign(NEXT, PM);
        ws.sign(NEXT, TECH_LEAD);
        // sign verifies before it signs, the chain included: the last signature is added.
        HandoffManifest second = ws.sign(NEXT, QA);

        assertThat(first.rulebookHash()).isNotEqualTo(second.rulebookHash());
        assertThat(ws.verify(NEXT, TRUST).discrepancies()).isEmpty();
        TransitionResult executed = ws.advance(NEXT, CycleState.EXECUTED);
        assertThat(executed.accepted()).as(executed.failedGates().toString()).isTrue();
        assertThat(ws.checkHistory(ws.status(NEXT))).as("status of the executed cycle 2").isEmpty();
        assertThat(ws.queries(TRUST).pendingSignatures()).isEmpty();
    }

    @Test
    void aPriorSignedOnlyByTheRoleItsOwnRulebookRequiredIsJudgedByThatRulebook() {
        setPolicy("signing:\n  required:\n    - {roles: [PM], min: 1}\n");
        HandoffManifest first = cycleOneSignedBy(List.of(PM));
        setPolicy("signing:\n  required:\n    - {roles: [QA], min: 1}\n");
        PlanningWorkspace ws = cycleTwoSealedWithPrior(first);
        ws.sign(NEXT, QA);

        assertThat(ws.verify(NEXT, TRUST).discrepancies()).as("cycle 1 needed PM only, and has it").isEmpty();
    }

    @Test
    void aPriorMissingARoleItsOwnRulebookRequiredIsRefusedThoughTheRulebookInHandWouldNotAskIt() {
        setPolicy("signing:\n  required:\n    - {roles: [QA], min: 1}\n");
        HandoffManifest first = cycleOneSignedBy(List.of(PM));
        setPolicy("signing:\n  required:\n    - {roles: [PM], min: 1}\n");
        PlanningWorkspace ws = cycleTwoSealedWithPrior(first);

        assertThat(refusedSignature(ws)).contains("prior manifest " + first.manifestId(),
                "requires 1 signature(s) by [QA]");
        List<Discrepancy> found = ws.verify(NEXT, TRUST).discrepancies();

        assertThat(found).filteredOn(d -> d.kind() == DiscrepancyKind.PRIOR_MANIFEST).singleElement().satisfies(d -> {
            assertThat(d.message()).contains("prior manifest " + first.manifestId(),
                    "the signing policy of the rulebook it was sealed under", "requires 1 signature(s) by [QA]");
        });
    }

    @Test
    void aPriorSealedOverAnUncommittedRulebookEditIsRefusedForTheHashAtItsSnapshotRev() throws Exception {
        // Rulebook A committed, and cycle 1 sealed under a copy of it edited, given from outside the workspace's
        // rulebook directory (--rulebook): the sealed hash is not the hash of the rulebook its snapshot_rev holds.
        // (An uncommitted edit of the workspace's own rulebook is refused by seal since probe26, and a manifest
        // sealed over one by an earlier version is this case.)
        workspace = SealFixture.committedExample(dir);
        String committed = RulebookHasher.hash(workspace.resolve("rulebook"));
        HandoffManifest first = cycleOneSignedUnderACopy(s -> s.replace("default_profile: fe",
                "# not committed\ndefault_profile: fe"));
        assertThat(first.rulebookHash()).isNotEqualTo(committed);
        edit(SETTINGS, s -> s.replace("default_profile: fe", "# not committed\ndefault_profile: fe"));
        changeTheRulebook(s -> s.replace("# not committed\n", "# B\n"));
        PlanningWorkspace ws = cycleTwoSealedWithPrior(first);

        assertThat(refusedSignature(ws)).contains("is not that one");
        assertThat(priorRulebookRefusal(ws, first)).satisfies(d -> {
            assertThat(d.expected()).hasValueSatisfying(e -> assertThat(e).contains("rulebook_hash "
                    + first.rulebookHash(), first.snapshotRev()));
            assertThat(d.actual()).hasValue("rulebook_hash " + committed);
            assertThat(d.message()).contains("is not that one");
        });
    }

    /**
     * review20: the rulebook its snapshot_rev holds is not the sealed one and would not load either. It was
     * parsed before its hash was compared, and refused as "does not load"; it is refused as not the sealed
     * rulebook, unparsed.
     */
    @Test
    void aPriorWhoseSnapshotRevHoldsAnotherRulebookThatWouldNotLoadIsRefusedForItsHash() throws Exception {
        workspace = SealFixture.committedExample(dir);
        String good = SealFixture.read(workspace, SETTINGS);
        edit(SETTINGS, s -> s.replace("default_profile: fe", "default_profile: [fe"));
        SealFixture.commitAll(workspace, "a rulebook that does not load");
        String broken = RulebookHasher.hash(workspace.resolve("rulebook"));
        SealFixture.write(workspace, SETTINGS, good);
        // Sealed under the good rulebook from outside the workspace's rulebook directory (probe26: the
        // workspace's own, not as committed, is refused by seal; an earlier version sealed over it).
        HandoffManifest first = cycleOneSignedUnderACopy(UnaryOperator.identity());
        changeTheRulebook(s -> s.replace("default_profile: fe", "# B\ndefault_profile: fe"));
        PlanningWorkspace ws = cycleTwoSealedWithPrior(first);

        assertThat(priorRulebookRefusal(ws, first)).satisfies(d -> {
            assertThat(d.actual()).hasValue("rulebook_hash " + broken);
            assertThat(d.message()).contains("is not that one").doesNotContain("does not load");
        });
    }

    /**
     * review20: a prior judged by the rulebook it was sealed under is still held to the trust file's policy,
     * which lives outside the repository: its rulebook asked PM only, the trust file asks QA too.
     */
    @Test
    void aPriorJudgedByItsOwnRulebookIsStillHeldToTheTrustFilesPolicy() {
        setPolicy("signing:\n  required:\n    - {roles: [PM], min: 1}\n");
        HandoffManifest first = cycleOneSignedBy(List.of(PM));
        setPolicy("signing:\n  required:\n    - {roles: [TechLead], min: 1}\n");
        PlanningWorkspace ws = cycleTwoSealedWithPrior(first);
        ws.sign(NEXT, TECH_LEAD);
        ws.sign(NEXT, QA);
        TrustedKeys askingQa = new TrustedKeys(TRUST.keys(), TRUST.source(),
                new SigningPolicy(List.of(new SigningRequirement(List.of("QA"), 1))));

        assertThat(ws.verify(NEXT, TRUST).discrepancies()).as("under the trust file asking nothing").isEmpty();
        assertThat(ws.verify(NEXT, askingQa).discrepancies()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(DiscrepancyKind.PRIOR_MANIFEST);
            assertThat(d.message()).contains("prior manifest " + first.manifestId(), "the trust file's signing policy",
                    "requires 1 signature(s) by [QA]");
        });
    }

    /** review20: the refusal SECURITY.md claimed by reading, shown: a prior sealed over uncommitted plan edits. */
    @Test
    void aPriorSealedDirtyUnderAnotherRulebookIsRefusedForItsRevision() {
        workspace = SealFixture.committedExample(dir);
        edit(TASKS, s -> s + "# not committed when sealed\n");
        PlanningWorkspace one = SealFixture.open(workspace);
        assertThat(one.advance(CYCLE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        HandoffManifest first = sealAndSign(one, CYCLE, SealOptions.defaults().withAllowDirty(true),
                List.of(PM, TECH_LEAD, QA));
        assertThat(first.dirty()).isTrue();
        changeTheRulebook(s -> s.replace("default_profile: fe", "# B\ndefault_profile: fe"));
        PlanningWorkspace ws = cycleTwoSealedWithPrior(first);

        assertThat(priorRulebookRefusal(ws, first)).satisfies(d -> {
            assertThat(d.actual()).hasValue("snapshot_rev " + first.snapshotRev() + ", dirty");
            assertThat(d.message()).contains("was not sealed at a clean git revision");
        });
    }

    /** review20: the refusal SECURITY.md claimed by reading, shown: the workspace is no longer in a git repository. */
    @Test
    void aPriorUnderAnotherRulebookOfAWorkspaceOutOfGitIsRefused() throws Exception {
        HandoffManifest first = cycleOneSignedBy(List.of(PM, TECH_LEAD, QA));
        changeTheRulebook(s -> s.replace("default_profile: fe", "# B\ndefault_profile: fe"));
        signAll(cycleTwoSealedWithPrior(first), NEXT);
        Files.move(workspace.resolve(".git"), dir.resolve("elsewhere.git"));

        List<Discrepancy> found = SealFixture.open(workspace).verify(NEXT, TRUST).discrepancies();

        assertThat(found).anySatisfy(d -> {
            assertThat(d.kind()).isEqualTo(DiscrepancyKind.PRIOR_MANIFEST);
            assertThat(d.actual()).hasValue("no git repository");
            assertThat(d.message()).contains("prior manifest " + first.manifestId(), "was judged by another rulebook",
                    "the workspace is not in a git repository");
        });
    }

    @Test
    void aPriorWhoseSnapshotRevHoldsNoRulebookIsRefused() throws Exception {
        workspace = SealFixture.committedExample(dir);
        // The rulebook taken out of git (still on disk, ignored): cycle 1 is sealed at a commit without it.
        GitFixture.cli(workspace, "rm", "-r", "-q", "--cached", "rulebook");
        Files.createDirectories(workspace.resolve(".git/info"));
        Files.writeString(workspace.resolve(".git/info/exclude"), "rulebook/\n", StandardCharsets.UTF_8);
        SealFixture.commitAll(workspace, "rulebook out of git");
        // Under a copy from outside the workspace's rulebook directory (probe26: the workspace's own, in no commit,
        // is refused by seal; an earlier version sealed under it).
        HandoffManifest first = cycleOneSignedUnderACopy(UnaryOperator.identity());
        Files.delete(workspace.resolve(".git/info/exclude"));
        changeTheRulebook(s -> s.replace("default_profile: fe", "# B\ndefault_profile: fe"));
        PlanningWorkspace ws = cycleTwoSealedWithPrior(first);

        assertThat(refusedSignature(ws)).contains("holds no rulebook directory rulebook");
        assertThat(priorRulebookRefusal(ws, first)).satisfies(d -> {
            assertThat(d.actual()).hasValue("no directory rulebook at " + first.snapshotRev());
            assertThat(d.message()).contains("holds no rulebook directory rulebook");
        });
    }

    @Test
    void aPriorWhoseSnapshotRevIsNoCommitIsRefused() throws Exception {
        HandoffManifest first = cycleOneSignedBy(List.of(PM, TECH_LEAD, QA));
        changeTheRulebook(s -> s.replace("default_profile: fe", "# B\ndefault_profile: fe"));
        PlanningWorkspace ws = cycleTwoSealedWithPrior(first);
        signAll(ws, NEXT);
        String nowhere = "0123456789abcdef0123456789abcdef01234567";
        edit(MANIFEST, s -> s.replace(first.snapshotRev(), nowhere));

        assertThat(priorRulebookRefusal(ws, first)).satisfies(d -> {
            assertThat(d.actual()).hasValue("no such commit");
            assertThat(d.message()).contains("its snapshot_rev is not a commit");
        });
    }

    @Test
    void aPriorForgedToNameAWeakRulebookTheAttackerCommittedStillNeedsATrustedSignature() throws Exception {
        HandoffManifest first = cycleOneSignedBy(List.of(PM, TECH_LEAD, QA));
        changeTheRulebook(s -> s.replace("default_profile: fe", "# B\ndefault_profile: fe"));
        PlanningWorkspace ws = cycleTwoSealedWithPrior(first);
        signAll(ws, NEXT);
        assertThat(ws.advance(NEXT, CycleState.EXECUTED).accepted()).isTrue();
        // The contributor without keys commits a rulebook W asking no signature at all, and rewrites cycle 1's
        // manifest to name W's hash and that commit, its signatures dropped (none of theirs would be trusted).
        String strong = SealFixture.read(workspace, SETTINGS);
        edit(SETTINGS, s -> s.replace(ALL_THREE, ""));
        String weakRev = SealFixture.commitAll(workspace, "a weaker rulebook");
        String weakHash = RulebookHasher.hash(workspace.resolve("rulebook"));
        SealFixture.write(workspace, SETTINGS, strong);
        SealFixture.commitAll(workspace, "back to B");
        String manifest = SealFixture.read(workspace, MANIFEST);
        int signatures = manifest.indexOf("\nsignatures:");
        assertThat(signatures).isPositive();
        SealFixture.write(workspace, MANIFEST, (manifest.substring(0, signatures + 1) + "signatures: []\n")
                .replace(first.rulebookHash(), weakHash).replace(first.snapshotRev(), weakRev));

        List<Discrepancy> found = ws.verify(NEXT, TRUST).discrepancies();

        assertThat(found).allSatisfy(d -> assertThat(d.kind()).isEqualTo(DiscrepancyKind.PRIOR_MANIFEST));
        assertThat(found).as("W's policy was established, and the floor still refuses the prior")
                .anySatisfy(d -> assertThat(d.message()).contains("prior manifest " + first.manifestId(),
                        "a handoff needs at least one"))
                .noneSatisfy(d -> assertThat(d.message()).contains("another rulebook"));
        assertThat(ws.checkHistory(ws.status(NEXT))).isNotEmpty();
    }

    // ---- the story, step by step ----

    /** Cycle 1 advanced to READY_FOR_HANDOFF, sealed and signed under the rulebook as it is (rulebook A). */
    private HandoffManifest cycleOneSignedBy(List<PemSigner> signers) {
        if (workspace == null) {
            workspace = SealFixture.committedExample(dir);
        }
        PlanningWorkspace ws = SealFixture.open(workspace);
        TransitionResult ready = ws.advance(CYCLE, CycleState.READY_FOR_HANDOFF);
        assertThat(ready.accepted()).as(ready.failedGates().toString()).isTrue();
        return sealAndSign(ws, CYCLE, SealOptions.defaults(), signers);
    }

    /**
     * Cycle 1 advanced, sealed and signed by PM, TechLead and QA under a copy of the workspace's rulebook, changed by
     * {@code change}, given from outside the workspace's rulebook directory ({@code --rulebook}): how a manifest
     * whose {@code snapshot_rev} holds another rulebook than the one that judged is made since probe26.
     */
    private HandoffManifest cycleOneSignedUnderACopy(UnaryOperator<String> change) throws Exception {
        Path elsewhere = WorkspaceCopies.copy(workspace.resolve("rulebook"), dir.resolve("rulebook-elsewhere"));
        Path settings = elsewhere.resolve("rulebook.yaml");
        Files.writeString(settings, change.apply(Files.readString(settings)));
        PlanningWorkspace underTheCopy = Planning.builder().workspace(workspace).rulebook(elsewhere)
                .gate(SealFixture.governance(GateStatus.PASS)).trustedKeys(TRUST)
                .clock(Clock.fixed(SealFixture.NOW, ZoneOffset.UTC)).triggeredBy("tester").build();
        TransitionResult ready = underTheCopy.advance(CYCLE, CycleState.READY_FOR_HANDOFF);
        assertThat(ready.accepted()).as(ready.failedGates().toString()).isTrue();
        return sealAndSign(underTheCopy, CYCLE, SealOptions.defaults(), List.of(PM, TECH_LEAD, QA));
    }

    private static HandoffManifest sealAndSign(PlanningWorkspace ws, CycleRef cycle, SealOptions options,
            List<PemSigner> signers) {
        assertThat(ws.seal(cycle, options).sealed()).isTrue();
        HandoffManifest signed = null;
        for (PemSigner signer : signers) {
            // A dirty seal signed on purpose (dirty24): what is tested is its use as a prior.
            signed = ws.sign(cycle, signer, SignOptions.defaults().withAllowDirty(options.allowDirty()));
        }
        return signed;
    }

    /** {@code sign} of cycle 2 refuses (it verifies the chain first): its message. */
    private static String refusedSignature(PlanningWorkspace ws) {
        SealingException refused = catchThrowableOfType(SealingException.class, () -> ws.sign(NEXT, PM));
        assertThat(refused).as("sign of cycle 2").isNotNull();
        return refused.getMessage();
    }

    private static void signAll(PlanningWorkspace ws, CycleRef cycle) {
        ws.sign(cycle, PM);
        ws.sign(cycle, TECH_LEAD);
        ws.sign(cycle, QA);
    }

    /** Rulebook A's policy, committed before cycle 1 is sealed (or B's, after). */
    private void setPolicy(String signing) {
        if (workspace == null) {
            workspace = SealFixture.committedExample(dir);
        }
        edit(SETTINGS, s -> s.replaceFirst("(?s)signing:\n  required:\n(    - \\{[^\n]*\n)+", signing));
        SealFixture.commitAll(workspace, "signing policy");
    }

    /** The team's honest change of its rulebook, committed with cycle 1's signatures. */
    private void changeTheRulebook(UnaryOperator<String> change) {
        edit(SETTINGS, change);
        SealFixture.commitAll(workspace, "cycle 1 signed; rulebook B");
    }

    /** Cycle 2 planned, advanced to READY_FOR_HANDOFF and sealed naming cycle 1 as its prior, under rulebook B. */
    private PlanningWorkspace cycleTwoSealedWithPrior(HandoffManifest first) {
        String map = "frameworks/planning-fe/storymaps/2025-09-02-story_map.md";
        SealFixture.write(workspace, TASKS.replace("2025-09-02", "2025-09-16"),
                SealFixture.read(workspace, TASKS).replace("2025-09-02", "2025-09-16"));
        SealFixture.write(workspace, map.replace("2025-09-02", "2025-09-16"),
                SealFixture.read(workspace, map).replace("2025-09-02", "2025-09-16"));
        SealFixture.commitAll(workspace, "cycle 2 planned");
        PlanningWorkspace ws = SealFixture.open(workspace);
        TransitionResult ready = ws.advance(NEXT, CycleState.READY_FOR_HANDOFF);
        assertThat(ready.accepted()).as(ready.failedGates().toString()).isTrue();
        if (ManifestVerifier.sealedDirty(first)) {
            sealOverADirtyPrior(ws, first);
        } else {
            assertThat(ws.seal(NEXT, SealOptions.defaults().withPriorManifestId(first.manifestId())).sealed()).isTrue();
        }
        return ws;
    }

    /**
     * Cycle 2 sealed naming a prior sealed dirty, which {@code seal} refuses (keys25): made as a hand without the
     * tool would, the prior's manifest saying clean while cycle 2 is sealed and put back after, so that what
     * follows (verify, sign) is shown to refuse the prior still.
     */
    private void sealOverADirtyPrior(PlanningWorkspace ws, HandoffManifest first) {
        Path priorFile = workspace.resolve(MANIFEST);
        try {
            byte[] dirty = Files.readAllBytes(priorFile);
            Files.write(priorFile, dev.planning.engine.internal.artifact.ManifestWriter.render(new HandoffManifest(
                    first.version(), first.manifestId(), first.cycleId(), first.stream(), first.sealed(),
                    first.createdAt(), first.createdBy(), first.sealedAt(), "0".repeat(40), false, first.rulebookHash(),
                    first.eventLogHead(), first.artifacts(), first.gateResults(), first.governance(),
                    first.priorManifestId(), first.notes(), first.signatures())));
            try {
                assertThat(ws.seal(NEXT, SealOptions.defaults().withAllowDirty(true)
                        .withPriorManifestId(first.manifestId())).sealed()).isTrue();
            } finally {
                Files.write(priorFile, dirty);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The discrepancy that says the prior's rulebook could not be established; the others may vary. */
    private static Discrepancy priorRulebookRefusal(PlanningWorkspace ws, HandoffManifest first) {
        List<Discrepancy> found = ws.verify(NEXT, TRUST).discrepancies();
        // Cycle 2's own signatures are missing where sign refused: THRESHOLD_NOT_MET of its own manifest.
        assertThat(found).allSatisfy(d -> assertThat(d.kind()).isIn(DiscrepancyKind.PRIOR_MANIFEST,
                DiscrepancyKind.THRESHOLD_NOT_MET));
        return found.stream().filter(d -> d.message().contains("was judged by another rulebook (rulebook_hash "
                + first.rulebookHash())).findFirst().orElseThrow(() -> new AssertionError(found.toString()));
    }

    private void edit(String path, UnaryOperator<String> change) {
        String before = SealFixture.read(workspace, path);
        String after = change.apply(before);
        assertThat(after).as("the edit changes " + path).isNotEqualTo(before);
        SealFixture.write(workspace, path, after);
    }
}
