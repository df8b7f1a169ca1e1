package dev.planning.engine.internal.gate.parity;

import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.Story;
import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskKind;
import dev.planning.api.gate.Finding;
import dev.planning.engine.internal.gate.StreamThresholds;
import dev.planning.engine.internal.improve.CarriedOrigins;
import dev.planning.engine.internal.outcome.CoverageKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parity at planning level. Every story of the map has at least one item of the plan linking to
 * it; every item that is a task or a story links to a story of the map, itself or through its
 * parent chain (epics need not link). For each kind of coverage the rulebook sets a minimum for
 * ({@code unit_coverage_min}, {@code e2e_coverage_min}, in percent; see {@link StreamThresholds}
 * for per-stream values, 0 switching it off), the plan states its target
 * as a tag ({@code unit_coverage_target: 85}) on some item; the highest such tag is the plan's
 * target and must reach the minimum.
 *
 * <p>An improvement action carried from a digest ({@code planning improve}) needs no story: it is process work, not
 * product scope. It is exempt only when its {@code origin} names an action of a digest another cycle of the stream
 * published ({@link CarriedOrigins}, origin41); any other origin is an error at the origin's line, and the task is
 * held to story parity. One mistake, one message: the origin's error says when the task, not exempt, links to no story,
 * and no second finding repeats it.
 */
final class PlanParity {
    private PlanParity() {
    }

    static void check(TaskBreakdown plan, StoryMap map, CarriedOrigins origins, Map<String, Object> evidence,
            List<Finding> findings) {
        Set<String> storyIds = new HashSet<>();
        map.stories().forEach(story -> storyIds.add(story.id()));
        Set<String> linked = new HashSet<>();
        plan.tasks().forEach(task -> linked.addAll(task.storyNodes()));

        List<String> unplanned = new ArrayList<>();
        for (Story story : map.stories()) {
            if (!linked.contains(story.id())) {
                unplanned.add(story.id());
                findings.add(Finding.error(ParityCodes.STORY_WITHOUT_TASK, "story " + Printable.line(story.id())
                        // Quoted where the message is built (text40): a finding is shown again without the backslash rule.
                        + " (\"" + Printable.line(story.title()) + "\") has no task in " + plan.source()
                        + "; plan at least one item with linked_story_map_nodes: [" + story.id() + "]",
                        story.location()));
            }
        }
        List<String> unlinked = new ArrayList<>();
        List<String> carried = new ArrayList<>();
        for (Task task : plan.tasks()) {
            Optional<String> forged = origins.problem(task);
            boolean exempt = task.kind() == TaskKind.EPIC || linksToStory(plan, task, storyIds);
            if (forged.isPresent()) {
                // The origin exempts nothing: its error also says when the task links to no story (one message).
                if (!exempt) {
                    unlinked.add(task.id());
                }
                findings.add(Finding.error(ParityCodes.ORIGIN_UNVERIFIED, forged.get() + (exempt ? ""
                        : "; so it is held to story parity and " + written(task, map) + ": correct the origin, or"
                                + " remove it and add linked_story_map_nodes with a story of " + map.source()),
                        task.locationOf("origin")).withTask(task.id()));
                continue;
            }
            if (task.origin().isPresent()) {
                // An improvement action carried from a published digest is process work, not product scope.
                carried.add(task.id());
                continue;
            }
            if (exempt) {
                continue;
            }
            unlinked.add(task.id());
            findings.add(Finding.error(ParityCodes.TASK_WITHOUT_STORY, Printable.line(task.id()) + " "
                    + written(task, map) + " (nor does any item it belongs to); add linked_story_map_nodes with a story"
                    + " of " + map.source(), task.location()).withTask(task.id()));
        }
        evidence.put("stories", storyIds.size());
        evidence.put("stories_without_task", unplanned);
        evidence.put("items_checked", plan.tasks().size());
        evidence.put("items_without_story", unlinked);
        if (!carried.isEmpty()) {
            evidence.put("items_carried", carried);
        }
        if (plan.tasks().stream().anyMatch(task -> task.origin().isPresent())) {
            // origin42: the digests the carried items were verified against, so a changed verdict names the cause;
            // present whenever an origin was read, so a recomputation knows it read another cycle's files.
            evidence.put(CarriedOrigins.EVIDENCE, origins.verifiedDigests());
        }
    }

