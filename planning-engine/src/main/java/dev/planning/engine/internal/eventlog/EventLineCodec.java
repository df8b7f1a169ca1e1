package dev.planning.engine.internal.eventlog;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.json.JsonTrees;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Maps a {@link PlanningEvent} to one line of an event log and back.
 *
 * <p>A line is the {@code planning_event} envelope with a top-level {@code prev_sha256}, keys
 * always in this order, no insignificant white space, UTF-8:
 * <pre>{@code
 * {"type":"planning_event","version":"1.0.0","event":{"id":"evt_1","timestamp":"2025-09-02T10:00:00Z",
 *  "type":"STATE_TRANSITION","payload":{"from_state":"PLANNED","to_state":"READY_FOR_HANDOFF",
 *  "entity_id":"fe/2025-09-02","metadata":{"triggered_by":"ci","gate_results":{"schema_lint":"PASS"},
 *  "details":{}}}},"prev_sha256":"000...000"}
 * }</pre>
 * An absent state is written as {@code null}. Gate results and details keep the event's insertion
 * order, so encoding a decoded line reproduces it byte for byte. Thread-safe.
 */
public final class EventLineCodec {

    /** The envelope's {@code type}. */
    public static final String ENVELOPE_TYPE = "planning_event";
    /** The envelope version this codec writes; it reads any {@code 1.x} version. */
    public static final String VERSION = "1.0.0";

    /**
     * One decoded line.
     *
     * @param event    the event, never {@code null}
     * @param prevHash the line's {@code prev_sha256}, never {@code null}
     */
    public record Line(PlanningEvent event, String prevHash) {

        public Line {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(prevHash, "prevHash");
        }
    }

    /**
     * A line that does not decode: the message says what was expected; {@link #column()} is where
     * Jackson's parser stopped in a line that is not JSON.
     */
    public static final class BadLine extends InvalidInputException {

        private static final long serialVersionUID = 1L;

        private final int column;

        BadLine(String message, int column) {
            super(message);
            this.column = column;
        }

        /** The 1-based column (a byte offset, as the parser counts) of a JSON syntax error; 0 for any other mistake. */
        public int column() {
            return column;
        }
    }

    /**
     * The line an event store appends for an event expected after {@code expectedHead}, as {@link #encode}; every
     * store refuses a line over {@link FileEventStore#MAX_LINE_BYTES}, so that a history kept in one can be written
     * to a file. A caller's wrong head is its bug ({@link IllegalArgumentException}); an over-long event, the
     * user's mistake at the log's {@code location}.
     */
    public byte[] encodeAppended(PlanningEvent event, String expectedHead, Supplier<String> location) {
        if (!Sha256.isHash(expectedHead)) {
            throw new IllegalArgumentException("expectedHead must be 64 lower-case hex digits, got " + expectedHead);
        }
        byte[] line = encode(event, expectedHead);
        if (line.length > FileEventStore.MAX_LINE_BYTES) {
            throw new InvalidInputException("event " + event.id() + " is " + line.length
                    + " bytes once encoded; an event line may be at most " + FileEventStore.MAX_LINE_BYTES
                    + " bytes: keep its details short and put bulky data in evidence files",
                    SourceLocation.ofFile(location.get()));
        }
        return line;
    }

