package dev.planning.engine.internal.gate.crossstream;

import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskStatus;
import dev.planning.api.gate.Finding;
import dev.planning.engine.internal.document.IsoDates;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds dependencies planned to land after the tasks that need them: the dependency's {@code due}
 * date (a task's, or a contract's) is later than the dependent task's, or its {@code planned_in}
 * is a later date. {@code planned_in} values that are not ISO dates (sprint names, cycle tags) are
 * not compared, and a dependency already {@code done} is never late. One finding per offending
 * dependency, on the dependent task.
 */
final class TimelineCheck {

    private TimelineCheck() {
    }

    static List<Finding> findings(DependencyGraph dependencies, String stream) {
        List<Finding> findings = new ArrayList<>();
        for (Node node : dependencies.tasksOf(stream)) {
            Task task = node.task().orElseThrow();
            for (Node dependency : dependencies.dependenciesOf(node.name())) {
                if (dependency.task().map(t -> t.status() == TaskStatus.DONE).orElse(false)) {
                    continue;
                }
                conflict(node, task, dependency).ifPresent(findings::add);
            }
        }
        return findings;
    }

    private static Optional<Finding> conflict(Node node, Task task, Node dependency) {
        Optional<LocalDate> due = task.due();
        Optional<LocalDate> dependencyDue = dependency.due();
        String why = null;
        if (due.isPresent() && dependencyDue.isPresent() && dependencyDue.get().isAfter(due.get())) {
            why = "is due " + due.get() + " but needs " + dependency.describe() + ", due " + dependencyDue.get();
        } else {
            Optional<LocalDate> planned = task.plannedIn().flatMap(IsoDates::parse);
            Optional<LocalDate> dependencyPlanned = dependency.task().flatMap(Task::plannedIn)
                    .flatMap(IsoDates::parse);
            if (planned.isPresent() && dependencyPlanned.isPresent() && dependencyPlanned.get().isAfter(planned.get())) {
                why = "is planned in " + planned.get() + " but needs " + dependency.describe() + ", planned in "
                        + dependencyPlanned.get();
            }
        }
        if (why == null) {
            return Optional.empty();
        }
        return Optional.of(Finding.error(CrossStreamCodes.TIMELINE, node.id() + " " + why + " ("
                + dependency.location() + "); move one of the dates or drop the dependency", node.location())
                .withTask(node.id()));
    }
}
