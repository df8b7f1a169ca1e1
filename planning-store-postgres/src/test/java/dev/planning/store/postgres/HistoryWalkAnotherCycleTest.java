package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.eventlog.EventLineCodec;
import org.junit.jupiter.api.Test;

/** The store's refusal of an event of another cycle names that cycle as the file store does. */
class HistoryWalkAnotherCycleTest {

    /**
     * msg44: another cycle's ref was cut at 80 characters, as a value of any length is, but a ref is at most 97 (a
     * stream of 32, a cycle id of 64) and valid: the refusal named a cycle that is not there.
     */
    @Test
    void anEventOfAnotherCycleNamesItsWholeRef() {
        CycleRef other = new CycleRef("s" + "t".repeat(31), "c".repeat(64));
        CycleRef cycle = new CycleRef("fe", "2025-09-02");

        String mistake = HistoryWalk.anotherCycle(cycle, 1,
                new EventLineCodec.Line(Events.created(other), RecordedEvent.GENESIS));

        assertThat(mistake).startsWith("line 1 is an event of " + other + ", not of " + cycle + ": ");
    }
}
