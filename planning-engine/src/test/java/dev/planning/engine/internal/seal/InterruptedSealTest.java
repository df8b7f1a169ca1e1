package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.CYCLE;
import static dev.planning.engine.internal.seal.SealFixture.MANIFEST;
import static dev.planning.engine.internal.seal.SealFixture.PM;
import static dev.planning.engine.internal.seal.SealFixture.QA;
import static dev.planning.engine.internal.seal.SealFixture.TECH_LEAD;
import static dev.planning.engine.internal.seal.SealFixture.TRUST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.SourceLocation;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SealResult;
import dev.planning.api.seal.SealingException;
import dev.planning.api.store.EventStore;
import dev.planning.engine.Planning;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.artifact.ManifestWriter;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.engine.internal.signing.ManifestSignatures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A seal that fails between writing its manifest and recording {@code MANIFEST_SEALED} (the disk
 * full, a file-size limit, an I/O error on the log, a process killed in that window) leaves the
 * cycle {@code PACKAGED} with a manifest its log does not record. Before, {@code seal} refused it as
 * "already sealed" and {@code sign}, {@code verify} and {@code advance} as {@code SEAL_EVENT_MISMATCH}:
 * the cycle was stranded for good unless someone knew to delete the manifest. Now the next
 * {@code seal} recognises the interrupted seal and completes it, as it completes one interrupted
 * before the manifest: the gates run again and a fresh manifest replaces the unrecorded one. A signing
 * that fails between rewriting the manifest and recording {@code SIGNATURE_ADDED} is completed by
 * signing again with the same key.
 */
class InterruptedSealTest {

    @TempDir
    Path dir;

    /** The workspace's own log, whose append of {@code failing} fails as a full disk makes it fail. */
    private static final class FailingStore implements EventStore {
        private final EventStore delegate;
        private final EventType failing;

        FailingStore(EventStore delegate, EventType failing) {
            this.delegate = delegate;
            this.failing = failing;
        }

        @Override
        public List<RecordedEvent> read(CycleRef cycle) {
            return delegate.read(cycle);
        }

        @Override
        public RecordedEvent append(CycleRef cycle, PlanningEvent event, String expectedHead) {
            if (event.type() == failing) {
                throw new PlanningException("cannot append to the event log (FileSystemException: No space left on"
                        + " device)", SourceLocation.ofFile(location(cycle)), null);
            }
            return delegate.append(cycle, event, expectedHead);
        }

        @Override
        public String location(CycleRef cycle) {
            return delegate.location(cycle);
        }
    }

    private static PlanningWorkspace failingAt(Path workspace, EventType type) {
        return Planning.builder().workspace(workspace).gate(SealFixture.governance(GateStatus.PASS)).trustedKeys(TRUST)
                .clock(Clock.fixed(SealFixture.NOW, ZoneOffset.UTC)).triggeredBy("tester")
                .eventStore(new FailingStore(new FileEventStore(workspace), type)).build();
    }

    /** The ready example advanced to PACKAGED, its manifest written and MANIFEST_SEALED not recorded. */
    private Path interruptedAfterTheManifest() {
        Path workspace = SealFixture.readyExample(dir);
        assertThatThrownBy(() -> failingAt(workspace, EventType.MANIFEST_SEALED).advance(CYCLE, CycleState.PACKAGED))
                .hasMessageContaining("No space left on device");
        PlanningWorkspace ws = SealFixture.open(workspace);
        assertThat(ws.status(CYCLE).state()).isEqualTo(CycleState.PACKAGED);
        assertThat(workspace.resolve(MANIFEST)).exists();
        assertThat(sealEvents(ws)).isZero();
        assertThat(ws.verify(CYCLE, TRUST).discrepancies()).anySatisfy(d -> assertThat(d.describe())
                .contains("SEAL_EVENT_MISMATCH", "if its sealing was interrupted, `planning seal` completes it"));
        return workspace;
    }