    /** The line for an event chained to {@code prevHash}, without its line feed; UTF-8. */
    public byte[] encode(PlanningEvent event, String prevHash) {
        Objects.requireNonNull(event, "event");
        if (!Sha256.isHash(prevHash)) {
            throw new IllegalArgumentException("prevHash must be 64 lower-case hex digits, got " + prevHash);
        }
        // Written field by field (the bytes Jackson writes for the same tree): building a tree for
        // every event cost a transition more than the rest of the encoding.
        ByteArrayBuilder out = new ByteArrayBuilder(512);
        try (JsonGenerator json = JsonTrees.factory().createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("type", ENVELOPE_TYPE);
            json.writeStringField("version", VERSION);
            json.writeObjectFieldStart("event");
            json.writeStringField("id", event.id());
            json.writeStringField("timestamp", event.timestamp().toString());
            json.writeStringField("type", event.type().name());
            json.writeObjectFieldStart("payload");
            json.writeStringField("from_state", event.fromState().map(Enum::name).orElse(null));
            json.writeStringField("to_state", event.toState().map(Enum::name).orElse(null));
            json.writeStringField("entity_id", event.entityId());
            json.writeObjectFieldStart("metadata");
            json.writeStringField("triggered_by", event.triggeredBy());
            json.writeObjectFieldStart("gate_results");
            for (Map.Entry<String, GateStatus> gate : event.gateResults().entrySet()) {
                json.writeStringField(gate.getKey(), gate.getValue().name());
            }
            json.writeEndObject();
            json.writeObjectFieldStart("details");
            for (Map.Entry<String, String> detail : event.details().entrySet()) {
                json.writeStringField(detail.getKey(), detail.getValue());
            }
            json.writeEndObject();
            json.writeEndObject(); // metadata
            json.writeEndObject(); // payload
            json.writeEndObject(); // event
            json.writeStringField("prev_sha256", prevHash);
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize event " + event.id(), e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes one line (UTF-8, without its line feed).
     *
     * @throws BadLine naming the first field that is missing or malformed, or where the line stops being JSON
     */
    public Line decode(byte[] line) {
        JsonNode root;
        try {
            // The streaming parser into a tree, no ObjectMapper: `status` reads nothing else, and the
            // first mapper of a process costs more than its logs (JsonTrees).
            root = JsonTrees.readStrict(line).orElse(null);
        } catch (IOException e) {
            JsonLocation at = e instanceof JsonProcessingException json ? json.getLocation() : null;
            throw new BadLine("not valid JSON: " + firstLine(e.getMessage()),
                    at == null ? 0 : Math.max(0, at.getColumnNr()));
        }
        if (root == null || !root.isObject()) {
            throw new BadLine("expected a JSON object", 0);
        }
        String envelope = text(root, "type", "type");
        if (!ENVELOPE_TYPE.equals(envelope)) {
            throw new InvalidInputException("expected type \"" + ENVELOPE_TYPE + "\", found \"" + envelope + "\"");
        }
        String version = text(root, "version", "version");
        if (!version.startsWith("1.")) {
            throw new InvalidInputException("unsupported envelope version \"" + version + "\"; expected 1.x");
        }
        JsonNode body = object(root, "event", "event");
        JsonNode payload = object(body, "payload", "event.payload");
        JsonNode metadata = object(payload, "metadata", "event.payload.metadata");
        String prevHash = text(root, "prev_sha256", "prev_sha256");
        if (!Sha256.isHash(prevHash)) {
            throw new InvalidInputException("prev_sha256 must be 64 lower-case hex digits, found \"" + prevHash + "\"");
        }
        PlanningEvent event = new PlanningEvent(
                text(body, "id", "event.id"),
                instant(text(body, "timestamp", "event.timestamp")),
                eventType(text(body, "type", "event.type")),
                state(payload, "from_state"),
                state(payload, "to_state"),
                text(payload, "entity_id", "event.payload.entity_id"),
                text(metadata, "triggered_by", "event.payload.metadata.triggered_by"),
                gateResults(metadata),
                details(metadata));
        return new Line(event, prevHash);
    }

    private static JsonNode object(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("expected an object at " + path);
        }
        return node;
    }

    private static String text(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual()) {
            throw new InvalidInputException("expected a string at " + path);
        }
        return node.textValue();
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("event.timestamp \"" + text + "\" is not an ISO-8601 instant"
                    + " such as 2025-09-02T10:00:00Z");
        }
    }

    private static EventType eventType(String text) {
        try {
            return EventType.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unknown event.type \"" + text + "\"; expected one of "
                    + names(EventType.values()));
        }
    }

    private static Optional<CycleState> state(JsonNode payload, String field) {
        JsonNode node = payload.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new InvalidInputException("expected a state name or null at event.payload." + field);
        }
        try {
            return Optional.of(CycleState.valueOf(node.textValue()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unknown state \"" + node.textValue() + "\" at event.payload." + field
                    + "; expected one of " + names(CycleState.values()));
        }
    }

    private static Map<String, GateStatus> gateResults(JsonNode metadata) {
        Map<String, GateStatus> results = new LinkedHashMap<>();
        JsonNode node = metadata.get("gate_results");
        if (node == null || node.isNull()) {
            return results;
        }
        if (!node.isObject()) {
            throw new InvalidInputException("expected an object at event.payload.metadata.gate_results");
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String status = entry.getValue().isTextual() ? entry.getValue().textValue() : "";
            try {
                results.put(entry.getKey(), GateStatus.valueOf(status));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("gate_results." + entry.getKey() + " must be one of "
                        + names(GateStatus.values()) + ", found " + entry.getValue());
            }
        }
        return results;
    }

    private static Map<String, String> details(JsonNode metadata) {
        Map<String, String> details = new LinkedHashMap<>();
        JsonNode node = metadata.get("details");
        if (node == null || node.isNull()) {
            return details;
        }
        if (!node.isObject()) {
            throw new InvalidInputException("expected an object at event.payload.metadata.details");
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new InvalidInputException("details." + entry.getKey() + " must be a string, found "
                        + entry.getValue());
            }
            details.put(entry.getKey(), entry.getValue().textValue());
        }
        return details;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** The values' names separated by commas, as a message lists what it expected: {@code A, B, C}. */
    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
    }
}
