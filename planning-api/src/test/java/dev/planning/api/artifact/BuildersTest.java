package dev.planning.api.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildersTest {

    @Test
    void controlsBuilderSetsEveryControl() {
        Controls controls = Controls.builder().approvals("a", "b").reviewBoard("ARB-1").emergencyContact("oncall")
                .rollbackPlan("flag off").auditTrail("enhanced").changeFreezeChecked(true).dataHandlingNote("masked")
                .build();

        assertThat(controls).isEqualTo(new Controls(List.of("a", "b"), Optional.of("ARB-1"), Optional.of("oncall"),
                Optional.of("flag off"), Optional.of("enhanced"), true, Optional.of("masked")));
        assertThat(controls.toBuilder().build()).isEqualTo(controls);
    }

    @Test
    void anUntouchedControlsBuilderRecordsNothing() {
        assertThat(Controls.builder().build()).isEqualTo(Controls.NONE);
    }

    @Test
    void tagsAreMadeFromTheListFormOrFluently() {
        Tags parsed = Tags.of("criticality:0", "compliance:sox", "release");
        Tags fluent = Tags.NONE.with("criticality", "0").with("compliance", "sox").with("release");

        assertThat(fluent).isEqualTo(parsed);
        assertThat(parsed.criticality()).hasValue(0);
        assertThat(parsed.compliance()).contains("sox");
        assertThat(parsed.has("release")).isTrue();
    }

    @Test
    void aBlankTagIsRefused() {
        assertThatThrownBy(() -> Tags.of("criticality:0", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
    }

    @Test
    void taskBuilderTakesTheWrittenForms() {
        Task task = Task.builder("FE-1", "Checkout").tags("criticality:1").effort(8).dependsOn("FE-0", "be:BE-2")
                .acceptanceCriteria("pays", "refunds").priority(Priority.P1).status(TaskStatus.IN_PROGRESS).build();

        assertThat(task.tags().criticality()).hasValue(1);
        assertThat(task.effort()).contains(BigDecimal.valueOf(8));
        assertThat(task.dependencies()).containsExactly(TaskRef.parse("FE-0"), TaskRef.parse("be:BE-2"));
        assertThat(task.acceptanceCriteria()).containsExactly("pays", "refunds");
        assertThat(task.toBuilder().build()).isEqualTo(task);
    }

    @Test
    void aPlanInMemoryNamesItsStreamAndCycle() {
        Task task = Task.builder("FE-1", "Checkout").build();

        TaskBreakdown plan = TaskBreakdown.of("fe", "2025-09-02", List.of(task));

        assertThat(plan.stream()).isEqualTo("fe");
        assertThat(plan.cycleId()).isEqualTo("2025-09-02");
        assertThat(plan.task("FE-1")).contains(task);
        assertThat(plan.source()).isEqualTo("<memory>");
    }
}
