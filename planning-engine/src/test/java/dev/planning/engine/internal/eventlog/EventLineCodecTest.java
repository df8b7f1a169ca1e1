package dev.planning.engine.internal.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.InvalidInputException;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventLineCodecTest {

    private final EventLineCodec codec = new EventLineCodec();

    @Test
    void writesTheEnvelopeWithStableKeyOrder() {
        String line = text(codec.encode(TestEvents.event("evt_1"), RecordedEvent.GENESIS));

        assertThat(line).isEqualTo("{\"type\":\"planning_event\",\"version\":\"1.0.0\",\"event\":{\"id\":\"evt_1\","
                + "\"timestamp\":\"2025-09-02T10:00:00Z\",\"type\":\"STATE_TRANSITION\",\"payload\":{"
                + "\"from_state\":\"PLANNED\",\"to_state\":\"READY_FOR_HANDOFF\",\"entity_id\":\"fe/2025-09-02\","
                + "\"metadata\":{\"triggered_by\":\"ci\",\"gate_results\":{\"schema_lint\":\"PASS\"},"
                + "\"details\":{\"transition\":\"validate_complete\"}}}},\"prev_sha256\":\"" + "0".repeat(64) + "\"}");
    }

    @Test
    void decodingThenEncodingReproducesTheLineByteForByte() {
        Map<String, GateStatus> gates = new LinkedHashMap<>();
        gates.put("zeta", GateStatus.FAIL);
        gates.put("alpha", GateStatus.WARN);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", "gates failed: zeta — “unicode” ok");
        details.put("a", "line\nbreak");
        PlanningEvent event = new PlanningEvent("evt_2", Instant.parse("2025-09-02T10:00:00.123456789Z"),
                EventType.TRANSITION_REFUSED, Optional.empty(), Optional.of(CycleState.PACKAGED), "fe/x", "ana",
                gates, details);
        String prev = "ab".repeat(32);

        byte[] line = codec.encode(event, prev);
        EventLineCodec.Line decoded = codec.decode(line);

        assertThat(decoded.event()).isEqualTo(event);
        assertThat(decoded.prevHash()).isEqualTo(prev);
        assertThat(codec.encode(decoded.event(), decoded.prevHash())).isEqualTo(line);
        assertThat(line).doesNotContain((byte) '\n');
        assertThat(text(line)).contains("\"from_state\":null");
    }

    @Test
    void writesTheSameBytesAsJacksonWritesForTheEnvelopeTree() throws Exception {
        // Logs written before the codec streamed its output were Jackson trees; their hashes must not change.
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", "quotes \" and \\ backslash, tab\t, é, “unicode”, \u0001 control, \uD83D\uDE00");
        details.put("empty", "");
        PlanningEvent event = new PlanningEvent("evt_3", Instant.parse("2025-09-02T10:00:00.5Z"),
                EventType.CYCLE_CREATED, Optional.empty(), Optional.of(CycleState.PLANNED), "fe/2025-09-02", "bob",
                Map.of(), details);
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("type", "planning_event");
        root.put("version", "1.0.0");
        ObjectNode body = root.putObject("event");
        body.put("id", "evt_3");
        body.put("timestamp", "2025-09-02T10:00:00.500Z");
        body.put("type", "CYCLE_CREATED");
        ObjectNode payload = body.putObject("payload");
        payload.putNull("from_state");
        payload.put("to_state", "PLANNED");
        payload.put("entity_id", "fe/2025-09-02");
        ObjectNode metadata = payload.putObject("metadata");
        metadata.put("triggered_by", "bob");
        metadata.putObject("gate_results");
        ObjectNode written = metadata.putObject("details");
        details.forEach(written::put);
        root.put("prev_sha256", "cd".repeat(32));

        assertThat(codec.encode(event, "cd".repeat(32))).isEqualTo(mapper.writeValueAsBytes(root));
    }

    @Test
    void refusesLinesThatAreNotPlanningEvents() {
        assertThatThrownBy(() -> decode("not json")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> decode("[1]")).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> decode(valid().replace("planning_event", "other_event")))
                .hasMessageContaining("expected type \"planning_event\"");
        assertThatThrownBy(() -> decode(valid().replace("1.0.0", "2.0.0")))
                .hasMessageContaining("unsupported envelope version");
        assertThatThrownBy(() -> decode(valid().replace("2025-09-02T10:00:00Z", "yesterday")))
                .hasMessageContaining("event.timestamp \"yesterday\"");
        assertThatThrownBy(() -> decode(valid().replace("STATE_TRANSITION", "NAP")))
                .hasMessageContaining("unknown event.type \"NAP\"").hasMessageNotContaining("[");
        assertThatThrownBy(() -> decode(valid().replace("\"READY_FOR_HANDOFF\"", "\"DONE\"")))
                .hasMessageContaining("unknown state \"DONE\" at event.payload.to_state; expected one of PLANNED,"
                        + " READY_FOR_HANDOFF, PACKAGED, EXECUTED, VALIDATED, IMPROVE, COMPLETED");
        assertThatThrownBy(() -> decode(valid().replace("0".repeat(64), "0".repeat(63))))
                .hasMessageContaining("prev_sha256 must be 64 lower-case hex digits");
        assertThatThrownBy(() -> decode(valid().replace("\"PASS\"", "\"MAYBE\"")))
                .hasMessageContaining("gate_results.schema_lint must be one of").hasMessageNotContaining("[");
        assertThatThrownBy(() -> decode(valid() + " {}")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> decode(valid().replace("\"id\":\"evt_1\",", "")))
                .hasMessageContaining("expected a string at event.id");
    }

    @Test
    void refusesDuplicateKeys() {
        assertThatThrownBy(() -> decode(valid().replace("\"id\":\"evt_1\"", "\"id\":\"evt_1\",\"id\":\"evt_2\"")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Duplicate field");
    }

    private String valid() {
        return text(codec.encode(TestEvents.event("evt_1"), RecordedEvent.GENESIS));
    }

    private void decode(String line) {
        codec.decode(line.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** fold24: the one check every store (file, in-memory, PostgreSQL) makes before it appends a line. */
    @Test
    void anAppendedLineMayBeExactlyTheLimitAndNotOneByteMore() {
        int bare = codec.encode(withBlob(""), RecordedEvent.GENESIS).length;
        PlanningEvent atLimit = withBlob("x".repeat(FileEventStore.MAX_LINE_BYTES - bare));
        PlanningEvent over = withBlob("x".repeat(FileEventStore.MAX_LINE_BYTES - bare + 1));

        assertThat(codec.encodeAppended(atLimit, RecordedEvent.GENESIS, () -> {
            throw new AssertionError("the location is named only in a refusal");
        })).hasSize(FileEventStore.MAX_LINE_BYTES);
        assertThatThrownBy(() -> codec.encodeAppended(over, RecordedEvent.GENESIS, () -> "events/fe.jsonl"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is 1048577 bytes once encoded; an event line may be at most 1048576 bytes")
                .satisfies(e -> assertThat(((InvalidInputException) e).location())
                        .hasValueSatisfying(l -> assertThat(l.file()).isEqualTo("events/fe.jsonl")));
    }

    @Test
    void anAppendAfterAHeadThatIsNoHashIsTheCallersBug() {
        assertThatThrownBy(() -> codec.encodeAppended(TestEvents.event("evt_1"), "ABC", () -> "events/fe.jsonl"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(
                        "expectedHead must be 64 lower-case hex digits, got ABC");
    }

    private static PlanningEvent withBlob(String blob) {
        PlanningEvent e = TestEvents.event("evt_big");
        return new PlanningEvent(e.id(), e.timestamp(), e.type(), e.fromState(), e.toState(), e.entityId(),
                e.triggeredBy(),
                Map.of(), Map.of("blob", blob));
    }
}
