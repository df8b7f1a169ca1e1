package dev.planning.engine.internal.artifact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.InvalidInputException;
import dev.planning.api.artifact.ArtifactChecksum;
import dev.planning.api.artifact.GateOutcome;
import dev.planning.api.artifact.GovernanceSummary;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.ManifestSignature;
import dev.planning.api.governance.Waiver;
import dev.planning.engine.internal.document.LoneSurrogates;
import dev.planning.engine.internal.json.JsonMappers;
import dev.planning.engine.internal.schema.ArtifactSchema;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

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

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ManifestWriter() {
    }

    /**
     * The manifest's canonical YAML bytes (UTF-8).
     *
     * @throws InvalidInputException when a text of the manifest holds a lone surrogate (nothing is rendered)
     */
    public static byte[] render(HandoffManifest manifest) {
        try {
            ObjectNode document = document(manifest, true);
            requireWholeCharacters(document, "");
            String body = YAML.writeValueAsString(document);
            return ("# yaml-language-server: $schema=" + ArtifactSchema.HANDOFF_MANIFEST.id() + "\n" + body)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            // Only a tree of strings, integers, booleans, lists and objects is rendered, which always serializes.
            throw new IllegalStateException("cannot render a manifest as YAML", e);
        }
    }

    /**
     * Refuses a text or a mapping key holding a lone surrogate, naming its field. The YAML writer would
     * join a high one with the character after it into another character and escape a low one, the
     * signing input's UTF-8 would make a {@code ?} of it: two different texts would seal or sign alike.
     * The planning files are refused at their line when read ({@code LoneSurrogates}); this holds for
     * what an embedder gives (a seal's notes, its actor) and for anything read another way.
     */
    private static void requireWholeCharacters(JsonNode node, String field) {
        if (node.isTextual()) {
            requireWholeCharacters(node.textValue(), "the manifest's `" + field + "`");
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                // A key is sealed text too: a gate's name keys its result (review23).
                requireWholeCharacters(entry.getKey(), "a key of the manifest's `" + field + "`");
                requireWholeCharacters(entry.getValue(),
                        field.isEmpty() ? entry.getKey() : field + "." + entry.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireWholeCharacters(node.get(i), field + "[" + i + "]");
            }
        }
    }

    private static void requireWholeCharacters(String text, String what) {
        int at = LoneSurrogates.firstLone(text);
        if (at >= 0) {
            throw new InvalidInputException(what + " holds a lone surrogate (the escape "
                    + String.format(Locale.ROOT, "\\u%04X", (int) text.charAt(at)) + " without the"
                    + " other half of its pair, at character " + (at + 1) + "), which is no Unicode character and"
                    + " has no UTF-8 form; nothing was sealed. Give the character itself, or both halves of its"
                    + " pair");
        }
    }

    /**
     * The manifest as a JSON tree, in schema field order.
     *
     * @param withSignatures whether to include {@code signatures} (signatures cover the tree without them)
     */
    public static ObjectNode toJson(HandoffManifest manifest, boolean withSignatures) {
        return document(manifest, withSignatures);
    }

    /** A signature's fields as a JSON object, {@code value} included. */
    public static ObjectNode signature(ManifestSignature signature) {
        ObjectNode node = NODES.objectNode();
        node.put("role", signature.role());
        node.put("key_id", signature.keyId());
        node.put("algorithm", signature.algorithm());
        node.put("value", signature.value());
        node.put("signed_at", time(signature.signedAt()));
        return node;
    }

    /**
     * The manifest document, built as a tree in schema field order (no data binding: building the
     * bean serializers of records by reflection cost more than the rest of rendering); absent
     * optional fields (and, unsigned, {@code signatures}) left out, lists always written.
     */
    private static ObjectNode document(HandoffManifest manifest, boolean withSignatures) {
        ObjectNode root = NODES.objectNode();
        root.put("version", manifest.version());
        root.put("manifest_id", manifest.manifestId());
        root.put("cycle_id", manifest.cycleId());
        root.put("stream", manifest.stream());
        root.put("sealed", manifest.sealed());
        root.put("created_at", time(manifest.createdAt()));
        root.put("created_by", manifest.createdBy());
        root.put("sealed_at", time(manifest.sealedAt()));
        root.put("snapshot_rev", manifest.snapshotRev());
        root.put("dirty", manifest.dirty());
        root.put("rulebook_hash", manifest.rulebookHash());
        manifest.eventLogHead().ifPresent(head -> root.put("event_log_head", head));
        manifest.priorManifestId().ifPresent(prior -> root.put("prior_manifest_id", prior));
        manifest.notes().ifPresent(notes -> root.put("notes", notes));
        ArrayNode artifacts = root.putArray("artifacts");
        for (ArtifactChecksum artifact : manifest.artifacts()) {
            ObjectNode node = artifacts.addObject();
            node.put("path", artifact.path());
            node.put("sha256", artifact.sha256());
            node.put("bytes", artifact.bytes());
        }
        ObjectNode gates = root.putObject("gate_results");
        for (Map.Entry<String, GateOutcome> entry : manifest.gateResults().entrySet()) {
            GateOutcome outcome = entry.getValue();
            ObjectNode node = gates.putObject(entry.getKey());
            node.put("status", outcome.status().name());
            outcome.evidence().ifPresent(evidence -> node.put("evidence", evidence));
            node.put("at", time(outcome.at()));
        }
        GovernanceSummary governance = manifest.governance();
        ObjectNode summary = root.putObject("governance");
        ArrayNode tags = summary.putArray("tags");
        governance.tags().forEach(tags::add);
        summary.put("critical_violations", governance.criticalViolations());
        ArrayNode waivers = summary.putArray("waivers");
        for (Waiver waiver : governance.waivers()) {
            ObjectNode node = waivers.addObject();
            node.put("rule", waiver.rule());
            node.put("item", waiver.item());
            node.put("reason", waiver.reason());
            node.put("approver", waiver.approver());
            node.put("expires", waiver.expires().toString());
        }
        governance.decisionLogRef().ifPresent(ref -> summary.put("decision_log_ref", ref));
        if (withSignatures) {
            ArrayNode signatures = root.putArray("signatures");
            manifest.signatures().forEach(signature -> signatures.add(signature(signature)));
        }
        return root;
    }

    /** How manifests write times: UTC, {@code Z}, fractions only when not zero. */
    public static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
