package dev.planning.engine.internal.gate.parity;

import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.Story;
import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskStatus;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Severity;
import dev.planning.engine.internal.gate.StreamThresholds;
import dev.planning.engine.internal.outcome.Delivery;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parity after execution, from the items' statuses. The planned items are
 * {@link Delivery#workItems the plan's work items} (its leaves, epics excepted), counted exactly as
 * the KPIs count them, so an epic and its tasks are not counted twice.
 * {@code delivered_vs_planned_ratio} is the share of them {@code done}; {@code scope_variance_pct}
 * the percentage {@code dropped} (descoped). The rulebook's {@code delivered_ratio_min} (0..1)
 * and {@code scope_variance_max_pct} turn them into errors when set. A story of the map that no delivered work
 * item links to (itself or through an item it belongs to) is a warning.
 */
final class DeliveryParity {

    /**
     * The one way to record delivery once the plan is sealed (editing {@code status: done} would
     * break the seal), named wherever delivery is found missing.
     */
    static final String HOW_TO_RECORD = "Record delivery by importing a deployments file whose successful deployments"
            + " list the delivered tasks (`tasks: [ID, ...]`): planning import --stream S --cycle C deployments.yaml"
            + " (docs/metrics.md, \"Recording delivery\")";

    private DeliveryParity() {
    }

    static void check(TaskBreakdown plan, Optional<StoryMap> map, Delivery delivery, StreamThresholds thresholds,
            Map<String, Object> evidence, List<Finding> findings) {
        List<Task> leaves = Delivery.workItems(plan);
        Map<TaskStatus, Integer> byStatus = new EnumMap<>(TaskStatus.class);
        leaves.forEach(task -> byStatus.merge(task.status(), 1, Integer::sum));
        int planned = leaves.size();
        int delivered = (int) leaves.stream().filter(delivery::delivered).count();
        int dropped = byStatus.getOrDefault(TaskStatus.DROPPED, 0);
        double ratio = planned == 0 ? 1.0 : (double) delivered / planned;
        double variance = planned == 0 ? 0.0 : 100.0 * dropped / planned;

        evidence.put("planned", planned);
        evidence.put("delivered", delivered);
        evidence.put("dropped", dropped);
        Map<String, Integer> statuses = new LinkedHashMap<>();
        byStatus.forEach((status, count) -> statuses.put(status.name().toLowerCase(Locale.ROOT), count));
        evidence.put("by_status", statuses);
        evidence.put("delivered_vs_planned_ratio", round(ratio));
        evidence.put("scope_variance_pct", round(variance));

        SourceLocation file = new SourceLocation(plan.source(), 1, 1);
        double minimumRatio = thresholds.get("delivered_ratio_min", 0);
        if (ratio < minimumRatio) {
            findings.add(Finding.error(ParityCodes.DELIVERED_RATIO, delivered + " of " + planned
                    + " planned items are done (delivered_vs_planned_ratio " + round(ratio)
                    + "), below the rulebook's delivered_ratio_min of " + minimumRatio + "; open: "
                    + open(leaves, delivery) + ". " + HOW_TO_RECORD, file));
        }
        double maximumVariance = thresholds.get("scope_variance_max_pct", 100);
        if (variance > maximumVariance) {
            findings.add(Finding.error(ParityCodes.SCOPE_VARIANCE, dropped + " of " + planned
                    + " planned items were dropped (scope variance " + round(variance)
                    + "%), above the rulebook's scope_variance_max_pct of " + PlanParity.percent(maximumVariance)
                    + "%", file));
        }
        map.ifPresent(storyMap -> undeliveredStories(plan, storyMap, delivery, findings));
    }

    /**
     * A story is delivered when a delivered work item links to it, itself or through an item it belongs to, as
     * {@link PlanParity} links items to stories. kpi37: every item of the plan was looked at, so a story done as a
     * parent item whose work items were all open read as delivered, and a story linked on a parent whose work items
     * were delivered read as not delivered.
     */
    private static void undeliveredStories(TaskBreakdown plan, StoryMap map, Delivery delivery, List<Finding> findings) {
        List<Task> delivered = Delivery.workItems(plan).stream().filter(delivery::delivered).toList();
        for (Story story : map.stories()) {
            boolean storyDelivered = delivered.stream().anyMatch(t -> linksTo(plan, t, story.id()));
            if (!storyDelivered) {
                findings.add(new Finding(ParityCodes.STORY_NOT_DELIVERED, Severity.WARNING, "story " + story.id()
                        + " (\"" + story.title() + "\") has no item done in " + plan.source(),
                        Optional.of(story.location()), Optional.empty()));
            }
        }
    }

    /** Whether the item, or an item it belongs to, links to the story. */
    private static boolean linksTo(TaskBreakdown plan, Task task, String story) {
        Set<String> seen = new HashSet<>();
        for (Optional<Task> at = Optional.of(task); at.isPresent() && seen.add(at.get().id());
                at = at.get().parent().flatMap(plan::task)) {
            if (at.get().storyNodes().contains(story)) {
                return true;
            }
        }
        return false;
    }

    private static String open(List<Task> leaves, Delivery delivery) {
        List<String> open = leaves.stream().filter(t -> !delivery.delivered(t))
                .map(t -> t.id() + " (" + t.status().name().toLowerCase(Locale.ROOT) + ")").toList();
        return open.size() <= 10 ? String.join(", ", open)
                : String.join(", ", open.subList(0, 10)) + " and " + (open.size() - 10) + " more";
    }

    static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
