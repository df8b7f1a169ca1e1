package dev.planning.engine.internal.signing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.PlanningException;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.Signer;
import dev.planning.api.signing.TrustedKey;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.internal.artifact.ManifestWriter;
import dev.planning.engine.internal.json.JsonMappers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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

    private static final ObjectMapper TREE = JsonMappers.json();
    private static final ObjectMapper STRICT = JsonMappers.strictJson();

    private Attestations() {
    }

    /**
     * The in-toto statement of a sealed manifest.
     *
     * <p>Its {@code approvals} name only signatures that were verified: with {@code verified}
     * present, those signatures (the ones that verify against a trusted key of their role, once
     * per key) and {@code approvals_verified: true}; without, none at all and
     * {@code approvals_verified: false}. The manifest's signatures as recorded are never restated,
     * since a keyholder's envelope over them would vouch for signatures no one checked.
     *
     * @param manifestPath   the manifest file's workspace-relative path
     * @param manifestSha256 the SHA-256 of the manifest file's bytes
     * @param verified       the manifest's signatures that verified against trusted keys; empty
     *                       when no trusted key was given, so none were checked
     */
    public static ObjectNode statement(HandoffManifest manifest, String manifestPath, String manifestSha256,
            Optional<List<ManifestSignature>> verified) {
        ObjectNode full = ManifestWriter.toJson(manifest, false);
        List<Subject> subjects = manifest.artifacts().stream()
                .map(artifact -> new Subject(artifact.path(), new Digest(artifact.sha256()))).toList();
        List<Approval> approvals = verified.orElse(List.of()).stream().map(signature -> new Approval(signature.role(),
                signature.keyId(), signature.algorithm(), ManifestWriter.time(signature.signedAt()))).toList();
        Predicate predicate = new Predicate(full.get("manifest_id"), full.get("cycle_id"), full.get("stream"),
                full.get("sealed_at"), full.get("created_by"), full.get("snapshot_rev"), full.get("dirty"),
                full.get("rulebook_hash"), full.get("prior_manifest_id"), full.get("gate_results"),
                full.get("governance"), new ManifestFile(manifestPath, new Digest(manifestSha256)),
                verified.isPresent(), approvals);
        return TREE.valueToTree(new Statement(STATEMENT_TYPE, subjects, PREDICATE_TYPE, predicate));
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
        byte[] pae = pae(PAYLOAD_TYPE, payload);
        List<EnvelopeSignature> signatures = new ArrayList<>();
        for (Signer signer : signers) {
            byte[] sig = signer.sign(pae);
            if (sig == null || sig.length == 0) {
                throw new PlanningException("the signer of key " + signer.keyId() + " returned no signature");
            }
            if (signer.algorithm() == SignatureAlgorithm.ECDSA_P256_SHA256) {
                // Only low-S signatures verify (Crypto.isHighS), as for manifest signatures.
                sig = Crypto.lowS(sig);
            }
            signatures.add(new EnvelopeSignature(signer.keyId(), Base64.getEncoder().encodeToString(sig)));
        }
        return TREE.valueToTree(new Envelope(PAYLOAD_TYPE, Base64.getEncoder().encodeToString(payload), signatures));
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
        Set<String> present = new HashSet<>();
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

    /** An in-toto Statement v1 of a sealed manifest. */
    @JsonPropertyOrder({"_type", "subject", "predicateType", "predicate"})
    private record Statement(@JsonProperty("_type") String type, List<Subject> subject, String predicateType,
            Predicate predicate) {
    }

    /** A sealed artifact, by its workspace-relative path. */
    @JsonPropertyOrder({"name", "digest"})
    private record Subject(String name, Digest digest) {
    }

    /** A SHA-256 digest set. */
    private record Digest(String sha256) {
    }

    /**
     * The handoff predicate: the manifest's own fields as its writer renders them (a field the
     * manifest leaves out is left out here too), the manifest file, whether its signatures were
     * verified, and who approved it (verified signatures only).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"manifest_id", "cycle_id", "stream", "sealed_at", "created_by", "snapshot_rev", "dirty",
        "rulebook_hash", "prior_manifest_id", "gate_results", "governance", "manifest", "approvals_verified", "approvals"})
    private record Predicate(JsonNode manifestId, JsonNode cycleId, JsonNode stream, JsonNode sealedAt,
            JsonNode createdBy, JsonNode snapshotRev, JsonNode dirty, JsonNode rulebookHash,
            JsonNode priorManifestId, JsonNode gateResults, JsonNode governance, ManifestFile manifest,
            boolean approvalsVerified, List<Approval> approvals) {
    }

    /** The manifest file the statement attests. */
    @JsonPropertyOrder({"path", "digest"})
    private record ManifestFile(String path, Digest digest) {
    }

    /** One signature of the manifest, without its value. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"role", "key_id", "algorithm", "signed_at"})
    private record Approval(String role, String keyId, String algorithm, String signedAt) {
    }

    /** A DSSE envelope. */
    @JsonPropertyOrder({"payloadType", "payload", "signatures"})
    private record Envelope(String payloadType, String payload, List<EnvelopeSignature> signatures) {
    }

    /** One DSSE signature: the trust file's key id and the base64 signature. */
    @JsonPropertyOrder({"keyid", "sig"})
    private record EnvelopeSignature(String keyid, String sig) {
    }
}
