package dev.planning.api.event;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleState;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One event of a cycle: the {@code event} part of the {@code planning_event} envelope.
 *
 * <p>Serialized as
 * <pre class="language-json">{@code
 * {"type":"planning_event","version":"1.0.0",
 *  "event":{"id":"evt_...","timestamp":"2025-09-02T10:00:00Z","type":"STATE_TRANSITION",
 *           "payload":{"from_state":"PLANNED","to_state":"READY_FOR_HANDOFF","entity_id":"fe/2025-09-02",
 *                      "metadata":{"triggered_by":"ci","gate_results":{"schema_lint":"PASS"},"details":{}}}},
 *  "prev_sha256":"..."}
 * }</pre>
 *
 * @param id          unique event id, never {@code null}
 * @param timestamp   when it happened, never {@code null}
 * @param type        what happened, never {@code null}
 * @param fromState   the state before, when the event concerns a transition
 * @param toState     the state after (or requested, for a refused transition)
 * @param entityId    what the event is about, normally {@code stream/cycleId}
 * @param triggeredBy who or what caused it (a user, {@code ci}, {@code system})
 * @param gateResults gate name to status, for events that ran gates; insertion-ordered
 * @param details     further string facts (e.g. a manifest checksum, a refusal reason)
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record PlanningEvent(
        String id,
        Instant timestamp,
        EventType type,
        Optional<CycleState> fromState,
        Optional<CycleState> toState,
        String entityId,
        String triggeredBy,
        Map<String, GateStatus> gateResults,
        Map<String, String> details) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param id unique event id, never {@code null}
     * @param timestamp when it happened, never {@code null}
     * @param type what happened, never {@code null}
     * @param fromState the state before, when the event concerns a transition
     * @param toState the state after (or requested, for a refused transition)
     * @param entityId what the event is about, normally {@code stream/cycleId}
     * @param triggeredBy who or what caused it (a user, {@code ci}, {@code system})
     * @param gateResults gate name to status, for events that ran gates; insertion-ordered
     * @param details further string facts (e.g. a manifest checksum, a refusal reason)
     */
    public PlanningEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fromState, "fromState");
        Objects.requireNonNull(toState, "toState");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(triggeredBy, "triggeredBy");
        gateResults = Collections.unmodifiableMap(new LinkedHashMap<>(gateResults));
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
