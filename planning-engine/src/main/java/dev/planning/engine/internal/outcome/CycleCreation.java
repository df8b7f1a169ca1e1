package dev.planning.engine.internal.outcome;

import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a cycle's creation is learnt, for {@link DeploymentScope#of}: always its event log's first event, read from
 * the history in hand, the event store, or the log lint has read (kpi38: the importer, the KPIs, the gates and lint
 * each found it their own way, and a recomputed verdict not at all).
 */
@FunctionalInterface
public interface CycleCreation {

    /**
     * When the cycle was created: its log's first event.
     *
     * @return empty when the log has no event, or was not read: then every deployment is refused
     *         ({@link DeploymentScope})
     */
    Optional<Instant> created();

    /** The creation of the cycle whose recorded events, oldest first, are {@code history}. */
    static CycleCreation of(List<RecordedEvent> history) {
        Optional<Instant> first = history.stream().findFirst().map(recorded -> recorded.event().timestamp());
        return () -> first;
    }

    /** The creation of the cycle whose events, oldest first, are {@code events}. */
    static CycleCreation ofEvents(List<PlanningEvent> events) {
        Optional<Instant> first = events.stream().findFirst().map(PlanningEvent::timestamp);
        return () -> first;
    }
}
