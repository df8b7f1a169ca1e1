package dev.planning.engine.internal.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.PlanningException;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.Signer;
import dev.planning.api.signing.TrustedKey;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.internal.json.JsonMappers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * key id used in trust files. {@link #open} checks an envelope against trusted keys: the same code
 * verifies the verification summaries written at {@code VALIDATED}.
 */
public final class Attestations {

    /** The in-toto Statement type. */
    public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    /** The predicate type of this project's handoff attestation. */
    public static final String PREDICATE_TYPE = "https://planning.dev/attestations/handoff-manifest/v1";
    /** The DSSE payload type of in-toto statements. */
    public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper STRICT = JsonMappers.strictJson();

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
            byte[] sig = signer.sign(pae);
            if (sig == null || sig.length == 0) {
                throw new PlanningException("the signer of key " + signer.keyId() + " returned no signature");
            }
            if (signer.algorithm() == SignatureAlgorithm.ECDSA_P256_SHA256) {
                // Only low-S signatures verify (Crypto.isHighS), as for manifest signatures.
                sig = Crypto.lowS(sig);
            }
            signatures.addObject().put("keyid", signer.keyId()).put("sig", Base64.getEncoder().encodeToString(sig));
        }
        return envelope;
    }

    /**
     * What opening a DSSE envelope against trusted keys found.
     *
     * @param statement the payload parsed as JSON, when the envelope is well-formed (even if no
     *                  signature verifies: callers must check {@link #problems()} first)
     * @param problems  why the envelope cannot be trusted, one sentence each; empty when it can
     * @param signedBy  the key ids of the trusted keys whose signatures verify
     * @param ignored   the key ids of signatures by keys that are not trusted (they neither count nor fail)
     */
    public record Opened(Optional<JsonNode> statement, List<String> problems, List<String> signedBy,
            List<String> ignored) {
        public Opened {
            Objects.requireNonNull(statement, "statement");
            problems = List.copyOf(problems);
            signedBy = List.copyOf(signedBy);
            ignored = List.copyOf(ignored);
        }
    }

    /**
     * Opens a DSSE envelope of type {@value #PAYLOAD_TYPE}: the envelope holds exactly
     * {@code payloadType}, {@code payload} and {@code signatures} (each exactly {@code keyid} and
     * {@code sig}), in canonical base64; every signature by a trusted key (of any role, with that
     * key's algorithm, low-S for ECDSA) verifies over the PAE; at least one does; the payload is one
     * JSON object with unique keys. Signatures by keys not in {@code trust} are ignored.
     */
    public static Opened open(byte[] envelopeJson, TrustedKeys trust) {
        List<String> problems = new ArrayList<>();
        List<String> signedBy = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        JsonNode envelope;
        try {
            envelope = STRICT.readTree(envelopeJson);
        } catch (IOException e) {
            return new Opened(Optional.empty(), List.of("not JSON: " + message(e)), signedBy, ignored);
        }
        if (envelope == null || !envelope.isObject() || !fieldsAre(envelope, Set.of("payloadType", "payload", "signatures"))) {
            return new Opened(Optional.empty(), List.of("not a DSSE envelope: expected an object with exactly"
                    + " payloadType, payload and signatures"), signedBy, ignored);
        }
        if (!PAYLOAD_TYPE.equals(envelope.get("payloadType").textValue())) {
            problems.add("payloadType is " + envelope.get("payloadType") + ", expected \"" + PAYLOAD_TYPE + "\"");
        }
        byte[] payload = canonicalBase64(envelope.get("payload"));
        if (payload == null) {
            return new Opened(Optional.empty(), List.of("payload is not canonical base64"), signedBy, ignored);
        }
        JsonNode signatures = envelope.get("signatures");
        if (!signatures.isArray() || signatures.isEmpty()) {
            problems.add("signatures is not a non-empty array");
        } else {
            byte[] pae = pae(PAYLOAD_TYPE, payload);
            for (JsonNode signature : signatures) {
                byte[] sig = signature.isObject() && fieldsAre(signature, Set.of("keyid", "sig"))
                        && signature.get("keyid").isTextual() ? canonicalBase64(signature.get("sig")) : null;
                if (sig == null) {
                    problems.add("a signature is not an object with exactly keyid and sig (canonical base64)");
                    continue;
                }
                String keyId = signature.get("keyid").textValue();
                List<TrustedKey> keys = trust.withKeyId(keyId);
                if (keys.isEmpty()) {
                    ignored.add(keyId);
                } else if (keys.stream().anyMatch(k -> verifies(k, pae, sig))) {
                    if (!signedBy.contains(keyId)) {
                        signedBy.add(keyId);
                    }
                } else {
                    problems.add("the signature by trusted key " + keyId + " does not verify");
                }
            }
            if (signedBy.isEmpty() && problems.isEmpty()) {
                problems.add("no signature by a trusted key (" + trust.source() + ")"
                        + (ignored.isEmpty() ? "" : "; untrusted keys: " + String.join(", ", ignored)));
            }
        }
        JsonNode statement;
        try {
            statement = STRICT.readTree(payload);
        } catch (IOException e) {
            problems.add("the payload is not one JSON object with unique keys: " + message(e));
            return new Opened(Optional.empty(), problems, signedBy, ignored);
        }
        if (statement == null || !statement.isObject()) {
            problems.add("the payload is not a JSON object");
            return new Opened(Optional.empty(), problems, signedBy, ignored);
        }
        return new Opened(Optional.of(statement), problems, signedBy, ignored);
    }

    private static String message(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException json ? json.getOriginalMessage()
                : e.getMessage();
    }

    private static boolean verifies(TrustedKey key, byte[] pae, byte[] sig) {
        if (key.algorithm() == SignatureAlgorithm.ECDSA_P256_SHA256 && Crypto.isHighS(sig)) {
            return false;
        }
        return Crypto.verify(key.algorithm(), key.publicKey(), pae, sig);
    }

    private static boolean fieldsAre(JsonNode object, Set<String> names) {
        Set<String> present = new java.util.HashSet<>();
        object.fieldNames().forEachRemaining(present::add);
        return present.equals(names);
    }

    /** The bytes of a text node in canonical standard base64, or {@code null}. */
    private static byte[] canonicalBase64(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(node.textValue());
            // Base64 ignores the unused low bits of a padded last character: accept one text per value.
            return Base64.getEncoder().encodeToString(bytes).equals(node.textValue()) ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
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
