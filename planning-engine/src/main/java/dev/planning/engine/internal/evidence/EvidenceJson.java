package dev.planning.engine.internal.evidence;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.Transition;
import dev.planning.engine.internal.json.JsonMappers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
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
        Map<String, Long> summary = new LinkedHashMap<>();
        for (Severity severity : Severity.values()) {
            summary.put(severity.name().toLowerCase(Locale.ROOT),
                    result.findings().stream().filter(f -> f.severity() == severity).count());
        }
        Map<String, JsonNode> evidence = new LinkedHashMap<>();
        result.evidence().forEach((key, value) -> evidence.put(key, value(value)));
        return JSON.valueToTree(new Document("gate_evidence", VERSION, result.gate(), result.status().name(),
                new Cycle(cycle.stream(), cycle.cycleId()),
                new Step(transition.from().name(), transition.to().name(), transition.name()), at.toString(),
                rulebookHash, inputs, summary, result.findings().stream().map(FindingEntry::of).toList(), evidence));
    }

    /** One finding as JSON: code, severity, message, file, line, column, task. */
    public static ObjectNode finding(Finding f) {
        return JSON.valueToTree(FindingEntry.of(f));
    }

    /** The evidence document ({@code gate-evidence} schema), in its field order. */
    @JsonPropertyOrder({"type", "version", "gate", "status", "cycle", "transition", "at", "rulebook_hash", "inputs",
        "summary", "findings", "evidence"})
    private record Document(String type, String version, String gate, String status, Cycle cycle, Step transition,
            String at, @JsonProperty("rulebook_hash") String rulebookHash, Map<String, String> inputs,
            Map<String, Long> summary, List<FindingEntry> findings, Map<String, JsonNode> evidence) {
    }

    @JsonPropertyOrder({"stream", "cycle_id"})
    private record Cycle(String stream, @JsonProperty("cycle_id") String cycleId) {
    }

    @JsonPropertyOrder({"from", "to", "name"})
    private record Step(String from, String to, String name) {
    }

    /** A finding; {@code file} and {@code task} are written as {@code null} when absent, never left out. */
    @JsonPropertyOrder({"code", "severity", "message", "file", "line", "column", "task"})
    private record FindingEntry(String code, String severity, String message, String file, int line, int column,
            String task) {

        static FindingEntry of(Finding f) {
            return new FindingEntry(f.code(), f.severity().name().toLowerCase(Locale.ROOT), f.message(),
                    f.location().map(l -> l.file()).orElse(null), f.location().map(l -> l.line()).orElse(0),
                    f.location().map(l -> l.column()).orElse(0), f.taskId().orElse(null));
        }
    }

    /** Pretty-printed UTF-8 JSON with a final newline. */
    public static byte[] bytes(JsonNode document) {
        try {
            return (JSON.writeValueAsString(document) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /**
     * A gate's evidence value as JSON: {@code GateResult} holds JSON values only (its allow-list, when the result is
     * made), so the tree is the value's. Nothing is written as its text any more (review26: the fallback that did so
     * for a plug-in's other objects outlived the allow-list; a value the mapper refused would now fail the write).
     */
    private static JsonNode value(Object value) {
        return JSON.valueToTree(value instanceof Map<?, ?> map ? new LinkedHashMap<>(map) : value);
    }
}
