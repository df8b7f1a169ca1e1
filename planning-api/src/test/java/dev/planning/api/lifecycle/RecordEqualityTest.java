package dev.planning.api.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link CycleRef} and {@link Transition} write their {@code equals} and {@code hashCode} out (so
 * that no method handle is spun for them at run time): they must still mean what a record's mean,
 * every component counted.
 */
class RecordEqualityTest {

    @Test
    void cycleRefsAreEqualExactlyWhenBothComponentsAre() {
        CycleRef ref = new CycleRef("fe", "2025-09-02");
        assertThat(ref).isEqualTo(new CycleRef("fe", "2025-09-02")).hasSameHashCodeAs(new CycleRef("fe", "2025-09-02"));
        assertThat(ref).isNotEqualTo(new CycleRef("be", "2025-09-02"));
        assertThat(ref).isNotEqualTo(new CycleRef("fe", "2025-09-03"));
        assertThat(ref).isNotEqualTo(null);
        assertThat((Object) ref).isNotEqualTo("fe/2025-09-02");
        // The components are not interchangeable: a hash that ignored one would collide here.
        assertThat(new CycleRef("ab", "cd").hashCode()).isNotEqualTo(new CycleRef("ab", "ce").hashCode());
        assertThat(new CycleRef("ab", "cd").hashCode()).isNotEqualTo(new CycleRef("ac", "cd").hashCode());
    }

    @Test
    void transitionsAreEqualExactlyWhenAllFourComponentsAre() {
        Transition t = new Transition(CycleState.PLANNED, CycleState.READY_FOR_HANDOFF, TransitionKind.FORWARD, "ready");
        assertThat(t).isEqualTo(new Transition(CycleState.PLANNED, CycleState.READY_FOR_HANDOFF, TransitionKind.FORWARD,
                "ready")).hasSameHashCodeAs(new Transition(CycleState.PLANNED, CycleState.READY_FOR_HANDOFF,
                TransitionKind.FORWARD, "ready"));
        assertThat(t).isNotEqualTo(new Transition(CycleState.EXECUTED, CycleState.READY_FOR_HANDOFF,
                TransitionKind.FORWARD, "ready"));
        assertThat(t).isNotEqualTo(new Transition(CycleState.PLANNED, CycleState.PACKAGED, TransitionKind.FORWARD,
                "ready"));
        assertThat(t).isNotEqualTo(new Transition(CycleState.PLANNED, CycleState.READY_FOR_HANDOFF,
                TransitionKind.BACKWARD, "ready"));
        assertThat(t).isNotEqualTo(new Transition(CycleState.PLANNED, CycleState.READY_FOR_HANDOFF,
                TransitionKind.FORWARD, "other"));
        assertThat(t).isNotEqualTo(null);
    }
}
