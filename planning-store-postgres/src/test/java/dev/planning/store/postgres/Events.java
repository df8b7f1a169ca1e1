package dev.planning.store.postgres;

import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Small event fixtures. */
final class Events {

    private static final AtomicLong IDS = new AtomicLong();
    static final Instant T0 = Instant.parse("2025-09-02T10:00:00Z");

    private Events() {
    }

    static String id() {
        return "evt_" + ProcessHandle.current().pid() + "_" + IDS.incrementAndGet() + "_" + Long.toHexString(System.nanoTime());
    }

    static PlanningEvent created(CycleRef cycle) {
        return new PlanningEvent(id(), T0, EventType.CYCLE_CREATED, Optional.empty(), Optional.of(CycleState.PLANNED),
                cycle.toString(), "test", Map.of(), Map.of());
    }

    /** A {@code CYCLE_CREATED} dated {@code at}: a second one, after events dated later than {@link #T0}. */
    static PlanningEvent created(CycleRef cycle, Instant at) {
        return new PlanningEvent(id(), at, EventType.CYCLE_CREATED, Optional.empty(), Optional.of(CycleState.PLANNED),
                cycle.toString(), "test", Map.of(), Map.of());
    }

    static PlanningEvent moved(CycleRef cycle, CycleState from, CycleState to) {
        return new PlanningEvent(id(), T0.plusSeconds(60), EventType.STATE_TRANSITION, Optional.of(from),
                Optional.of(to), cycle.toString(), "test", Map.of("schema_lint", GateStatus.PASS), Map.of());
    }

    static PlanningEvent refused(CycleRef cycle, CycleState from, CycleState to, Instant at) {
        return new PlanningEvent(id(), at, EventType.TRANSITION_REFUSED, Optional.of(from), Optional.of(to),
                cycle.toString(), "test", Map.of("governance", GateStatus.FAIL), Map.of());
    }

    static PlanningEvent fact(CycleRef cycle, EventType type, Map<String, String> details) {
        return new PlanningEvent(id(), T0.plusSeconds(120), type, Optional.empty(), Optional.empty(),
                cycle.toString(), "test", Map.of(), details);
    }

    /**
     * {@code history} re-dated a second apart from {@link #T0}, in its order: the file store refuses a log dated
     * backwards (time41), and the helpers above date each kind of event at one fixed time.
     */
    static List<PlanningEvent> datedInOrder(List<PlanningEvent> history) {
        List<PlanningEvent> dated = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            PlanningEvent e = history.get(i);
            dated.add(new PlanningEvent(e.id(), T0.plusSeconds(i), e.type(), e.fromState(), e.toState(),
                    e.entityId(), e.triggeredBy(), e.gateResults(), e.details()));
        }
        return List.copyOf(dated);
    }
}
