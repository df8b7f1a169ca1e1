package dev.planning.engine.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.planning.api.InvalidInputException;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventInputsTest {

    private static PlanningEvent created(String at) {
        return new PlanningEvent("e0", Instant.parse(at), EventType.CYCLE_CREATED, Optional.empty(),
                Optional.of(CycleState.PLANNED), "fe/2025-09-01", "alice", Map.of(), Map.of());
    }

    /** An attempt judged at {@code judged} (none: a log written before the detail) and stamped at {@code at}. */
    private static PlanningEvent move(String id, EventType type, CycleState from, CycleState to, GateStatus gate,
            String judged, String at) {
        return new PlanningEvent(id, Instant.parse(at), type, Optional.of(from), Optional.of(to), "fe/2025-09-01",
                "alice", Map.of("schema_lint", gate), judged == null ? Map.of() : Map.of("judged_at", judged));
    }

    private static final List<PlanningEvent> LOG = List.of(
            created("2025-09-01T00:00:00Z"),
            move("e1", EventType.TRANSITION_REFUSED, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF, GateStatus.FAIL,
                    "2025-09-01T10:00:00Z", "2025-09-01T10:00:00.500Z"),
            move("e2", EventType.STATE_TRANSITION, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF, GateStatus.PASS,
                    "2025-09-01T12:00:00Z", "2025-09-01T12:00:30Z"),
            move("e3", EventType.STATE_TRANSITION, CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED, GateStatus.PASS,
                    "2025-09-10T23:59:59.999Z", "2025-09-11T00:00:00.200Z"),
            move("e4", EventType.STATE_TRANSITION, CycleState.PACKAGED, CycleState.EXECUTED, GateStatus.PASS,
                    "2025-09-11T08:00:00Z", "2025-09-11T08:00:01Z"),
            move("e5", EventType.STATE_TRANSITION, CycleState.EXECUTED, CycleState.VALIDATED, GateStatus.PASS,
                    "2025-09-12T00:00:00Z", "2025-09-12T00:00:02Z"));

    private static Map<String, Double> inputs(List<PlanningEvent> log, LocalDate due) {
        return EventInputs.of(log, Optional.of(due), EventInputs.judgedInstants(log));
    }

    /**
     * Gates and moves are timed as the history check judges them (clock16's {@code judged_at}), not by the
     * instant the event was appended: a handoff whose seal judged at 23:59:59.999 on its due date is on
     * time, as its manifest's {@code sealed_at} says, though its event is stamped after midnight.
     */
    @Test
    void gatesAndMovesAreTimedAtTheInstantTheirGatesJudged() {
        Map<String, Double> inputs = inputs(LOG, LocalDate.parse("2025-09-10"));

        assertThat(inputs.get("handoff_on_time")).isEqualTo(1.0);
        // schema_lint at PLANNED->READY_FOR_HANDOFF: failed at 10:00, green at 12:00; the other checks green at once.
        assertThat(inputs.get("mean_time_to_green_hours")).isEqualTo(2.0 / 4);
        assertThat(inputs.get("lead_time_hours")).isEqualTo(264.0);
        assertThat(inputs.get("cycle_time_hours")).isCloseTo(24.0, within(1e-6));
        assertThat(inputs.get("cycle_days")).isEqualTo(12.0);
    }

    @Test
    void aLogWithoutTheJudgedInstantIsTimedByItsEventsAsBefore() {
        List<PlanningEvent> old = LOG.stream().map(e -> new PlanningEvent(e.id(), e.timestamp(), e.type(),
                e.fromState(), e.toState(), e.entityId(), e.triggeredBy(), e.gateResults(), Map.of())).toList();

        Map<String, Double> inputs = inputs(old, LocalDate.parse("2025-09-10"));

        assertThat(inputs.get("handoff_on_time")).isEqualTo(0.0);
        assertThat(inputs.get("mean_time_to_green_hours")).isCloseTo((2.0 + 29.5 / 3600) / 4, within(1e-12));
    }

    /** A {@code judged_at} a contributor writes outside its bounds would make gate times untrue: refused. */
    @Test
    void aJudgedInstantOutsideItsBoundsIsRefusedNamingTheEvent() {
        List<PlanningEvent> later = List.of(LOG.get(0), move("e1", EventType.TRANSITION_REFUSED, CycleState.PLANNED,
                CycleState.READY_FOR_HANDOFF, GateStatus.FAIL, "2025-09-01T10:00:01Z", "2025-09-01T10:00:00.500Z"));
        List<PlanningEvent> earlier = List.of(LOG.get(0), move("e1", EventType.TRANSITION_REFUSED, CycleState.PLANNED,
                CycleState.READY_FOR_HANDOFF, GateStatus.FAIL, "2025-08-31T23:00:00Z", "2025-09-01T10:00:00.500Z"));

        assertThatThrownBy(() -> EventInputs.judgedInstants(later)).isInstanceOf(InvalidInputException.class)
                // errors18: which event of the log (the KPIs read the log as events, without their lines), and what to do.
                .hasMessageStartingWith("event e1 (event 2 of the cycle's log) records judged_at 2025-09-01T10:00:01Z,"
                        + " later than the event's timestamp")
                .hasMessageEndingWith("(restore the log)");
        assertThatThrownBy(() -> EventInputs.judgedInstants(earlier)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("event e1 (event 2 of the cycle's log) records judged_at 2025-08-31T23:00:00Z,"
                        + " earlier than the event before it");
    }

    /** An event's id is any text the log holds: the refusal names it on one line. */
    @Test
    void theRefusalNamesTheEventOnOneLine() {
        List<PlanningEvent> later = List.of(LOG.get(0), move("e1\nok: digest published", EventType.TRANSITION_REFUSED,
                CycleState.PLANNED, CycleState.READY_FOR_HANDOFF, GateStatus.FAIL, "2025-09-01T10:00:01Z",
                "2025-09-01T10:00:00.500Z"));

        assertThatThrownBy(() -> EventInputs.judgedInstants(later)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("event e1\\u000Aok: digest published (event 2 of the cycle's log) records"
                        + " judged_at");
    }
}
