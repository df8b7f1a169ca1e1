package dev.planning.engine.internal.signing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.PlanningException;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.signing.Signer;
import dev.planning.engine.internal.artifact.ManifestWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A sealed manifest as an in-toto attestation: an
 * <a href="https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md">in-toto Statement v1</a>
 * whose subjects are the sealed artifacts (name = workspace-relative path, digest = sha256) and
 * whose predicate ({@value #PREDICATE_TYPE}) summarizes the manifest, wrapped in a
 * <a href="https://github.com/secure-systems-lab/dsse/blob/master/envelope.md">DSSE envelope</a>
 * signed over the DSSE pre-authentication encoding with the same keys that sign manifests.
 *
 * <pre>{@code
 * ObjectNode statement = Attestations.statement(manifest, manifestPath, manifestSha256);
 * ObjectNode envelope = Attestations.envelope(CanonicalForm.canonicalize(statement), List.of(signer));
 * }</pre>
 *
 * <p>The payload is the statement's RFC 8785 canonical JSON; each signature's {@code keyid} is the
 * key id used in trust files.
 */
public final class Attestations {

    /** The in-toto Statement type. */
    public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    /** The predicate type of this project's handoff attestation. */
    public static final String PREDICATE_TYPE = "https://planning.dev/attestations/handoff-manifest/v1";
    /** The DSSE payload type of in-toto statements. */
    public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Attestations() {
    }

    /**
     * The in-toto statement of a sealed manifest.
     *
     * @param manifestPath   the manifest file's workspace-relative path
     * @param manifestSha256 the SHA-256 of the manifest file's bytes
     */
    public static ObjectNode statement(HandoffManifest manifest, String manifestPath, String manifestSha256) {
        ObjectNode statement = NODES.objectNode();
        statement.put("_type", STATEMENT_TYPE);
        ArrayNode subjects = statement.putArray("subject");
        for (ArtifactChecksum artifact : manifest.artifacts()) {
            ObjectNode subject = subjects.addObject();
            subject.put("name", artifact.path());
            subject.putObject("digest").put("sha256", artifact.sha256());
        }
        statement.put("predicateType", PREDICATE_TYPE);
        ObjectNode predicate = statement.putObject("predicate");
        ObjectNode full = ManifestWriter.toJson(manifest, false);
        for (String field : List.of("manifest_id", "cycle_id", "stream", "sealed_at", "created_by", "snapshot_rev",
                "dirty", "rulebook_hash", "prior_manifest_id", "gate_results", "governance")) {
            if (full.has(field)) {
                predicate.set(field, full.get(field));
            }
        }
        ObjectNode file = predicate.putObject("manifest");
        file.put("path", manifestPath);
        file.putObject("digest").put("sha256", manifestSha256);
        ArrayNode approvals = predicate.putArray("approvals");
        for (ManifestSignature signature : manifest.signatures()) {
            approvals.addObject().put("role", signature.role()).put("key_id", signature.keyId())
                    .put("algorithm", signature.algorithm()).put("signed_at", ManifestWriter.time(signature.signedAt()));
        }
        return statement;
    }

    /**
     * A DSSE envelope over a payload of type {@value #PAYLOAD_TYPE}, one signature per signer.
     *
     * @throws PlanningException when no signer is given or a signer fails
     */
    public static ObjectNode envelope(byte[] payload, List<? extends Signer> signers) {
        if (signers.isEmpty()) {
            throw new PlanningException("an attestation needs at least one signing key");
        }
        ObjectNode envelope = NODES.objectNode();
        envelope.put("payloadType", PAYLOAD_TYPE);
        envelope.put("payload", Base64.getEncoder().encodeToString(payload));
        ArrayNode signatures = envelope.putArray("signatures");
        byte[] pae = pae(PAYLOAD_TYPE, payload);
        for (Signer signer : signers) {
            signatures.addObject().put("keyid", signer.keyId())
                    .put("sig", Base64.getEncoder().encodeToString(signer.sign(pae)));
        }
        return envelope;
    }

    /**
     * The DSSE v1 pre-authentication encoding:
     * {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, lengths in ASCII decimal bytes.
     */
    public static byte[] pae(String payloadType, byte[] body) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + body.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }
}
