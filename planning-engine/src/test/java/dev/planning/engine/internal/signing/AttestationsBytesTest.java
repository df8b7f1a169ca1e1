package dev.planning.engine.internal.signing;

import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.GateOutcome;
import dev.planning.api.artifact.GovernanceSummary;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.governance.Waiver;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.Signer;
import dev.planning.engine.fixtures.Golden;
import dev.planning.engine.internal.json.JsonMappers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Pins the bytes of an attestation: the in-toto statement of a sealed manifest (as written and in
 * the canonical form the envelope signs) and the DSSE envelope {@code planning attest} writes.
 */
class AttestationsBytesTest {

    private static final Instant AT = Instant.parse("2025-09-02T10:00:00Z");

    /** A signer whose signature is a fixed function of the message, so the envelope's bytes are stable. */
    private record FixedSigner(String role, String keyId, SignatureAlgorithm algorithm) implements Signer {
        @Override
        public byte[] sign(byte[] message) {
            return (keyId + ":" + message.length).getBytes(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aStatementWithEveryFieldAndItsEnvelopeKeepTheirBytes() throws Exception {
        Map<String, GateOutcome> gates = new LinkedHashMap<>();
        gates.put("schema_lint", new GateOutcome(GateStatus.PASS, Optional.of("evidence/ä lint.json"), AT));
        gates.put("governance", new GateOutcome(GateStatus.WARN, Optional.empty(), AT.plusNanos(123_000_000)));
        HandoffManifest manifest = new HandoffManifest("1.0.0", "m-2025-09-02-fe", "2025-09-02", "fe", true, AT,
                "alice ü", AT.plusSeconds(60), "0123456789abcdef0123456789abcdef01234567", false,
                "sha256:" + "ab".repeat(32), Optional.of("cd".repeat(32)),
                List.of(new ArtifactChecksum("plan/tasks.yaml", "ef".repeat(32), 12345L),
                        new ArtifactChecksum("plan/story map.md", "01".repeat(32), 0L)),
                gates,
                new GovernanceSummary(List.of("Risk:Low"), 2, List.of(new Waiver("missing-owner", "FE-1",
                        "yes: \"quoted\"\nline — ü", "pm", LocalDate.of(2025, 12, 31))), Optional.of("decisions.yaml")),
                Optional.of("m-2025-08-19-fe"), Optional.of("no"),
                List.of(new ManifestSignature("lead", "k-1", "ed25519", "c2ln", AT.plusSeconds(120)),
                        new ManifestSignature("qa", "k-2", "ecdsa-p256-sha256", "c2lnMg==", AT.plusNanos(5))));
        var statement = Attestations.statement(manifest, "handoff/m.yaml", "ee".repeat(32),
                Optional.of(manifest.signatures()));
        byte[] canonical = CanonicalForm.canonicalize(statement);
        var envelope = Attestations.envelope(canonical, List.of(new FixedSigner("PM", "k-1", SignatureAlgorithm.ED25519),
                new FixedSigner("QA", "k-3", SignatureAlgorithm.RSA_SHA256)));
        Map<String, String> actual = new LinkedHashMap<>();
        actual.put("attestation/statement.json", JsonMappers.prettyJson().writeValueAsString(statement));
        actual.put("attestation/statement-canonical.json", new String(canonical, StandardCharsets.UTF_8));
        actual.put("attestation/envelope.json", JsonMappers.prettyJson().writeValueAsString(envelope) + "\n");
        Golden.assertMatches(actual);
    }

    @Test
    void aStatementOfAnEmptyManifestKeepsItsBytes() throws Exception {
        HandoffManifest manifest = new HandoffManifest("1.0.0", "m", "2025-09-02", "fe", false, AT, "", AT, "rev", true,
                "", Optional.empty(), List.of(), Map.of(), new GovernanceSummary(List.of(), 0, List.of(), Optional.empty()),
                Optional.empty(), Optional.empty(), List.of());
        Golden.assertMatches("attestation/statement-empty.json",
                JsonMappers.prettyJson().writeValueAsString(Attestations.statement(manifest, "m.yaml", "", Optional.empty())));
    }
}