    @Test
    void aSealWhoseEventWasNotRecordedIsCompletedByTheNextSealAndVerifies() {
        Path workspace = interruptedAfterTheManifest();
        String unrecorded = SealFixture.read(workspace, MANIFEST);
        PlanningWorkspace ws = SealFixture.open(workspace);

        SealResult resumed = ws.seal(CYCLE, SealOptions.defaults());

        assertThat(resumed.sealed()).isTrue();
        assertThat(resumed.transition()).as("the move was recorded before; no second one").isEmpty();
        assertThat(sealEvents(ws)).isEqualTo(1);
        assertThat(SealFixture.read(workspace, MANIFEST)).isNotEqualTo(unrecorded)
                .contains(resumed.manifest().orElseThrow().manifestId());
        ws.sign(CYCLE, PM);
        ws.sign(CYCLE, TECH_LEAD);
        ws.sign(CYCLE, QA);
        var report = ws.verify(CYCLE, TRUST);
        assertThat(report.passed()).as(report.discrepancies().toString()).isTrue();
        assertThat(ws.advance(CYCLE, CycleState.EXECUTED).accepted()).isTrue();
    }

    @Test
    void theUnrecordedManifestIsNotReplacedWhenTheGatesNowFail() {
        Path workspace = interruptedAfterTheManifest();
        String unrecorded = SealFixture.read(workspace, MANIFEST);
        PlanningWorkspace failing = SealFixture.open(workspace, SealFixture.governance(GateStatus.FAIL));

        assertThatThrownBy(() -> failing.seal(CYCLE, SealOptions.defaults()))
                .isInstanceOfSatisfying(SealingException.class,
                        e -> assertThat(e.reason()).isEqualTo(SealingException.Reason.GATES_FAILED))
                .hasMessageContaining("governance FAIL");

        assertThat(SealFixture.read(workspace, MANIFEST)).isEqualTo(unrecorded);
        assertThat(sealEvents(failing)).isZero();
    }

    /** Signatures on a manifest the log does not record never counted, but they are not thrown away unasked. */
    @Test
    void anUnrecordedManifestCarryingSignaturesIsNotReplaced() throws IOException {
        Path workspace = interruptedAfterTheManifest();
        Path file = workspace.resolve(MANIFEST);
        var read = new ManifestReader(workspace).read(file, MANIFEST);
        Files.write(file, ManifestWriter.render(ManifestSignatures.append(read.manifest(), PM, SealFixture.NOW)));
        byte[] signed = Files.readAllBytes(file);
        PlanningWorkspace ws = SealFixture.open(workspace);

        assertThatThrownBy(() -> ws.seal(CYCLE, SealOptions.defaults()))
                .isInstanceOfSatisfying(SealingException.class,
                        e -> assertThat(e.reason()).isEqualTo(SealingException.Reason.ALREADY_SEALED))
                .hasMessageContaining("does not record")
                .hasMessageContaining("1 signature")
                .hasMessageContaining(MANIFEST);

        assertThat(Files.readAllBytes(file)).isEqualTo(signed);
        assertThat(sealEvents(ws)).isZero();
    }