    /** What the task's story links are, as a finding says it. */
    private static String written(Task task, StoryMap map) {
        return task.storyNodes().isEmpty() ? "links to no story"
                : "links only to " + Printable.line(String.join(", ", task.storyNodes())) + ", which " + map.source()
                        + " does not have";
    }

    static void checkTargets(TaskBreakdown plan, StreamThresholds thresholds, Map<String, Object> evidence,
            List<Finding> findings) {
        Map<String, Object> targets = new LinkedHashMap<>();
        for (CoverageKind kind : CoverageKind.values()) {
            String minimumName = kind.key() + "_coverage_min";
            Optional<Double> required = thresholds.minimum(minimumName);
            if (required.isEmpty()) {
                continue;
            }
            double minimum = required.get();
            String tag = kind.key() + "_coverage_target";
            Optional<Task> best = Optional.empty();
            BigDecimal target = null;
            for (Task task : plan.tasks()) {
                Optional<String> value = task.tags().value(tag);
                if (value.isEmpty()) {
                    continue;
                }
                Optional<BigDecimal> number = number(value.get());
                if (number.isEmpty()) {
                    findings.add(Finding.error(ParityCodes.TARGET_INVALID, task.id() + " has " + tag + " \""
                            + value.get() + "\"; expected a percentage from 0 to 100, such as 85 or 92.5", task.location()).withTask(task.id()));
                } else if (target == null || number.get().compareTo(target) > 0) {
                    target = number.get();
                    best = Optional.of(task);
                }
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("minimum", minimum);
            entry.put("target", target);
            targets.put(kind.key(), entry);
            if (target == null) {
                findings.add(Finding.error(ParityCodes.TARGET_MISSING, "the rulebook requires " + kind.key()
                        + " coverage of at least " + percent(minimum) + "% (" + minimumName + ") but no item of "
                        + plan.source() + " plans it; tag the epic or the testing task with " + tag + ": "
                        + percent(minimum), planLocation(plan)));
            } else if (target.doubleValue() < minimum) {
                Task task = best.orElseThrow();
                findings.add(Finding.error(ParityCodes.TARGET_INVALID, task.id() + " plans " + kind.key()
                        + " coverage of " + target.toPlainString() + "%, below the rulebook's " + minimumName + " of "
                        + percent(minimum) + "%", task.location()).withTask(task.id()));
            }
        }
        evidence.put("coverage_targets", targets);
    }

    /** Whether the item, or an item it belongs to, links to a story of the map. */
    private static boolean linksToStory(TaskBreakdown plan, Task task, Set<String> storyIds) {
        Set<String> seen = new HashSet<>();
        for (Optional<Task> at = Optional.of(task); at.isPresent() && seen.add(at.get().id());
                at = at.get().parent().flatMap(plan::task)) {
            if (at.get().storyNodes().stream().anyMatch(storyIds::contains)) {
                return true;
            }
        }
        return false;
    }

    /** A finding about the plan as a whole points at its first line. */
    private static SourceLocation planLocation(TaskBreakdown plan) {
        return new SourceLocation(plan.source(), 1, 1);
    }

    /**
     * A percentage as people write one ({@code 85}, {@code 92.5}, {@code 85%}), from 0 to 100; else none.
     * The whole value must be one: it was read by {@code BigDecimal} after dropping every {@code %}, so
     * {@code 8%5} read as 85 and {@code 1e9} or {@code 999} as a target that met any minimum.
     */
    private static Optional<BigDecimal> number(String text) {
        Matcher written = PERCENT.matcher(text.strip());
        if (!written.matches()) {
            return Optional.empty();
        }
        BigDecimal value = new BigDecimal(written.group(1));
        return value.compareTo(HUNDRED) > 0 ? Optional.empty() : Optional.of(value);
    }

    private static final Pattern PERCENT = Pattern.compile("((?:0|[1-9][0-9]{0,2})(?:\\.[0-9]{1,9})?)%?");

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    static String percent(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
