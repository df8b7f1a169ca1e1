package dev.planning.engine.internal.outcome;

import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskKind;
import dev.planning.api.artifact.TaskStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What execution delivered. A plan item counts as delivered when the plan says {@code done}, or
 * when a successful deployment imported for the cycle lists it and the plan has not dropped it (a
 * deployments file is anyone's to commit; the sealed plan's descoping stands). The plan is sealed from
 * {@code PACKAGED} on, so imported deployments are how a team reports delivery after the handoff;
 * the parity gate and the KPIs both judge delivery through this one definition. Both first refuse a deployment
 * dated before the cycle's creation and a listed task that is no work item of the plan ({@link DeploymentScope}),
 * as the import does.
 *
 * @param deployedTaskIds ids of the tasks that successful deployments list
 */
public record Delivery(Set<String> deployedTaskIds) {

    public Delivery {
        deployedTaskIds = Set.copyOf(deployedTaskIds);
    }

    /** The delivery recorded in a cycle's imported outcomes. */
    public static Delivery of(OutcomeSet outcomes) {
        Set<String> ids = new HashSet<>();
        for (OutcomeSet.Stored<DeploymentLog> stored : outcomes.deployments()) {
            stored.report().deployments().stream()
                    .filter(DeploymentLog.Deployment::success)
                    .forEach(d -> ids.addAll(d.tasks()));
        }
        return new Delivery(ids);
    }

    /**
     * The plan's work items, as both the parity gate and the KPIs count them: its leaves (items no
     * other item names as parent, so a story broken into tasks counts through its tasks), epics
     * excepted (an epic only groups work, even before it has children).
     */
    public static List<Task> workItems(TaskBreakdown plan) {
        Set<String> parents = new HashSet<>();
        plan.tasks().forEach(task -> task.parent().ifPresent(parents::add));
        return plan.tasks().stream()
                .filter(task -> !parents.contains(task.id()) && task.kind() != TaskKind.EPIC)
                .toList();
    }

    /**
     * Whether the item was delivered: {@code done} in the plan, or listed by a successful deployment and not
     * {@code dropped} in the plan. hostile36: a dropped item a deployment listed counted here as delivered (and
     * as dropped, in the same evidence) while the KPIs counted it dropped alone.
     */
    public boolean delivered(Task task) {
        return task.status() == TaskStatus.DONE
                || task.status() != TaskStatus.DROPPED && deployedTaskIds.contains(task.id());
    }
}
