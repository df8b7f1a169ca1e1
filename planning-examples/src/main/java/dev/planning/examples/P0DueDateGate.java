package dev.planning.examples;

import dev.planning.api.artifact.Priority;
import dev.planning.api.artifact.Task;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A custom gate: every {@code P0} task must have a due date. Register it on the builder
 * ({@code Planning.builder().gate(new P0DueDateGate())}) or in
 * {@code META-INF/services/dev.planning.api.gate.Gate}, then name {@code p0_due_dates} in a
 * profile of {@code rulebook.yaml}.
 */
public final class P0DueDateGate implements Gate {

    @Override
    public String name() {
        return "p0_due_dates";
    }

    @Override
    public String description() {
        return "every P0 task has a due date";
    }

    @Override
    public GateResult evaluate(GateContext context) {
        List<Task> tasks = context.tasks().map(plan -> plan.tasks()).orElse(List.of());
        List<Finding> findings = tasks.stream()
                .filter(task -> task.priority().equals(Optional.of(Priority.P0)) && task.due().isEmpty())
                .map(task -> Finding.error("p0.no-due-date", "task " + task.id() + " is P0 but has no `due` date",
                        task.location()).withTask(task.id()))
                .toList();
        return GateResult.of(name(), findings, Map.of("p0_tasks",
                tasks.stream().filter(t -> t.priority().equals(Optional.of(Priority.P0))).count()));
    }
}