    /**
     * review19: a real signature by a trusted key whose trust entry names another role than the signature
     * (the key's holder moved to another role, or signed under one the trust file does not give it) was
     * dropped as nobody's, and the signed manifest replaced: only the key's holder can make a signature that
     * verifies, so the manifest was signed, signing needed MANIFEST_SEALED, and the log lost it. Refused, the
     * manifest kept, whatever role the trust file now gives the key.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"the key now trusted for another role", "a trusted key signing as another role"})
    void aSignatureThatVerifiesAgainstAKeyTrustedForAnotherRoleStillRefusesTheCompletion(String how)
            throws IOException {
        Path workspace = interruptedAfterTheManifest();
        Path file = workspace.resolve(MANIFEST);
        var manifest = new ManifestReader(workspace).read(file, MANIFEST).manifest();
        boolean reassigned = how.startsWith("the key now");
        var signer = reassigned ? PM : new dev.planning.engine.internal.signing.PemSigner("Release",
                SealFixture.QA_KEYS);
        Files.write(file, ManifestWriter.render(ManifestSignatures.append(manifest, signer, SealFixture.NOW)));
        byte[] signed = Files.readAllBytes(file);
        var trust = reassigned
                ? new dev.planning.api.signing.TrustedKeys(List.of(new dev.planning.api.signing.TrustedKey("Auditor",
                        PM.keyId(), PM.algorithm(), PM.publicKey())), "reassigned trust")
                : TRUST;
        PlanningWorkspace ws = SealFixture.open(workspace, trust);

        assertThatThrownBy(() -> ws.seal(CYCLE, SealOptions.defaults()))
                .isInstanceOfSatisfying(SealingException.class,
                        e -> assertThat(e.reason()).isEqualTo(SealingException.Reason.ALREADY_SEALED))
                .hasMessageContaining("verifies against")
                .hasMessageContaining("restore the log from version control");

        assertThat(Files.readAllBytes(file)).isEqualTo(signed);
        assertThat(sealEvents(ws)).isZero();
    }

    /**
     * A contributor without a key appends a signature block to the unrecorded manifest: by a key nobody
     * trusts, or naming a trusted key with a value that does not verify. Before, the seal's completion was
     * refused for good ("restore the log", which had lost nothing). Now, with the trusted keys in hand, the
     * block is nobody's signature: the seal is completed, the block dropped with the unrecorded manifest, and
     * it never counts (fail closed: the new manifest carries no signature until the roles sign).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a key nobody trusts", "a trusted key's id, a value that does not verify"})
    void aGarbageSignatureOnAnUnrecordedManifestDoesNotStopTheSealsCompletion(String garbage) throws IOException {
        Path workspace = interruptedAfterTheManifest();
        Path file = workspace.resolve(MANIFEST);
        appendGarbageSignature(workspace, garbage.startsWith("a key nobody"));
        String unrecorded = SealFixture.read(workspace, MANIFEST);
        PlanningWorkspace ws = SealFixture.open(workspace);

        SealResult resumed = ws.seal(CYCLE, SealOptions.defaults());

        assertThat(resumed.sealed()).isTrue();
        assertThat(sealEvents(ws)).isEqualTo(1);
        assertThat(SealFixture.read(workspace, MANIFEST)).isNotEqualTo(unrecorded);
        assertThat(new ManifestReader(workspace).read(file, MANIFEST).manifest().signatures()).isEmpty();
        assertThat(ws.verify(CYCLE, TRUST).passed()).isFalse();
        ws.sign(CYCLE, PM);
        ws.sign(CYCLE, TECH_LEAD);
        ws.sign(CYCLE, QA);
        var report = ws.verify(CYCLE, TRUST);
        assertThat(report.passed()).as(report.discrepancies().toString()).isTrue();
    }

    /**
     * seal24: a real signature by a key since rotated out of the trust file cannot be told from a made-up
     * block (a signature names its key by id only), so it is dropped with the unrecorded manifest as before and
     * never counts; but the seal now says so, naming the role, the key and why, and what to do if it was real.
     */
    @Test
    void aSignatureByAKeyRotatedOutOfTheTrustFileIsDroppedAndNamedNeverTrusted() throws IOException {
        Path workspace = interruptedAfterTheManifest();
        Path file = workspace.resolve(MANIFEST);
        var manifest = new ManifestReader(workspace).read(file, MANIFEST).manifest();
        Files.write(file, ManifestWriter.render(ManifestSignatures.append(manifest, PM, SealFixture.NOW)));
        var rotated = new dev.planning.api.signing.TrustedKeys(TRUST.keys().stream()
                .filter(key -> !key.keyId().equals(PM.keyId())).toList(), "the rotated trust file");
        PlanningWorkspace ws = SealFixture.open(workspace, rotated);

        SealResult resumed = ws.seal(CYCLE, SealOptions.defaults());

        assertThat(resumed.sealed()).isTrue();
        assertThat(resumed.notes()).singleElement().asString()
                .contains("the signature of PM (key " + PM.keyId() + ", " + PM.algorithm().id() + ", signed_at "
                        + SealFixture.NOW + ") on the unrecorded manifest " + MANIFEST + " was dropped with it")
                .contains("the rotated trust file does not list key " + PM.keyId(), "rotated out of the trust file",
                        "never counted", "restore the manifest " + manifest.manifestId());
        assertThat(new ManifestReader(workspace).read(file, MANIFEST).manifest().signatures()).isEmpty();
        assertThat(ws.verify(CYCLE, rotated).passed()).isFalse();
        assertThat(ws.verify(CYCLE, TRUST).countedSignatures()).isEmpty();
    }

