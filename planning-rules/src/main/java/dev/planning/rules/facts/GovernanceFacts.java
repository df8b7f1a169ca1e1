package dev.planning.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.artifact.Activity;
import dev.planning.api.artifact.Story;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskRef;
import dev.planning.api.gate.GateResult;
import dev.planning.api.governance.GovernanceInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * Turns a governance input into the facts a session starts with: the rulebook's settings, one
 * {@link TaskFact} per task of the cycle's plan, one {@link StoryFact} per story, one
 * {@link CrossStreamRefFact} per cross-stream dependency and one {@link GateResultFact} per
 * earlier gate result. Other streams' plans are used to resolve references only; their tasks are
 * not judged.
 *
 * <p>Criticality is read fail-closed: a task whose {@code criticality} tag the rulebook's taxonomy
 * cannot classify ({@code O}, {@code -1}, {@code 7}, two different values, or none at all when the
 * rulebook requires the tag) is a criticality-0 fact, so the Critical=0 policies judge it.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class GovernanceFacts {

    private GovernanceFacts() {
    }

    /**
     * The facts to insert, in a stable order.
     *
     * @param input what governance judges
     * @param rulebook the rulebook
     * @return the facts to insert, in a stable order
     */
    public static List<Object> of(GovernanceInput input, RulebookFacts rulebook) {
        List<Object> facts = new ArrayList<>();
        forEach(input, rulebook, facts::add);
        return facts;
    }

    /**
     * Hands each fact to {@code sink} as soon as it is built, in the order {@link #of} lists them.
     * An engine that inserts each fact here touches it while it is still in the CPU's cache,
     * instead of building every fact first and walking them all again to insert them.
     *
     * @param input what governance judges
     * @param rulebook the rulebook
     * @param sink receives each fact
     * @since 0.1
     */
    public static void forEach(GovernanceInput input, RulebookFacts rulebook, Consumer<Object> sink) {
        sink.accept(rulebook);
        TaskBreakdown plan = input.tasks();
        String stream = input.cycle().stream();
        // Ids per referenced stream, built once: looking each reference up in the plan's task list
        // made a plan with tens of thousands of cross-stream references quadratic.
        Map<String, Set<String>> ids = new HashMap<>();
        for (Task task : plan.tasks()) {
            sink.accept(TaskFact.of(task, stream, rulebook));
            for (TaskRef ref : task.dependencies()) {
                if (ref.isCrossStream()) {
                    sink.accept(crossStreamRef(input, task, ref, ids));
                }
            }
        }
        input.storyMap().ifPresent(map -> {
            for (Activity activity : map.activities()) {
                for (Story story : activity.stories()) {
                    sink.accept(StoryFact.of(story, activity.title()));
                }
            }
        });
        for (GateResult result : input.gateResults()) {
            sink.accept(GateResultFact.of(result));
        }
    }

    private static CrossStreamRefFact crossStreamRef(GovernanceInput input, Task task, TaskRef ref,
            Map<String, Set<String>> ids) {
        String target = ref.stream().orElseThrow();
        TaskBreakdown targetPlan = target.equals(input.cycle().stream())
                ? input.tasks()
                : input.otherStreams().get(target);
        boolean present = targetPlan != null;
        // A declared contract (or stub) stands in for the task until the provider plans it.
        boolean contracted = false;
        for (TaskRef c : input.contracts()) {
            if (c.id().equals(ref.id()) && c.stream().equals(Optional.of(target))) {
                contracted = true;
                break;
            }
        }
        boolean resolved = !present || contracted || ids.computeIfAbsent(target, s -> idsOf(targetPlan)).contains(ref.id());
        return new CrossStreamRefFact(task.id(), target, ref.id(), present, resolved, task.locationOf(ref));
    }

    /** The ids of a plan's tasks: a loop into a set sized for them, not a stream into one that grows. */
    private static Set<String> idsOf(TaskBreakdown plan) {
        Set<String> ids = new HashSet<>(Math.max(16, (int) (plan.tasks().size() / 0.75f) + 1));
        for (Task task : plan.tasks()) {
            ids.add(task.id());
        }
        return ids;
    }
}
