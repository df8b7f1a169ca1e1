package dev.planning.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.internal.eventlog.FileEventStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public line format: what an embedder's own store needs to hold the file store's lines and hashes. */
class EventLinesTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    @TempDir
    Path dir;

    private static PlanningEvent event(String id) {
        Map<String, GateStatus> gates = new LinkedHashMap<>();
        gates.put("schema_lint", GateStatus.PASS);
        gates.put("governance", GateStatus.FAIL);
        return new PlanningEvent(id, Instant.parse("2025-09-02T10:15:30.123Z"), EventType.TRANSITION_REFUSED,
                Optional.of(CycleState.PLANNED), Optional.of(CycleState.READY_FOR_HANDOFF), CYCLE.toString(), "ci",
                gates, Map.of("reason", "governance: 1 critical — \"quoted\"\nsecond line"));
    }

    @Test
    void givesTheFileStoresLinesAndHashes() {
        FileEventStore files = new FileEventStore(dir);
        RecordedEvent first = files.append(CYCLE, event("evt_1"), RecordedEvent.GENESIS);
        RecordedEvent second = files.append(CYCLE, event("evt_2"), first.hash());

        byte[] line1 = EventLines.encode(event("evt_1"), RecordedEvent.GENESIS);
        byte[] line2 = EventLines.encode(event("evt_2"), EventLines.hash(line1));

        assertThat(EventLines.decode(1, line1)).isEqualTo(first);
        assertThat(EventLines.decode(2, line2)).isEqualTo(second);
        assertThat(new String(line1, StandardCharsets.UTF_8)).startsWith("{\"type\":\"planning_event\"")
                .doesNotContain("\n");
    }

    @Test
    void encodingADecodedLineGivesTheSameBytes() {
        byte[] line = EventLines.encode(event("evt_1"), RecordedEvent.GENESIS);

        RecordedEvent decoded = EventLines.decode(1, line);

        assertThat(EventLines.encode(decoded.event(), decoded.prevHash())).isEqualTo(line);
        assertThat(decoded.hash()).isEqualTo(EventLines.hash(line)).matches("[0-9a-f]{64}");
    }

    @Test
    void refusesAMalformedLineAPrevHashThatIsNoHashAndABadLineNumber() {
        byte[] line = EventLines.encode(event("evt_1"), RecordedEvent.GENESIS);

        assertThatThrownBy(() -> EventLines.decode(1, "{\"type\":\"other\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("planning_event");
        assertThatThrownBy(() -> EventLines.decode(1, "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> EventLines.encode(event("evt_1"), "ABC"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prevHash");
        assertThatThrownBy(() -> EventLines.decode(0, line))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lineNumber");
        assertThatThrownBy(() -> EventLines.encode(null, RecordedEvent.GENESIS))
                .isInstanceOf(NullPointerException.class).hasMessage("event");
    }
}
