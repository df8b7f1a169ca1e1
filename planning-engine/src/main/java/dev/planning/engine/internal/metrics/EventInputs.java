package dev.planning.engine.internal.metrics;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.internal.lifecycle.JudgedInstant;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The inputs measured from the cycle's event log (see {@link KpiInputCatalog}). */
final class EventInputs {

    /** Events that record a transition attempt, with the gate results that decided it. */
    static final Set<EventType> ATTEMPTS = EnumSet.of(EventType.STATE_TRANSITION, EventType.TRANSITION_REFUSED,
            EventType.PLAN_UPDATED, EventType.CYCLE_COMPLETED);

    private EventInputs() {
    }

    /**
     * The inputs, each move and gate run timed at the instant its gates judged ({@link JudgedInstant}: the
     * event's {@code judged_at}, as the history check past {@code PACKAGED} judges the move; its timestamp
     * in a log written before that detail); the cycle's span ({@code cycle_days}) by its events' timestamps.
     *
     * @param events     the cycle's events, oldest first, without {@code DIGEST_PUBLISHED}
     * @param handoffDue the latest due date of the plan's work items, when any has one
     * @param judged     the instant each event's gates judged, by event id ({@link #judgedInstants})
     */
    static Map<String, Double> of(List<PlanningEvent> events, Optional<LocalDate> handoffDue,
            Map<String, Instant> judged) {
        Map<String, Double> inputs = new TreeMap<>();
        if (events.isEmpty()) {
            return inputs;
        }
        Instant created = events.get(0).timestamp();
        inputs.put("cycle_days", (double) calendarDays(created, events.get(events.size() - 1).timestamp()));
        gates(events, inputs, judged);
        int accepted = 0;
        int refused = 0;
        int planUpdates = 0;
        int handoffs = 0;
        int handoffsAccepted = 0;
        Instant packaged = null;
        Instant validated = null;
        for (PlanningEvent event : events) {
            if (!ATTEMPTS.contains(event.type())) {
                continue;
            }
            boolean ok = event.type() != EventType.TRANSITION_REFUSED;
            if (ok) {
                accepted++;
            } else {
                refused++;
            }
            if (event.type() == EventType.PLAN_UPDATED) {
                planUpdates++;
            }
            CycleState to = event.toState().orElse(null);
            if (to == CycleState.PACKAGED && event.fromState().orElse(null) == CycleState.READY_FOR_HANDOFF) {
                handoffs++;
                if (ok) {
                    handoffsAccepted++;
                    packaged = packaged == null ? judged.get(event.id()) : packaged;
                }
            }
            if (ok && to == CycleState.VALIDATED && validated == null) {
                validated = judged.get(event.id());
            }
        }
        inputs.put("transitions_accepted", (double) accepted);
        inputs.put("transitions_refused", (double) refused);
        inputs.put("plan_updates", (double) planUpdates);
        inputs.put("handoffs_attempted", (double) handoffs);
        inputs.put("handoffs_accepted", (double) handoffsAccepted);
        if (validated != null) {
            inputs.put("lead_time_hours", hours(created, validated));
            if (packaged != null) {
                inputs.put("cycle_time_hours", hours(packaged, validated));
            }
        }
        if (packaged != null && handoffDue.isPresent()) {
            LocalDate handedOff = packaged.atOffset(ZoneOffset.UTC).toLocalDate();
            inputs.put("handoff_on_time", handedOff.isAfter(handoffDue.get()) ? 0.0 : 1.0);
        }
        return inputs;
    }

    /**
     * Gate figures. A gate "check" is one gate at one transition (schema_lint before the handoff
     * and schema_lint at packaging are two checks): a re-run is a check run again, typically after
     * a refusal, and time to green is measured per check.
     */
    private static void gates(List<PlanningEvent> events, Map<String, Double> inputs, Map<String, Instant> judged) {
        int runs = 0;
        int passes = 0;
        // Per check, in first-run order: the time of its first run and of its first passing run.
        Map<String, Instant> firstRun = new LinkedHashMap<>();
        Map<String, Boolean> firstPassed = new LinkedHashMap<>();
        Map<String, Instant> firstGreen = new LinkedHashMap<>();
        Boolean crossStream = null;
        for (PlanningEvent event : events) {
            if (!ATTEMPTS.contains(event.type())) {
                continue;
            }
            String transition = event.fromState().map(Enum::name).orElse("?") + "->"
                    + event.toState().map(Enum::name).orElse("?");
            for (Map.Entry<String, GateStatus> result : event.gateResults().entrySet()) {
                String check = transition + " " + result.getKey();
                runs++;
                boolean passed = result.getValue() != GateStatus.FAIL;
                if (passed) {
                    passes++;
                    firstGreen.putIfAbsent(check, judged.get(event.id()));
                }
                firstRun.putIfAbsent(check, judged.get(event.id()));
                firstPassed.putIfAbsent(check, passed);
                if (crossStream == null && result.getKey().equals("cross_stream_consistency")) {
                    crossStream = passed;
                }
            }
        }
        inputs.put("gate_runs", (double) runs);
        inputs.put("gate_passes", (double) passes);
        inputs.put("gates_distinct", (double) firstRun.size());
        inputs.put("gate_reruns", (double) (runs - firstRun.size()));
        inputs.put("gates_first_pass", (double) firstPassed.values().stream().filter(b -> b).count());
        if (crossStream != null) {
            inputs.put("cross_stream_first_pass", crossStream ? 1.0 : 0.0);
        }
        List<Double> toGreen = new ArrayList<>();
        firstGreen.forEach((check, green) -> toGreen.add(hours(firstRun.get(check), green)));
        if (!toGreen.isEmpty()) {
            inputs.put("mean_time_to_green_hours", toGreen.stream().mapToDouble(Double::doubleValue).sum() / toGreen.size());
        }
    }

    /**
     * The instant each event of a log judged as of, by event id ({@link JudgedInstant#of} against the event
     * before it, {@code DIGEST_PUBLISHED} included, as the history check reads the log).
     *
     * @param log the cycle's whole log, oldest first
     * @throws InvalidInputException naming the event, when its {@code judged_at} is not an instant between
     *                               the event before and its own timestamp: its gate times would be untrue
     */
    static Map<String, Instant> judgedInstants(List<PlanningEvent> log) {
        Map<String, Instant> judged = new HashMap<>();
        for (int i = 0; i < log.size(); i++) {
            PlanningEvent event = log.get(i);
            try {
                judged.put(event.id(), JudgedInstant.of(event, i == 0 ? null : log.get(i - 1)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("event " + Printable.line(event.id()) + " (event " + (i + 1)
                        + " of the cycle's log) records " + e.getMessage() + "; the digest"
                        + " times its gates and move as of that instant, which must lie between the event before and"
                        + " the event's own timestamp (restore the log)");
            }
        }
        return judged;
    }

    /**
     * The UTC calendar days a cycle spans, both ends included: a cycle created and finished on the
     * same day took 1 day, never a fraction of one (elapsed hours would make a cycle run in seconds
     * look like thousands of points per day).
     */
    static long calendarDays(Instant from, Instant to) {
        LocalDate first = from.atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate last = to.atOffset(ZoneOffset.UTC).toLocalDate();
        return Math.max(1, ChronoUnit.DAYS.between(first, last) + 1);
    }

    static double hours(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 3_600_000.0;
    }
}