    /** A block naming a listed key whose value does not verify is named too, as not verifying. */
    @Test
    void aSignatureByAListedKeyThatDoesNotVerifyIsDroppedAndNamed() throws IOException {
        Path workspace = interruptedAfterTheManifest();
        appendGarbageSignature(workspace, false);
        PlanningWorkspace ws = SealFixture.open(workspace);

        SealResult resumed = ws.seal(CYCLE, SealOptions.defaults());

        assertThat(resumed.notes()).singleElement().asString().contains("the signature of PM (key " + PM.keyId(),
                "lists key " + PM.keyId() + ", but the signature does not verify over that manifest", "never counted");
    }

    /** A seal with nothing to drop says nothing. */
    @Test
    void aCompletedSealWithoutSignatureBlocksHasNoNotes() {
        Path workspace = interruptedAfterTheManifest();

        assertThat(SealFixture.open(workspace).seal(CYCLE, SealOptions.defaults()).notes()).isEmpty();
    }

    /**
     * Without trusted keys a garbage block cannot be told from a real signature whose log lost its seal
     * event: refused, the manifest kept, and the message says both remedies and how to tell them apart.
     */
    @Test
    void withoutTrustedKeysAGarbageSignatureIsRefusedSayingHowToTellItFromARealOne() throws IOException {
        Path workspace = interruptedAfterTheManifest();
        appendGarbageSignature(workspace, true);
        byte[] before = Files.readAllBytes(workspace.resolve(MANIFEST));
        PlanningWorkspace ws = SealFixture.open(workspace, dev.planning.api.signing.TrustedKeys.none());

        assertThatThrownBy(() -> ws.seal(CYCLE, SealOptions.defaults()))
                .isInstanceOfSatisfying(SealingException.class,
                        e -> assertThat(e.reason()).isEqualTo(SealingException.Reason.ALREADY_SEALED))
                .hasMessageContaining("1 signature")
                .hasMessageContaining("restore the log from version control")
                .hasMessageContaining("Run seal again with --trust FILE")
                .hasMessageContaining("none of them verifies against a trusted key");

        assertThat(Files.readAllBytes(workspace.resolve(MANIFEST))).isEqualTo(before);
        assertThat(sealEvents(ws)).isZero();
    }

    /** Appends a signature that counts for nothing: by an untrusted PM key, or PM's trusted key id with a value that fails. */
    private static void appendGarbageSignature(Path workspace, boolean untrustedKey) throws IOException {
        Path file = workspace.resolve(MANIFEST);
        var manifest = new ManifestReader(workspace).read(file, MANIFEST).manifest();
        if (untrustedKey) {
            var stranger = new dev.planning.engine.internal.signing.PemSigner("PM",
                    dev.planning.engine.internal.signing.Crypto.generate(dev.planning.api.signing.SignatureAlgorithm.ED25519));
            Files.write(file, ManifestWriter.render(ManifestSignatures.append(manifest, stranger, SealFixture.NOW)));
            return;
        }
        var signed = ManifestSignatures.append(manifest, PM, SealFixture.NOW);
        String value = signed.signatures().get(0).value();
        String broken = (value.charAt(0) == 'A' ? "B" : "A") + value.substring(1);
        Files.writeString(file, new String(ManifestWriter.render(signed), StandardCharsets.UTF_8).replace(value, broken),
                StandardCharsets.UTF_8);
    }

