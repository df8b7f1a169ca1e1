package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.CYCLE;
import static dev.planning.engine.internal.seal.SealFixture.MANIFEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.PlanningException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.Attestation;
import dev.planning.api.seal.SealOptions;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.artifact.ManifestWriter;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.workspace.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
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
        // Canonical, so only verification (its sealed event, its hash) can tell it from the sealed one.
        byte[] rewritten = ManifestWriter.render(withNotes(read(sealed), "rewritten after sealing"));
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        int attestedSealed = 0;
        try {
            Future<?> swapper = pool.submit(() -> {
                Path file = workspace.resolve(MANIFEST);
                for (long i = 0; !stop.get(); i++) {
                    AtomicFiles.write(file, i % 2 == 0 ? rewritten : sealed);
                }
                return null;
            });
            int attempts = 100;
            attestedSealed = assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
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
            stop.set(true);
            swapper.get();
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        assertThat(attestedSealed).as("attempts that attested the sealed bytes").isPositive();
    }

    /** The SHA-256 of the manifest file the statement in the envelope names. */
    static String attestedManifestSha256(Attestation attestation) throws Exception {
        JsonNode envelope = JSON.readTree(attestation.envelope());
        JsonNode statement = JSON.readTree(Base64.getDecoder().decode(envelope.path("payload").asText()));
        return statement.path("predicate").path("manifest").path("digest").path("sha256").asText();
    }

    private static HandoffManifest read(byte[] bytes) {
        return new ManifestReader(Path.of(".")).parse(bytes, MANIFEST).manifest();
    }

    private static HandoffManifest withNotes(HandoffManifest m, String notes) {
        return new HandoffManifest(m.version(), m.manifestId(), m.cycleId(), m.stream(), m.sealed(), m.createdAt(),
                m.createdBy(), m.sealedAt(), m.snapshotRev(), m.dirty(), m.rulebookHash(), m.eventLogHead(),
                m.artifacts(), m.gateResults(), m.governance(), m.priorManifestId(), Optional.of(notes),
                m.signatures());
    }
}
