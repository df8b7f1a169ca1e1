package dev.planning.engine.internal.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.artifact.GovernanceSummary;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.engine.internal.json.JsonMappers;
import dev.planning.engine.internal.schema.ArtifactSchema;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a {@link HandoffManifest} in its one canonical YAML form, which {@link ManifestReader}
 * reads back to the same manifest, and which re-renders to the same bytes.
 *
 * <p>The form is fixed so that the file's bytes follow from its content: a comment line naming
 * the schema, then the fields in schema order, every string double-quoted (so that no YAML reader
 * takes {@code "2025-09-02"} for a date or {@code "no"} for a boolean), integers and booleans plain,
 * times in UTC as {@code 2025-09-02T10:00:00Z} (fractions only when not zero), no line folding.
 * Optional fields are left out when absent; lists are always written, empty or not.
 *
 * <p>{@link #toJson} is the same content as a JSON tree: the data model whose canonical JSON
 * signatures cover.
 */
public final class ManifestWriter {

    private static final ObjectMapper YAML = JsonMappers.manifestYaml();

    /** Builds the tree {@link #toJson} returns; the YAML mapper writes the same records. */
    private static final ObjectMapper JSON = JsonMappers.json();

    private ManifestWriter() {
    }

    /** The manifest's canonical YAML bytes (UTF-8). */
    public static byte[] render(HandoffManifest manifest) {
        try {
            String body = YAML.writeValueAsString(document(manifest, true));
            return ("# yaml-language-server: $schema=" + ArtifactSchema.HANDOFF_MANIFEST.id() + "\n" + body)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            // Only records of strings, integers, booleans, lists and maps are rendered, which always serialize.
            throw new IllegalStateException("cannot render a manifest as YAML", e);
        }
    }

    /**
     * The manifest as a JSON tree, in schema field order.
     *
     * @param withSignatures whether to include {@code signatures} (signatures cover the tree without them)
     */
    public static ObjectNode toJson(HandoffManifest manifest, boolean withSignatures) {
        return JSON.valueToTree(document(manifest, withSignatures));
    }

    /** A signature's fields as a JSON object, {@code value} included. */
    public static ObjectNode signature(ManifestSignature signature) {
        return JSON.valueToTree(Signature.of(signature));
    }

    private static Document document(HandoffManifest manifest, boolean withSignatures) {
        Map<String, Gate> gates = new LinkedHashMap<>();
        manifest.gateResults().forEach((name, outcome) -> gates.put(name, new Gate(outcome.status().name(),
                outcome.evidence(), time(outcome.at()))));
        GovernanceSummary governance = manifest.governance();
        return new Document(manifest.version(), manifest.manifestId(), manifest.cycleId(), manifest.stream(),
                manifest.sealed(), time(manifest.createdAt()), manifest.createdBy(), time(manifest.sealedAt()),
                manifest.snapshotRev(), manifest.dirty(), manifest.rulebookHash(), manifest.eventLogHead(),
                manifest.priorManifestId(), manifest.notes(),
                manifest.artifacts().stream().map(a -> new Artifact(a.path(), a.sha256(), a.bytes())).toList(), gates,
                new Governance(governance.tags(), governance.criticalViolations(), governance.waivers().stream()
                        .map(w -> new WaiverEntry(w.rule(), w.item(), w.reason(), w.approver(), w.expires().toString()))
                        .toList(), governance.decisionLogRef()),
                withSignatures ? Optional.of(manifest.signatures().stream().map(Signature::of).toList())
                        : Optional.empty());
    }

    /** The manifest document in schema field order; absent optional fields (and, unsigned, signatures) left out. */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    @JsonPropertyOrder({"version", "manifest_id", "cycle_id", "stream", "sealed", "created_at", "created_by",
        "sealed_at", "snapshot_rev", "dirty", "rulebook_hash", "event_log_head", "prior_manifest_id", "notes",
        "artifacts", "gate_results", "governance", "signatures"})
    private record Document(
            String version,
            @JsonProperty("manifest_id") String manifestId,
            @JsonProperty("cycle_id") String cycleId,
            String stream,
            boolean sealed,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("created_by") String createdBy,
            @JsonProperty("sealed_at") String sealedAt,
            @JsonProperty("snapshot_rev") String snapshotRev,
            boolean dirty,
            @JsonProperty("rulebook_hash") String rulebookHash,
            @JsonProperty("event_log_head") Optional<String> eventLogHead,
            @JsonProperty("prior_manifest_id") Optional<String> priorManifestId,
            Optional<String> notes,
            List<Artifact> artifacts,
            @JsonProperty("gate_results") Map<String, Gate> gateResults,
            Governance governance,
            Optional<List<Signature>> signatures) {
    }

    @JsonPropertyOrder({"path", "sha256", "bytes"})
    private record Artifact(String path, String sha256, long bytes) {
    }

    @JsonPropertyOrder({"status", "evidence", "at"})
    private record Gate(String status, @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> evidence,
            String at) {
    }

    @JsonPropertyOrder({"tags", "critical_violations", "waivers", "decision_log_ref"})
    private record Governance(
            List<String> tags,
            @JsonProperty("critical_violations") int criticalViolations,
            List<WaiverEntry> waivers,
            @JsonInclude(JsonInclude.Include.NON_ABSENT) @JsonProperty("decision_log_ref") Optional<String> decisionLogRef) {
    }

    @JsonPropertyOrder({"rule", "item", "reason", "approver", "expires"})
    private record WaiverEntry(String rule, String item, String reason, String approver, String expires) {
    }

    @JsonPropertyOrder({"role", "key_id", "algorithm", "value", "signed_at"})
    private record Signature(String role, @JsonProperty("key_id") String keyId, String algorithm, String value,
            @JsonProperty("signed_at") String signedAt) {

        static Signature of(ManifestSignature signature) {
            return new Signature(signature.role(), signature.keyId(), signature.algorithm(), signature.value(),
                    time(signature.signedAt()));
        }
    }

    /** How manifests write times: UTC, {@code Z}, fractions only when not zero. */
    public static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
