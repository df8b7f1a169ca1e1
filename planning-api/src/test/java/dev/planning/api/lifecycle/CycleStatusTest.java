package dev.planning.api.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link CycleStatus#sealInterrupted()}: read from the status's own state and history, nothing else. */
class CycleStatusTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    private static RecordedEvent event(int line, EventType type, CycleState to, Map<String, String> details) {
        PlanningEvent e = new PlanningEvent("evt_" + line, Instant.parse("2025-09-02T10:00:00Z").plusSeconds(line), type,
                Optional.empty(), Optional.ofNullable(to), CYCLE.toString(), "tester", Map.of(), details);
        return new RecordedEvent(line, e, RecordedEvent.GENESIS, RecordedEvent.GENESIS);
    }

    private static List<RecordedEvent> movedToPackaged() {
        List<RecordedEvent> history = new ArrayList<>();
        history.add(event(1, EventType.STATE_TRANSITION, CycleState.READY_FOR_HANDOFF, Map.of()));
        history.add(event(2, EventType.STATE_TRANSITION, CycleState.PACKAGED, Map.of()));
        return history;
    }

    @Test
    void aPackagedCycleWhoseLogRecordsNoSealIsAnInterruptedSeal() {
        assertThat(new CycleStatus(CYCLE, CycleState.PACKAGED, movedToPackaged()).sealInterrupted()).isTrue();
    }

    @Test
    void aPackagedCycleWithItsSealRecordedIsNot() {
        List<RecordedEvent> history = movedToPackaged();
        history.add(event(3, EventType.MANIFEST_SEALED, null, Map.of()));

        assertThat(new CycleStatus(CYCLE, CycleState.PACKAGED, history).sealInterrupted()).isFalse();
    }

    @Test
    void theEventsTypeDecidesNotAnyTextThatNamesIt() {
        List<RecordedEvent> history = movedToPackaged();
        history.add(event(3, EventType.PLAN_UPDATED, null, Map.of("MANIFEST_SEALED", "MANIFEST_SEALED")));

        assertThat(new CycleStatus(CYCLE, CycleState.PACKAGED, history).sealInterrupted()).isTrue();
    }

    @Test
    void noOtherStateIsAnInterruptedSeal() {
        for (CycleState state : CycleState.values()) {
            if (state != CycleState.PACKAGED) {
                assertThat(new CycleStatus(CYCLE, state, movedToPackaged()).sealInterrupted()).as(state.name()).isFalse();
            }
        }
    }
}
