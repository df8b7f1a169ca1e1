package dev.planning.engine.internal.eventlog;

import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small event fixtures. */
final class TestEvents {

    static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    private TestEvents() {
    }

    static PlanningEvent event(String id) {
        return event(id, CYCLE);
    }

    /** An event about {@code cycle}: the file store appends an event of a cycle to that cycle's log only. */
    static PlanningEvent event(String id, CycleRef cycle) {
        return new PlanningEvent(id, Instant.parse("2025-09-02T10:00:00Z"), EventType.STATE_TRANSITION,
                Optional.of(CycleState.PLANNED), Optional.of(CycleState.READY_FOR_HANDOFF), cycle.toString(), "ci",
                Map.of("schema_lint", GateStatus.PASS), Map.of("transition", "validate_complete"));
    }

    static String head(List<RecordedEvent> events) {
        return events.isEmpty() ? RecordedEvent.GENESIS : events.get(events.size() - 1).hash();
    }
}
