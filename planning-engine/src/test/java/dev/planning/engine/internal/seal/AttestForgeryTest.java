package dev.planning.engine.internal.seal;

import static dev.planning.engine.internal.seal.SealFixture.CYCLE;
import static dev.planning.engine.internal.seal.SealFixture.MANIFEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SealingException;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.artifact.ManifestWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attest} signs, with a keyholder's key, a statement of the manifest's gate results and
 * governance. A manifest a contributor without a key rewrote (canonically, with every artifact
 * checksum intact) is refused, even though attest is given no trusted keys.
 */
class AttestForgeryTest {

    @TempDir
    static Path dir;

    private static Path workspace;
    private static PlanningWorkspace ws;
    private static byte[] sealedBytes;
    private static HandoffManifest sealed;

    @BeforeAll
    static void seal() throws Exception {
        workspace = SealFixture.committedExample(dir);
        ws = SealFixture.open(workspace);
        assertThat(ws.advance(CYCLE, CycleState.READY_FOR_HANDOFF).accepted()).isTrue();
        sealed = ws.seal(CYCLE, SealOptions.defaults()).manifest().orElseThrow();
        sealedBytes = Files.readAllBytes(workspace.resolve(MANIFEST));
    }

    @Test
    void theSealedManifestIsAttested() throws Exception {
        Files.write(workspace.resolve(MANIFEST), sealedBytes);

        assertThat(ws.attest(CYCLE, List.of(SealFixture.QA)).envelope()).contains("\"payloadType\"");
    }

    @Test
    void aManifestWhoseGateResultWasRewrittenIsNotAttested() throws Exception {
        refusedAfter(tree -> ((ObjectNode) tree.get("gate_results").get("schema_lint")).set("status",
                TextNode.valueOf("WARN")), DiscrepancyKind.VERDICT_CHANGED);
    }

    @Test
    void aManifestWhoseGovernanceSummaryWasRewrittenIsNotAttested() throws Exception {
        refusedAfter(tree -> ((ObjectNode) tree.get("governance")).set("critical_violations", IntNode.valueOf(2)),
                DiscrepancyKind.VERDICT_CHANGED);
    }

    @Test
    void aManifestItsSealEventDoesNotAnchorIsNotAttested() throws Exception {
        refusedAfter(tree -> tree.set("notes", TextNode.valueOf("approved by the board")),
                DiscrepancyKind.SEAL_EVENT_MISMATCH);
    }

    @Test
    void aManifestChangedWhileItWasVerifiedIsAttestedAsTheBytesVerified() throws Exception {
        Files.write(workspace.resolve(MANIFEST), sealedBytes);
        dev.planning.api.seal.VerificationReport clean = ws.verify(CYCLE, TrustedKeys.none());
        byte[] forged = (new String(sealedBytes, StandardCharsets.UTF_8) + "# edited\n")
                .getBytes(StandardCharsets.UTF_8);
        try {
            dev.planning.api.seal.Attestation attestation = new dev.planning.engine.internal.signing.Attester(
                    workspace, dev.planning.api.WorkspaceLayout.DEFAULT).attest(CYCLE, read -> {
                        assertThat(read.bytes()).isEqualTo(sealedBytes);
                        write(forged);
                        return clean;
                    }, () -> {
                        throw new AssertionError("the manifest was read: it is verified as read");
                    }, false, List.of(SealFixture.QA));

            assertThat(AttestReadsOnceTest.attestedManifestSha256(attestation))
                    .isEqualTo(dev.planning.engine.internal.hash.Sha256.hex(sealedBytes));
        } finally {
            Files.write(workspace.resolve(MANIFEST), sealedBytes);
        }
    }

    private static void write(byte[] bytes) {
        try {
            Files.write(workspace.resolve(MANIFEST), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites the manifest canonically with {@code change}; verify finds {@code expected}, attest refuses. */
    private static void refusedAfter(Consumer<ObjectNode> change, DiscrepancyKind expected) throws Exception {
        ObjectNode tree = ManifestWriter.toJson(sealed, true);
        change.accept(tree);
        byte[] yaml = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).writeValueAsBytes(tree);
        byte[] forged = ManifestWriter.render(new ManifestReader(workspace).parse(yaml, MANIFEST).manifest());
        try {
            Files.write(workspace.resolve(MANIFEST), forged);
            assertThat(ws.verify(CYCLE, TrustedKeys.none()).discrepancies()).extracting(d -> d.kind())
                    .contains(expected)
                    .doesNotContain(DiscrepancyKind.MANIFEST_INVALID, DiscrepancyKind.MANIFEST_NOT_CANONICAL,
                            DiscrepancyKind.ARTIFACT_CHANGED, DiscrepancyKind.ARTIFACT_MISSING);

            assertThatThrownBy(() -> ws.attest(CYCLE, List.of(SealFixture.QA)))
                    .isInstanceOf(SealingException.class)
                    .hasMessageContaining("cannot attest " + CYCLE);
        } finally {
            Files.write(workspace.resolve(MANIFEST), sealedBytes);
        }
    }
}
