package dev.planning.api.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskRef;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GovernanceInputBuilderTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    private static final LocalDate TODAY = LocalDate.of(2025, 9, 2);

    @Test
    void buildsTheSameInputAsTheCanonicalConstructor() {
        Task a = Task.builder("FE-1", "A").build();
        Task b = Task.builder("FE-2", "B").dependsOn("be:BE-1").build();
        Task be = Task.builder("BE-1", "Api").build();
        Waiver waiver = new Waiver("missing-owner", "FE-1", "new joiner", "lead", TODAY.plusDays(7));
        GateResult lint = GateResult.of("schema_lint", List.of(), Map.of());

        GovernanceInput built = GovernanceInput.builder(CYCLE, TODAY).tasks(a).tasks(List.of(b)).otherStream("be", be)
                .gateResult(lint).waiver(waiver).contracts("be:BE-9").build();

        assertThat(built).isEqualTo(new GovernanceInput(CYCLE, TaskBreakdown.of("fe", "2025-09-02", List.of(a, b)),
                Optional.empty(), Map.of("be", TaskBreakdown.of("be", "2025-09-02", List.of(be))), List.of(lint),
                List.of(waiver), TODAY, List.of(TaskRef.parse("be:BE-9"))));
    }

    @Test
    void anInputWithNothingAddedJudgesAnEmptyPlan() {
        GovernanceInput input = GovernanceInput.builder(CYCLE, TODAY).build();

        assertThat(input.tasks().tasks()).isEmpty();
        assertThat(input.tasks().stream()).isEqualTo("fe");
        assertThat(input.storyMap()).isEmpty();
        assertThat(input.waivers()).isEmpty();
    }

    @Test
    void refusesAPlanAndSeparateTasksTogether() {
        GovernanceInput.Builder builder = GovernanceInput.builder(CYCLE, TODAY)
                .plan(TaskBreakdown.of("fe", "2025-09-02", List.of())).tasks(Task.builder("FE-1", "A").build());

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("not both");
    }

    @Test
    void refusesANullCycleOrDayNamingIt() {
        assertThatThrownBy(() -> GovernanceInput.builder(null, TODAY)).hasMessage("cycle");
        assertThatThrownBy(() -> GovernanceInput.builder(CYCLE, null)).hasMessage("today");
    }
}
