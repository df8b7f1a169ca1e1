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
import dev.planning.api.event.EventType;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SealingException;
import dev.planning.api.seal.SignOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dirty24: signing a manifest sealed dirty ({@code dirty: true}, or {@code snapshot_rev: none}) is refused,
 * writing nothing, unless the signer asks for it ({@link SignOptions#allowDirty()}): no commit holds its
 * sealed set, so nothing checks that the set holds every input the gates read, and the signer is told so.
 */
class DirtySealSigningTest {

    @TempDir
    Path dir;

    /** The example outside any repository, sealed with allowDirty: {@code dirty: true, snapshot_rev: none}. */
    private PlanningWorkspace sealedOutsideGit() {
        PlanningWorkspace ws = SealFixture.open(SealFixture.copyExample(dir));
        assertThat(ws.advance(CYCLE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        HandoffManifest sealed = ws.seal(CYCLE, SealOptions.defaults().withAllowDirty(true)).manifest().orElseThrow();
        assertThat(sealed.snapshotRev()).isEqualTo("none");
        return ws;
    }

    /** The committed example with its task breakdown changed and not committed, sealed with allowDirty. */
    private PlanningWorkspace sealedWithAnUncommittedChange() {
        Path workspace = SealFixture.readyExample(dir);
        SealFixture.write(workspace, TASKS, SealFixture.read(workspace, TASKS) + "\n");
        PlanningWorkspace ws = SealFixture.open(workspace);
        HandoffManifest sealed = ws.seal(CYCLE, SealOptions.defaults().withAllowDirty(true)).manifest().orElseThrow();
        assertThat(sealed.dirty()).isTrue();
        assertThat(sealed.snapshotRev()).isNotEqualTo("none");
        return ws;
    }

    private static long signatureEvents(PlanningWorkspace ws) {
        return ws.status(CYCLE).history().stream().filter(e -> e.event().type() == EventType.SIGNATURE_ADDED).count();
    }

    private static byte[] manifestBytes(PlanningWorkspace ws) throws IOException {
        return Files.readAllBytes(ws.root().resolve(MANIFEST));
    }

    @Test
    void signingAManifestSealedOutsideGitIsRefusedByDefaultWritingNothing() throws IOException {
        PlanningWorkspace ws = sealedOutsideGit();
        byte[] before = manifestBytes(ws);

        SealingException refused = catchThrowableOfType(SealingException.class, () -> ws.sign(CYCLE, PM));

        assertThat(refused).isNotNull();
        assertThat(refused.reason()).isEqualTo(SealingException.Reason.CANNOT_SIGN);
        assertThat(refused.describe()).contains(MANIFEST, "was sealed outside git or before its first commit"
                + " (snapshot_rev: none)", "cannot be checked against a commit", "--allow-dirty",
                "SignOptions.withAllowDirty(true)", "seal a new cycle from a clean commit").doesNotContain("\n");
        assertThat(manifestBytes(ws)).isEqualTo(before);
        assertThat(signatureEvents(ws)).isZero();
    }

    @Test
    void signingAManifestSealedWithUncommittedChangesIsRefusedByDefault() throws IOException {
        PlanningWorkspace ws = sealedWithAnUncommittedChange();
        byte[] before = manifestBytes(ws);

        SealingException refused = catchThrowableOfType(SealingException.class,
                () -> ws.sign(CYCLE, QA, SignOptions.defaults()));

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("was sealed with --allow-dirty (dirty: true, snapshot_rev ");
        assertThat(manifestBytes(ws)).isEqualTo(before);
        assertThat(signatureEvents(ws)).isZero();
    }

    @Test
    void withAllowDirtyEachRoleSignsTheDirtySeal() {
        PlanningWorkspace ws = sealedOutsideGit();
        SignOptions dirtyToo = SignOptions.defaults().withAllowDirty(true);

        ws.sign(CYCLE, PM, dirtyToo);
        ws.sign(CYCLE, TECH_LEAD, dirtyToo);
        HandoffManifest signed = ws.sign(CYCLE, QA, dirtyToo);

        assertThat(signed.signatures()).extracting(s -> s.role()).containsExactly("PM", "TechLead", "QA");
        assertThat(signatureEvents(ws)).isEqualTo(3);
        assertThat(ws.verify(CYCLE, TRUST).passed()).isTrue();
    }

    @Test
    void aCleanSealIsSignedWithTheDefaults() {
        PlanningWorkspace ws = SealFixture.open(SealFixture.sealedExample(dir, TRUST));

        assertThat(ws.sign(CYCLE, PM).signatures()).hasSize(1);
    }

    @Test
    void theOptionsAreImmutableAndStrictByDefault() {
        SignOptions strict = SignOptions.defaults();

        assertThat(strict.allowDirty()).isFalse();
        assertThat(strict.withAllowDirty(true).allowDirty()).isTrue();
        assertThat(strict.allowDirty()).isFalse();
    }
}
