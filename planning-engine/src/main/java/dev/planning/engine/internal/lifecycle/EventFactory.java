package dev.planning.engine.internal.lifecycle;

import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Transition;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Builds the events the machine records, so that every event gets its id, time and author the same
 * way and the detail keys are spelled in one place.
 */
final class EventFactory {

    private final Clock clock;
    private final Supplier<String> ids;
    private final String triggeredBy;

    EventFactory(Clock clock, Supplier<String> ids, String triggeredBy) {
        this.clock = clock;
        this.ids = ids;
        this.triggeredBy = triggeredBy;
    }

    PlanningEvent created(CycleRef cycle) {
        return created(cycle, Optional.empty());
    }

    /** {@code CYCLE_CREATED}, stamped {@code at} when given (the instant of the attempt that opens the log). */
    PlanningEvent created(CycleRef cycle, Optional<Instant> at) {
        return new PlanningEvent(ids.get(), at.orElseGet(clock::instant), EventType.CYCLE_CREATED, Optional.empty(),
                Optional.of(CycleState.PLANNED), cycle.toString(), triggeredBy, Map.of(), Map.of());
    }

    /** A non-transition fact, stamped with the state the cycle was in. */
    PlanningEvent fact(CycleRef cycle, EventType type, CycleState state, Map<String, String> details) {
        return fact(cycle, type, state, details, Optional.empty());
    }

    /**
     * A non-transition fact, stamped now but never earlier than {@code notBefore} when given: the timestamp of the
     * event it follows, the {@code CYCLE_CREATED} written just before it or the log's last event (a clock set back
     * meanwhile dated the fact before the event it follows: review38a, scope39).
     */
    PlanningEvent fact(CycleRef cycle, EventType type, CycleState state, Map<String, String> details,
            Optional<Instant> notBefore) {
        Instant now = clock.instant();
        Instant at = notBefore.filter(now::isBefore).orElse(now);
        return new PlanningEvent(ids.get(), at, type, Optional.of(state), Optional.of(state), cycle.toString(),
                triggeredBy, Map.of(), details);
    }

    /**
     * An attempt at {@code transition}: accepted ({@code STATE_TRANSITION}, or {@code PLAN_UPDATED}
     * and {@code CYCLE_COMPLETED} for those two moves) or {@code TRANSITION_REFUSED}. Stamped now, but never earlier
     * than the instant its gates judged ({@code judgedAt}: a clock set back meanwhile) nor than {@code lastEvent}, the
     * timestamp of the event it follows when the log had one (a clock behind the log dated the move before that event:
     * time40), as a fact is.
     */
    PlanningEvent attempt(CycleRef cycle, Transition transition, List<GateResult> results, boolean accepted,
            Optional<CycleState> movedTo, Map<String, String> context, Instant judgedAt,
            Optional<Instant> lastEvent) {
        Map<String, GateStatus> gates = new LinkedHashMap<>();
        results.forEach(result -> gates.put(result.gate(), result.status()));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("transition", transition.name());
        details.putAll(context);
        if (!results.isEmpty()) {
            details.put("findings_error", count(results, Severity.ERROR));
            details.put("findings_warning", count(results, Severity.WARNING));
            details.put("findings_info", count(results, Severity.INFO));
        }
        if (!accepted) {
            String failed = results.stream().filter(r -> !r.passed()).map(GateResult::gate)
                    .collect(Collectors.joining(","));
            details.put("failed_gates", failed);
            details.put("reason", "gates failed: " + failed.replace(",", ", "));
            movedTo.ifPresent(state -> details.put(CycleFold.MOVED_TO, state.name()));
        }
        Instant at = latest(latest(clock.instant(), judgedAt), lastEvent.orElse(judgedAt));
        return new PlanningEvent(ids.get(), at, type(transition, accepted),
                Optional.of(transition.from()), Optional.of(transition.to()), cycle.toString(), triggeredBy, gates,
                details);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isBefore(b) ? b : a;
    }

    private static EventType type(Transition transition, boolean accepted) {
        if (!accepted) {
            return EventType.TRANSITION_REFUSED;
        }
        if (transition.from() == CycleState.PLANNED && transition.to() == CycleState.PLANNED) {
            return EventType.PLAN_UPDATED;
        }
        return transition.to() == CycleState.COMPLETED ? EventType.CYCLE_COMPLETED : EventType.STATE_TRANSITION;
    }

    private static String count(List<GateResult> results, Severity severity) {
        long n = results.stream().flatMap(r -> r.findings().stream()).map(Finding::severity)
                .filter(s -> s == severity).count();
        return Long.toString(n);
    }
}