    /**
     * A signing that rewrote the manifest but could not record {@code SIGNATURE_ADDED}: signing again with
     * the same key records the event and leaves the manifest as it is. Before, it was refused ("already
     * signed"), so the log never said the role had signed (the pending-signatures queries of a store read
     * that event).
     */
    @Test
    void aSignatureWhoseEventWasNotRecordedIsRecordedBySigningAgain() throws IOException {
        Path workspace = SealFixture.sealedExample(dir, TRUST);
        Path file = workspace.resolve(MANIFEST);
        assertThatThrownBy(() -> failingAt(workspace, EventType.SIGNATURE_ADDED).sign(CYCLE, PM))
                .hasMessageContaining("No space left on device");
        byte[] signed = Files.readAllBytes(file);
        PlanningWorkspace ws = SealFixture.open(workspace);
        assertThat(signatureEvents(ws)).isZero();

        var again = ws.sign(CYCLE, PM);

        assertThat(again.signatures()).hasSize(1);
        assertThat(Files.readAllBytes(file)).isEqualTo(signed);
        assertThat(signatureEvents(ws)).isEqualTo(1);
        assertThatThrownBy(() -> ws.sign(CYCLE, PM)).isInstanceOfSatisfying(SealingException.class,
                e -> assertThat(e.reason()).isEqualTo(SealingException.Reason.CANNOT_SIGN))
                .hasMessageContaining("already signed");
        assertThat(signatureEvents(ws)).isEqualTo(1);
        ws.sign(CYCLE, TECH_LEAD);
        ws.sign(CYCLE, QA);
        assertThat(ws.verify(CYCLE, TRUST).passed()).isTrue();
        assertThat(signatureEvents(ws)).isEqualTo(3);
    }

    /** A sealed example whose PM signing stopped before its event (a full disk), then signed by TechLead. */
    private Path pmUnrecordedThenTechLeadSigned() {
        Path workspace = SealFixture.sealedExample(dir, TRUST);
        assertThatThrownBy(() -> failingAt(workspace, EventType.SIGNATURE_ADDED).sign(CYCLE, PM))
                .hasMessageContaining("No space left on device");
        SealFixture.open(workspace).sign(CYCLE, TECH_LEAD);
        return workspace;
    }

    /**
     * PM's signing stopped before its event, then TechLead signed (one signature per run, under the
     * manifest's lock): PM's signature is no longer the manifest's last. Before, signing again with PM's
     * key was refused ("already signed") and PM's event was never recorded.
     */
    @Test
    void anEarlierSignatureWhoseEventWasNotRecordedIsRecordedBySigningAgainAfterAnotherSigner() throws IOException {
        Path workspace = pmUnrecordedThenTechLeadSigned();
        Path file = workspace.resolve(MANIFEST);
        PlanningWorkspace ws = SealFixture.open(workspace);
        byte[] signed = Files.readAllBytes(file);

        var again = ws.sign(CYCLE, PM);

        assertThat(again.signatures()).hasSize(2);
        assertThat(Files.readAllBytes(file)).isEqualTo(signed);
        assertThat(signatureRoles(ws)).containsExactly("TechLead", "PM");
        assertThatThrownBy(() -> ws.sign(CYCLE, PM)).isInstanceOfSatisfying(SealingException.class,
                e -> assertThat(e.reason()).isEqualTo(SealingException.Reason.CANNOT_SIGN))
                .hasMessageContaining("already signed");
        assertThatThrownBy(() -> ws.sign(CYCLE, TECH_LEAD)).hasMessageContaining("already signed");
        assertThat(signatureRoles(ws)).containsExactly("TechLead", "PM");
        ws.sign(CYCLE, QA);
        assertThat(ws.verify(CYCLE, TRUST).passed()).isTrue();
    }

