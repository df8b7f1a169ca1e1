package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.CYCLE;
import static dev.planning.engine.internal.seal.SealFixture.MANIFEST;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.PlanningException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.Attestation;
import dev.planning.api.seal.SealOptions;
import dev.planning.engine.internal.hash.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attest} reads the manifest once, as {@code sign} does ({@link SignReadsOnceTest}): the
 * bytes it verifies are the bytes it attests, so a manifest changed on disk while it is being
 * attested is either verified and attested as it was read, or refused.
 */
class AttestReadsOnceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * While another writer swaps the manifest between the sealed bytes and a rewritten version that
     * does not verify, every attestation made states the sealed bytes: never bytes that did not
     * verify (which a read before and a read after verification, both of the rewritten file around
     * a verification of the sealed one, would let through).
     */
    @Test
    @Tag("slow")
    @Tag("race")
    void aManifestSwappedWhileAttestingIsNeverAttestedUnverified() throws Exception {
        Path workspace = SealFixture.committedExample(dir);
        PlanningWorkspace ws = SealFixture.open(workspace);
        assertThat(ws.advance(CYCLE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        ws.seal(CYCLE, SealOptions.defaults().withNotes("as sealed"));
        byte[] sealed = Files.readAllBytes(workspace.resolve(MANIFEST));
        byte[] rewritten = ManifestSwap.rewritten(sealed, "rewritten after sealing");
        int attempts = 100;
        int attestedSealed = ManifestSwap.whileSwapping(workspace.resolve(MANIFEST), rewritten, sealed, () -> {
            int attested = 0;
            for (int i = 0; i < attempts; i++) {
                Attestation result;
                try {
                    result = ws.attest(CYCLE, List.of(SealFixture.QA));
                } catch (PlanningException refused) {
                    continue; // read the rewritten bytes (or a lost race): refused, nothing attested
                }
                assertThat(attestedManifestSha256(result)).as("manifest attested at attempt %d", i)
                        .isEqualTo(Sha256.hex(sealed));
                attested++;
            }
            return attested;
        });
        assertThat(attestedSealed).as("attempts that attested the sealed bytes").isPositive();
    }

    /** The SHA-256 of the manifest file the statement in the envelope names. */
    static String attestedManifestSha256(Attestation attestation) throws Exception {
        JsonNode envelope = JSON.readTree(attestation.envelope());
        JsonNode statement = JSON.readTree(Base64.getDecoder().decode(envelope.path("payload").asText()));
        return statement.path("predicate").path("manifest").path("digest").path("sha256").asText();
    }
}
