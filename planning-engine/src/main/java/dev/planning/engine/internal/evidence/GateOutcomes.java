package dev.planning.engine.internal.evidence;

import dev.planning.api.artifact.GateOutcome;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The latest outcome of each gate of a cycle, read from its event history: status and time from
 * the last transition attempt that ran the gate, and the evidence file from that event's
 * {@code evidence.<gate>} detail. What a manifest's {@code gate_results} and a digest's gate
 * table show.
 *
 * <pre>{@code
 * Map<String, GateOutcome> outcomes = GateOutcomes.latest(workspace.status(cycle).history());
 * outcomes.get("schema_lint").evidence();   // Optional[frameworks/planning-fe/evidence/2025-09-02/...json]
 * }</pre>
 */
public final class GateOutcomes {

    /** The prefix of the event detail that holds a gate's evidence path. */
    public static final String DETAIL_PREFIX = "evidence.";

    private static final Set<EventType> ATTEMPTS = EnumSet.of(EventType.STATE_TRANSITION,
            EventType.TRANSITION_REFUSED, EventType.PLAN_UPDATED, EventType.CYCLE_COMPLETED);

    private GateOutcomes() {
    }

    /** The event detail key of a gate's evidence path: {@code evidence.<gate>}. */
    public static String detailKey(String gate) {
        return DETAIL_PREFIX + gate;
    }

    /** Each gate's latest outcome, in the order the gates first ran. */
    public static Map<String, GateOutcome> latest(List<RecordedEvent> history) {
        Map<String, GateOutcome> outcomes = new LinkedHashMap<>();
        for (RecordedEvent recorded : history) {
            PlanningEvent event = recorded.event();
            if (!ATTEMPTS.contains(event.type())) {
                continue;
            }
            event.gateResults().forEach((gate, status) -> outcomes.put(gate, new GateOutcome(status,
                    Optional.ofNullable(event.details().get(detailKey(gate))), event.timestamp())));
        }
        return outcomes;
    }
}
