package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.CYCLE;
import static dev.planning.engine.internal.seal.SealFixture.MANIFEST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.SealOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sign} reads the manifest once: the bytes it verifies are the bytes it signs, so a manifest
 * changed on disk while it is being signed is either verified and signed as it was read, or refused.
 */
class SignReadsOnceTest {

    @TempDir
    Path dir;

    private Path workspace;
    private PlanningWorkspace ws;
    private byte[] sealed;
    private byte[] rewritten;

    private void sealAndRewrite() throws Exception {
        workspace = SealFixture.committedExample(dir);
        ws = SealFixture.open(workspace);
        assertThat(ws.advance(CYCLE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        ws.seal(CYCLE, SealOptions.defaults().withNotes("as sealed"));
        sealed = Files.readAllBytes(workspace.resolve(MANIFEST));
        rewritten = ManifestSwap.rewritten(sealed, "rewritten after sealing");
    }

    /**
     * While another writer swaps the manifest between the sealed bytes and a rewritten version that
     * does not verify, every signature made is over the sealed content: never over bytes that did
     * not verify (which a second read, verified in place of the first, would let through).
     */
    @Test
    @Tag("slow")
    @Tag("race")
    void aManifestSwappedWhileSigningIsNeverSignedUnverified() throws Exception {
        sealAndRewrite();
        int attempts = 150;
        int signedSealed = ManifestSwap.whileSwapping(workspace.resolve(MANIFEST), rewritten, sealed, () -> {
            int signed = 0;
            for (int i = 0; i < attempts; i++) {
                HandoffManifest result;
                try {
                    result = ws.sign(CYCLE, SealFixture.PM);
                } catch (PlanningException refused) {
                    continue; // read the rewritten bytes (or a lost race): refused, nothing signed
                }
                assertThat(result.notes()).as("notes of the manifest signed at attempt %d", i).contains("as sealed");
                signed++;
            }
            return signed;
        });
        assertThat(signedSealed).as("attempts that signed the sealed bytes").isPositive();
    }
}
