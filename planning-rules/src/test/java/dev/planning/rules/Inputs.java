package dev.planning.rules;

import dev.planning.api.artifact.Controls;
import dev.planning.api.artifact.Tag;
import dev.planning.api.artifact.Tags;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.governance.GovernanceInput;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small builders of governance inputs for tests. */
public final class Inputs {

    public static final LocalDate TODAY = LocalDate.of(2025, 9, 2);

    private Inputs() {
    }

    /** Tags from {@code key:value} strings. */
    public static Tags tags(String... tags) {
        return new Tags(Arrays.stream(tags).map(Tag::parse).toList());
    }

    /** A task that every default rule accepts: owned, tagged, non-critical. */
    public static Task.Builder goodTask(String id) {
        return Task.builder(id, "Task " + id).owner("alice").tags(tags("criticality:2", "compliance:none"));
    }

    /** A critical task carrying every control the default rulebook requires. */
    public static Task.Builder goodCriticalTask(String id) {
        return Task.builder(id, "Task " + id).owner("alice").tags(tags("criticality:0", "compliance:none"))
                .acceptanceCriteria(List.of("works"))
                .controls(new Controls(List.of("a", "b", "c"), Optional.of("ARB-1"), Optional.of("oncall"),
                        Optional.of("flag off"), Optional.empty(), false, Optional.empty()));
    }

    /** The fe plan of cycle 2025-09-02 with these tasks. */
    public static TaskBreakdown plan(Task... tasks) {
        return new TaskBreakdown("1.0.0", "2025-09-02", "fe", Optional.empty(), List.of(tasks),
                "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml");
    }

    /** An input judging these tasks today, with waivers. */
    public static GovernanceInput input(List<Task> tasks, List<Waiver> waivers) {
        return new GovernanceInput(new CycleRef("fe", "2025-09-02"), plan(tasks.toArray(Task[]::new)), Optional.empty(),
                Map.of(), List.of(), waivers, TODAY);
    }

    /** An input judging these tasks today, without waivers. */
    public static GovernanceInput input(Task... tasks) {
        return input(List.of(tasks), List.of());
    }
}
