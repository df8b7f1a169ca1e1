package dev.planning.engine.internal.metrics;

import dev.planning.api.artifact.Contract;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.event.PlanningEvent;
import dev.planning.engine.internal.outcome.OutcomeSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the KPI inputs of one cycle are measured from.
 *
 * @param plan               the cycle's task breakdown
 * @param otherStreams       other streams' plans, by stream, for cross-stream dependencies
 * @param events             the cycle's events, oldest first; {@code DIGEST_PUBLISHED} events are ignored
 * @param outcomes           the imported outcomes
 * @param criticalViolations the sealed manifest's {@code governance.critical_violations}, when sealed
 * @param previousInputs     the inputs recorded by the previous cycle's digest (empty for the first)
 * @param contracts          the cross-stream contracts the cycle's stream declared (empty when none)
 * @param carried            the ids of the plan's tasks whose {@code origin} names an improvement action of a digest
 *                           another cycle published ({@link dev.planning.engine.internal.improve.CarriedOrigins}):
 *                           only these count as {@code carried_tasks} (origin41), as only these the parity gate exempts
 */
public record KpiSources(TaskBreakdown plan, Map<String, TaskBreakdown> otherStreams, List<PlanningEvent> events,
        OutcomeSet outcomes, Optional<Integer> criticalViolations, Map<String, Double> previousInputs,
        List<Contract> contracts, Set<String> carried) {

    /** Sources without declared contracts and with no task verified as carried (an origin counts only verified). */
    public KpiSources(TaskBreakdown plan, Map<String, TaskBreakdown> otherStreams, List<PlanningEvent> events,
            OutcomeSet outcomes, Optional<Integer> criticalViolations, Map<String, Double> previousInputs) {
        this(plan, otherStreams, events, outcomes, criticalViolations, previousInputs, List.of(), Set.of());
    }

    public KpiSources {
        Objects.requireNonNull(plan, "plan");
        otherStreams = Collections.unmodifiableMap(new TreeMap<>(otherStreams));
        events = List.copyOf(events);
        Objects.requireNonNull(outcomes, "outcomes");
        Objects.requireNonNull(criticalViolations, "criticalViolations");
        previousInputs = Collections.unmodifiableMap(new TreeMap<>(previousInputs));
        contracts = List.copyOf(contracts);
        carried = Set.copyOf(carried);
    }
}
