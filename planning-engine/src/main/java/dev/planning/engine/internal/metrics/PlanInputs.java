package dev.planning.engine.internal.metrics;

import dev.planning.api.artifact.Contract;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskRef;
import dev.planning.api.artifact.TaskStatus;
import dev.planning.engine.internal.outcome.Delivery;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The inputs measured from the cycle's task breakdown (see {@link KpiInputCatalog}). */
final class PlanInputs {

    private PlanInputs() {
    }

    /**
     * Work items: {@link Delivery#workItems}, the parity gate's definition, so plan_accuracy and the
     * gate's "8 of 9 planned items are done" agree.
     */
    static List<Task> items(TaskBreakdown plan) {
        return Delivery.workItems(plan);
    }

    /**
     * Whether a cross-stream dependency is fulfilled: the provider's task is done in its plan, or
     * a declared contract for it is {@code agreed} or {@code delivered} (the provider committed to
     * it; a {@code stub} is a placeholder only).
     */
    static boolean fulfilled(TaskRef dependency, Map<String, TaskBreakdown> others, List<Contract> contracts) {
        String stream = dependency.stream().orElseThrow();
        TaskBreakdown other = others.get(stream);
        if (other != null && other.task(dependency.id()).map(t -> t.status() == TaskStatus.DONE).orElse(false)) {
            return true;
        }
        return contracts.stream().anyMatch(c -> c.provider().equals(stream) && c.id().equals(dependency.id())
                && c.status() != Contract.Status.STUB);
    }

    /**
     * The plan's inputs. {@code carried}: the tasks whose origin names an improvement action of a digest another
     * cycle published; a task with any other origin is not counted as carried (origin41: anyone who commits writes an
     * origin, and it inflated {@code carried_tasks}).
     */
    static Map<String, Double> of(TaskBreakdown plan, Set<String> deployedTaskIds, Map<String, TaskBreakdown> others,
            List<Contract> contracts, Set<String> carriedIds) {
        Map<String, Double> inputs = new TreeMap<>();
        List<Task> items = items(plan);
        // Delivered as the parity gate judges it (Delivery#delivered): a dropped item stays dropped (hostile36).
        Delivery delivery = new Delivery(deployedTaskIds);
        int done = 0;
        int dropped = 0;
        int carried = 0;
        BigDecimal planned = BigDecimal.ZERO;
        BigDecimal donePoints = BigDecimal.ZERO;
        BigDecimal droppedPoints = BigDecimal.ZERO;
        int crossStream = 0;
        int fulfilled = 0;
        for (Task task : items) {
            BigDecimal effort = task.effort().orElse(BigDecimal.ZERO);
            planned = planned.add(effort);
            if (delivery.delivered(task)) {
                done++;
                donePoints = donePoints.add(effort);
            } else if (task.status() == TaskStatus.DROPPED) {
                dropped++;
                droppedPoints = droppedPoints.add(effort);
            }
            if (task.origin().isPresent() && carriedIds.contains(task.id())) {
                carried++;
            }
            for (TaskRef dependency : task.dependencies()) {
                if (dependency.isCrossStream()) {
                    crossStream++;
                    if (fulfilled(dependency, others, contracts)) {
                        fulfilled++;
                    }
                }
            }
        }
        inputs.put("planned_tasks", (double) items.size());
        inputs.put("done_tasks", (double) done);
        inputs.put("dropped_tasks", (double) dropped);
        inputs.put("carried_tasks", (double) carried);
        inputs.put("planned_points", planned.doubleValue());
        inputs.put("done_points", donePoints.doubleValue());
        inputs.put("dropped_points", droppedPoints.doubleValue());
        if (crossStream > 0) {
            inputs.put("cross_stream_dependencies", (double) crossStream);
            inputs.put("cross_stream_dependencies_fulfilled", (double) fulfilled);
        }
        return inputs;
    }
}
