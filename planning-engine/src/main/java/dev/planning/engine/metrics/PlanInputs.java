package dev.planning.engine.metrics;

import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskKind;
import dev.planning.api.artifact.TaskRef;
import dev.planning.api.artifact.TaskStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The inputs measured from the cycle's task breakdown (see {@link KpiInputCatalog}). */
final class PlanInputs {

    private PlanInputs() {
    }

    /** Work items: tasks and stories; epics only group them. */
    static List<Task> items(TaskBreakdown plan) {
        return plan.tasks().stream().filter(t -> t.kind() != TaskKind.EPIC).toList();
    }

    /** Whether an item counts as delivered. */
    static boolean delivered(Task task, Set<String> deployedTaskIds) {
        return task.status() == TaskStatus.DONE
                || task.status() != TaskStatus.DROPPED && deployedTaskIds.contains(task.id());
    }

    static Map<String, Double> of(TaskBreakdown plan, Set<String> deployedTaskIds, Map<String, TaskBreakdown> others) {
        Map<String, Double> inputs = new TreeMap<>();
        List<Task> items = items(plan);
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
            if (delivered(task, deployedTaskIds)) {
                done++;
                donePoints = donePoints.add(effort);
            } else if (task.status() == TaskStatus.DROPPED) {
                dropped++;
                droppedPoints = droppedPoints.add(effort);
            }
            if (task.origin().isPresent()) {
                carried++;
            }
            for (TaskRef dependency : task.dependencies()) {
                if (dependency.isCrossStream()) {
                    crossStream++;
                    TaskBreakdown other = others.get(dependency.stream().orElseThrow());
                    if (other != null && other.task(dependency.id()).map(t -> t.status() == TaskStatus.DONE)
                            .orElse(false)) {
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
