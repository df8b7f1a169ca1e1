package dev.planning.engine.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.PlanningException;
import org.junit.jupiter.api.Test;

class UnrecordedTest {

    /**
     * scope39 (seen in {@code PairRaceTest}): a digest whose event lost the race to an advance ended as an internal
     * error, {@code IllegalStateException: Can't overwrite cause}, since the explained exception's cause was already
     * set. It is the lost race, said with what was written and what to run.
     */
    @Test
    void aLostRaceIsExplainedAsALostRace() {
        ConcurrentTransitionException lost = new ConcurrentTransitionException("cycle fe/2025-09-02 changed");

        PlanningException explained = Unrecorded.explain(lost, "the digest d.md", "run `planning digest` again");

        assertThat(explained).isInstanceOf(ConcurrentTransitionException.class)
                .hasMessage("cycle fe/2025-09-02 changed. the digest d.md was written, but its event is not recorded:"
                        + " run `planning digest` again");
        assertThat(explained.getSuppressed()).containsExactly(lost);
    }
}
