package dev.planning.engine.internal.metrics;

import dev.planning.api.artifact.Task;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.engine.internal.outcome.CycleCreation;
import dev.planning.engine.internal.outcome.Delivery;
import dev.planning.engine.internal.outcome.DeploymentScope;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Measures the named KPI inputs of a cycle from its sources. Every input is documented in
 * {@link KpiInputCatalog}; an input that cannot be measured is absent from the result, never 0.
 *
 * <pre>{@code
 * SortedMap<String, Double> inputs = KpiInputs.collect(sources);
 * List<KpiValue> kpis = new KpiEvaluator().evaluate(rulebook.kpis(), inputs);
 * }</pre>
 */
public final class KpiInputs {

    private KpiInputs() {
    }

    /** The inputs, sorted by name. */
    public static SortedMap<String, Double> collect(KpiSources sources) {
        SortedMap<String, Double> inputs = new TreeMap<>();
        // A deployment before the cycle's creation, or listing no work item of the plan, is refused as at import: a
        // file committed by hand is judged as one imported (kpi37).
        DeploymentScope.of(CycleCreation.ofEvents(sources.events()), Optional.of(sources.plan()))
                .require(sources.outcomes().deployments());
        inputs.putAll(PlanInputs.of(sources.plan(), Delivery.of(sources.outcomes()).deployedTaskIds(), sources.otherStreams(),
                sources.contracts(), sources.carried()));
        List<PlanningEvent> events = sources.events().stream()
                .filter(e -> e.type() != EventType.DIGEST_PUBLISHED)
                .toList();
        inputs.putAll(EventInputs.of(events, latestDue(sources), EventInputs.judgedInstants(sources.events())));
        inputs.putAll(OutcomeInputs.of(sources.outcomes()));
        sources.criticalViolations().ifPresent(n -> inputs.put("critical_violations", (double) n));
        sources.previousInputs().forEach((name, value) -> {
            if (!name.startsWith(KpiInputCatalog.PREVIOUS)) {
                inputs.put(KpiInputCatalog.PREVIOUS + name, value);
            }
        });
        return inputs;
    }

    private static Optional<LocalDate> latestDue(KpiSources sources) {
        return PlanInputs.items(sources.plan()).stream()
                .map(Task::due)
                .flatMap(Optional::stream)
                .max(LocalDate::compareTo);
    }

    /** Whether an input name is documented (directly or as a {@code prev_} input). */
    public static boolean known(String name) {
        return KpiInputCatalog.find(name).isPresent();
    }
}
