package dev.planning.engine.internal.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.Transition;
import dev.planning.engine.internal.json.JsonMappers;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The evidence document of one gate run (schema {@code gate-evidence/1.0}): the gate, its status,
 * the cycle and transition, when it ran, the rulebook hash, a summary, every finding with its
 * location, and the gate's own evidence map.
 *
 * <pre>{@code
 * byte[] json = EvidenceJson.bytes(EvidenceJson.of(cycle, transition, result, at, rulebookHash));
 * }</pre>
 */
public final class EvidenceJson {

    /** The {@code version} of the evidence format written. */
    public static final String VERSION = "1.0.0";

    private static final ObjectMapper JSON = JsonMappers.prettyJson();

    private EvidenceJson() {
    }

    /** The document for one gate run. */
    public static ObjectNode of(CycleRef cycle, Transition transition, GateResult result, Instant at,
            String rulebookHash) {
        return of(cycle, transition, result, at, rulebookHash, Map.of());
    }

    /**
     * The document for one gate run, with the SHA-256 of each input file it judged
     * ({@code inputs}: workspace-relative path to hex digest; see {@link EvidenceInputs}).
     */
    public static ObjectNode of(CycleRef cycle, Transition transition, GateResult result, Instant at,
            String rulebookHash, Map<String, String> inputs) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "gate_evidence");
        root.put("version", VERSION);
        root.put("gate", result.gate());
        root.put("status", result.status().name());
        ObjectNode cycleNode = root.putObject("cycle");
        cycleNode.put("stream", cycle.stream());
        cycleNode.put("cycle_id", cycle.cycleId());
        ObjectNode transitionNode = root.putObject("transition");
        transitionNode.put("from", transition.from().name());
        transitionNode.put("to", transition.to().name());
        transitionNode.put("name", transition.name());
        root.put("at", at.toString());
        root.put("rulebook_hash", rulebookHash);
        ObjectNode inputNode = root.putObject("inputs");
        inputs.forEach(inputNode::put);
        ObjectNode summary = root.putObject("summary");
        for (Severity severity : Severity.values()) {
            summary.put(severity.name().toLowerCase(Locale.ROOT),
                    result.findings().stream().filter(f -> f.severity() == severity).count());
        }
        ArrayNode findings = root.putArray("findings");
        result.findings().forEach(f -> findings.add(finding(f)));
        ObjectNode evidence = root.putObject("evidence");
        result.evidence().forEach((key, value) -> evidence.set(key, value(value)));
        return root;
    }

    /** One finding as JSON: code, severity, message, file, line, column, task. */
    public static ObjectNode finding(Finding f) {
        ObjectNode node = JSON.createObjectNode();
        node.put("code", f.code());
        node.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
        node.put("message", f.message());
        node.put("file", f.location().map(l -> l.file()).orElse(null));
        node.put("line", f.location().map(l -> l.line()).orElse(0));
        node.put("column", f.location().map(l -> l.column()).orElse(0));
        node.put("task", f.taskId().orElse(null));
        return node;
    }

    /** Pretty-printed UTF-8 JSON with a final newline. */
    public static byte[] bytes(JsonNode document) {
        try {
            return (JSON.writeValueAsString(document) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /**
     * A gate's evidence value as JSON. Gates are asked for plain values (strings, numbers,
     * booleans, lists and maps); anything else a plug-in returns is kept as its text rather than
     * failing the transition.
     */
    private static JsonNode value(Object value) {
        try {
            return JSON.valueToTree(value instanceof Map<?, ?> map ? new java.util.LinkedHashMap<>(map) : value);
        } catch (IllegalArgumentException e) {
            return TextNode.valueOf(String.valueOf(value));
        }
    }
}
