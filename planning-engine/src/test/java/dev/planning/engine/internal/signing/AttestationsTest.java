package dev.planning.engine.internal.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.GovernanceSummary;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.signing.SignatureAlgorithm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The DSSE envelope checked by a verifier written here from the DSSE v1 specification, with the
 * JDK's own providers (SunEC, SunRsaSign): no code shared with the signing path.
 */
class AttestationsTest {

    private static final HandoffManifest MANIFEST = new HandoffManifest("1.0", "fe-2025-09-02-0a1b2c3d", "2025-09-02",
            "fe", true, Instant.parse("2025-09-03T12:00:00Z"), "tester", Instant.parse("2025-09-03T12:00:00Z"),
            "a".repeat(40), false, "b".repeat(64), Optional.empty(),
            List.of(new ArtifactChecksum("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml", "c".repeat(64), 10),
                    new ArtifactChecksum("frameworks/planning-fe/storymaps/2025-09-02-story_map.md", "d".repeat(64), 20)),
            Map.of(), new GovernanceSummary(List.of(), 0, List.of(), Optional.empty()), Optional.empty(),
            Optional.empty(), List.of());

    @Test
    void theEnvelopeVerifiesIndependentlyForEveryAlgorithmAndCarriesOneSubjectPerArtifact() throws Exception {
        List<PemSigner> signers = List.of(new PemSigner("PM", Crypto.generate(SignatureAlgorithm.ED25519)),
                new PemSigner("TechLead", Crypto.generate(SignatureAlgorithm.ECDSA_P256_SHA256)),
                new PemSigner("QA", TestKeys.rsa()));
        ObjectNode statement = Attestations.statement(MANIFEST, "frameworks/planning-fe/manifests/m.yaml", "e".repeat(64),
                Optional.empty());

        JsonNode envelope = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(
                Attestations.envelope(CanonicalForm.canonicalize(statement), signers)));

        assertThat(envelope.get("payloadType").asText()).isEqualTo("application/vnd.in-toto+json");
        byte[] payload = Base64.getDecoder().decode(envelope.get("payload").asText());
        byte[] pae = independentPae(envelope.get("payloadType").asText(), payload);
        assertThat(envelope.get("signatures")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode signature = envelope.get("signatures").get(i);
            PemSigner signer = signers.get(i);
            assertThat(signature.get("keyid").asText()).isEqualTo(signer.keyId());
            byte[] sig = Base64.getDecoder().decode(signature.get("sig").asText());
            assertThat(jdkVerify(signer.algorithm(), signer.publicKey().getEncoded(), pae, sig)).as(signer.role()).isTrue();
            byte[] tampered = pae.clone();
            tampered[tampered.length - 2] ^= 1;
            assertThat(jdkVerify(signer.algorithm(), signer.publicKey().getEncoded(), tampered, sig)).isFalse();
        }
        JsonNode decoded = new ObjectMapper().readTree(payload);
        assertThat(decoded.get("_type").asText()).isEqualTo("https://in-toto.io/Statement/v1");
        assertThat(decoded.get("predicateType").asText()).isEqualTo(Attestations.PREDICATE_TYPE);
        assertThat(decoded.get("subject")).hasSize(2);
        assertThat(decoded.get("subject").get(0).get("name").asText()).isEqualTo(MANIFEST.artifacts().get(0).path());
        assertThat(decoded.get("subject").get(0).get("digest").get("sha256").asText()).isEqualTo("c".repeat(64));
        assertThat(decoded.get("predicate").get("rulebook_hash").asText()).isEqualTo("b".repeat(64));
        assertThat(decoded.get("predicate").get("manifest").get("digest").get("sha256").asText()).isEqualTo("e".repeat(64));
    }

    /** DSSE v1: PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body. */
    private static byte[] independentPae(String type, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] typeBytes = type.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(String.format("DSSEv1 %d %s %d ", typeBytes.length, type, body.length)
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static boolean jdkVerify(SignatureAlgorithm algorithm, byte[] spki, byte[] message, byte[] sig)
            throws Exception {
        String[] names = switch (algorithm) {
            case ED25519 -> new String[] {"Ed25519", "Ed25519", "SunEC"};
            case ECDSA_P256_SHA256 -> new String[] {"EC", "SHA256withECDSA", "SunEC"};
            case RSA_SHA256 -> new String[] {"RSA", "SHA256withRSA", "SunRsaSign"};
        };
        PublicKey key = KeyFactory.getInstance(names[0], names[2]).generatePublic(new X509EncodedKeySpec(spki));
        Signature verifier = Signature.getInstance(names[1], names[2]);
        verifier.initVerify(key);
        verifier.update(message);
        return verifier.verify(sig);
    }
}