    /** A signature by the key whose bytes no longer verify is not taken for an unrecorded signing. */
    @Test
    void aSignatureThatDoesNotVerifyIsNotRecordedBySigningAgain() throws IOException {
        Path workspace = pmUnrecordedThenTechLeadSigned();
        Path file = workspace.resolve(MANIFEST);
        PlanningWorkspace ws = SealFixture.open(workspace);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        var read = new ManifestReader(workspace).read(file, MANIFEST);
        String pmSignature = read.manifest().signatures().get(0).value();
        char first = pmSignature.charAt(0);
        Files.writeString(file, text.replace(pmSignature, (first == 'A' ? 'B' : 'A') + pmSignature.substring(1)),
                StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ws.sign(CYCLE, PM)).isInstanceOf(SealingException.class);
        assertThat(signatureRoles(ws)).containsExactly("TechLead");
    }

    /**
     * An interrupted seal never leaves a signed manifest (signing needs {@code MANIFEST_SEALED}): a signed
     * manifest whose log does not record its seal was sealed, and its log lost the tail (a contributor
     * committed it cut, a bad merge). Neither {@code verify} nor {@code seal} may then advise what completes
     * an interrupted seal (remove the manifest, seal again): that advice had the user delete a signed
     * manifest and seal again whatever the files now hold (review18).
     */
    @Test
    void aSignedManifestWhoseLogLostItsTailIsNotTakenForAnInterruptedSeal() throws IOException {
        Path workspace = SealFixture.sealedExample(dir, TRUST);
        Path log = workspace.resolve(dev.planning.api.WorkspaceLayout.DEFAULT.eventLog(CYCLE));
        List<String> lines = Files.readAllLines(log);
        PlanningWorkspace ws = SealFixture.open(workspace);
        ws.sign(CYCLE, PM);
        byte[] signed = Files.readAllBytes(workspace.resolve(MANIFEST));
        // The sealed log's tail cut off: the last line before the seal was MANIFEST_SEALED.
        Files.write(log, lines.subList(0, lines.size() - 1));
        assertThat(sealEvents(ws)).isZero();

        assertThat(ws.verify(CYCLE, TRUST).discrepancies()).anySatisfy(d -> assertThat(d.describe())
                .contains("SEAL_EVENT_MISMATCH").doesNotContain("planning seal").contains("restore"));
        assertThatThrownBy(() -> ws.seal(CYCLE, SealOptions.defaults()))
                .isInstanceOfSatisfying(SealingException.class,
                        e -> assertThat(e.reason()).isEqualTo(SealingException.Reason.ALREADY_SEALED))
                .hasMessageContaining("1 signature")
                .hasMessageContaining("restore")
                .hasMessageNotContaining("remove it");
        assertThat(Files.readAllBytes(workspace.resolve(MANIFEST))).isEqualTo(signed);
    }

    /** A cycle whose seal is recorded is still never sealed again, its manifest never overwritten. */
    @Test
    void aRecordedSealIsStillNeverOverwritten() {
        Path workspace = SealFixture.sealedExample(dir, TRUST);
        String sealed = SealFixture.read(workspace, MANIFEST);
        PlanningWorkspace ws = SealFixture.open(workspace);

        assertThatThrownBy(() -> ws.seal(CYCLE, SealOptions.defaults()))
                .isInstanceOfSatisfying(SealingException.class,
                        e -> assertThat(e.reason()).isEqualTo(SealingException.Reason.ALREADY_SEALED));

        assertThat(SealFixture.read(workspace, MANIFEST)).isEqualTo(sealed);
        assertThat(sealEvents(ws)).isEqualTo(1);
    }

    private static long signatureEvents(PlanningWorkspace ws) {
        return ws.status(CYCLE).history().stream().filter(e -> e.event().type() == EventType.SIGNATURE_ADDED).count();
    }

    private static List<String> signatureRoles(PlanningWorkspace ws) {
        return ws.status(CYCLE).history().stream().filter(e -> e.event().type() == EventType.SIGNATURE_ADDED)
                .map(e -> e.event().details().get("role")).toList();
    }

    private static long sealEvents(PlanningWorkspace ws) {
        return ws.status(CYCLE).history().stream().filter(e -> e.event().type() == EventType.MANIFEST_SEALED).count();
    }
}
