package dev.planning.engine.internal.lifecycle;

import static dev.planning.api.lifecycle.CycleState.COMPLETED;
import static dev.planning.api.lifecycle.CycleState.EXECUTED;
import static dev.planning.api.lifecycle.CycleState.IMPROVE;
import static dev.planning.api.lifecycle.CycleState.PACKAGED;
import static dev.planning.api.lifecycle.CycleState.PLANNED;
import static dev.planning.api.lifecycle.CycleState.READY_FOR_HANDOFF;
import static dev.planning.api.lifecycle.CycleState.VALIDATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.SourceLocation;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CycleFoldTest {

    private static final String LOG = "events.jsonl";

    private final List<RecordedEvent> history = new ArrayList<>();

    private CycleFoldTest add(EventType type, CycleState from, CycleState to, Map<String, String> details) {
        int line = history.size() + 1;
        PlanningEvent event = new PlanningEvent("evt_" + line, Fixtures.NOW, type, Optional.ofNullable(from),
                Optional.ofNullable(to), "fe/2025-09-02", "tester", Map.of(), details);
        history.add(new RecordedEvent(line, event, "0".repeat(64), "1".repeat(64)));
        return this;
    }

    private CycleFoldTest add(EventType type, CycleState from, CycleState to) {
        return add(type, from, to, Map.of());
    }

    private CycleState fold() {
        return CycleFold.fold(LOG, history);
    }

    private CycleFoldTest created() {
        return add(EventType.CYCLE_CREATED, null, PLANNED);
    }

    @Test
    void anEmptyHistoryIsPlanned() {
        assertThat(fold()).isEqualTo(PLANNED);
    }

    @Test
    void foldsEveryForwardTransition() {
        created();
        CycleState[] chain = {PLANNED, READY_FOR_HANDOFF, PACKAGED, EXECUTED, VALIDATED, IMPROVE};
        for (int i = 0; i + 1 < chain.length; i++) {
            add(EventType.STATE_TRANSITION, chain[i], chain[i + 1]);
            assertThat(fold()).isEqualTo(chain[i + 1]);
        }
        add(EventType.CYCLE_COMPLETED, IMPROVE, COMPLETED);
        assertThat(fold()).isEqualTo(COMPLETED);
    }

    @Test
    void foldsEveryBackwardTransitionAndThePlanUpdate() {
        created().add(EventType.PLAN_UPDATED, PLANNED, PLANNED);
        assertThat(fold()).isEqualTo(PLANNED);
        add(EventType.STATE_TRANSITION, PLANNED, READY_FOR_HANDOFF).add(EventType.STATE_TRANSITION,
                READY_FOR_HANDOFF, PLANNED);
        assertThat(fold()).isEqualTo(PLANNED);
        add(EventType.STATE_TRANSITION, PLANNED, READY_FOR_HANDOFF)
                .add(EventType.STATE_TRANSITION, READY_FOR_HANDOFF, PACKAGED)
                .add(EventType.STATE_TRANSITION, PACKAGED, EXECUTED)
                .add(EventType.STATE_TRANSITION, EXECUTED, PACKAGED);
        assertThat(fold()).isEqualTo(PACKAGED);
        add(EventType.STATE_TRANSITION, PACKAGED, EXECUTED)
                .add(EventType.STATE_TRANSITION, EXECUTED, VALIDATED)
                .add(EventType.STATE_TRANSITION, VALIDATED, EXECUTED);
        assertThat(fold()).isEqualTo(EXECUTED);
    }

    @Test
    void aRefusedTransitionKeepsTheStateUnlessItRecordsWhereItMoved() {
        created().add(EventType.STATE_TRANSITION, PLANNED, READY_FOR_HANDOFF)
                .add(EventType.TRANSITION_REFUSED, READY_FOR_HANDOFF, PACKAGED);
        assertThat(fold()).isEqualTo(READY_FOR_HANDOFF);

        add(EventType.TRANSITION_REFUSED, READY_FOR_HANDOFF, PACKAGED, Map.of(CycleFold.MOVED_TO, "PLANNED"));
        assertThat(fold()).isEqualTo(PLANNED);
    }

    @Test
    void factsDoNotMoveTheCycle() {
        created().add(EventType.MANIFEST_SEALED, PLANNED, PLANNED).add(EventType.DIGEST_PUBLISHED, null, null);
        assertThat(fold()).isEqualTo(PLANNED);
    }

    @Test
    void rejectsATransitionThatDoesNotStartFromTheCurrentState() {
        created().add(EventType.STATE_TRANSITION, PACKAGED, EXECUTED);

        assertThatThrownBy(this::fold).isInstanceOfSatisfying(EventLogCorruptedException.class, e -> {
            assertThat(e.location()).contains(new SourceLocation(LOG, 2, 0));
            assertThat(e.getMessage()).contains("starts from PACKAGED but the cycle was PLANNED");
        });
    }

    @Test
    void rejectsAMoveTheLifecycleDoesNotAllow() {
        created().add(EventType.STATE_TRANSITION, PLANNED, COMPLETED);

        assertThatThrownBy(this::fold).isInstanceOf(EventLogCorruptedException.class)
                .hasMessageContaining("PLANNED -> COMPLETED is not a transition the lifecycle allows");
    }

    @Test
    void rejectsAFailureActionTheLifecycleDoesNotAllow() {
        created().add(EventType.TRANSITION_REFUSED, PLANNED, READY_FOR_HANDOFF, Map.of(CycleFold.MOVED_TO, "IMPROVE"));

        assertThatThrownBy(this::fold).isInstanceOf(EventLogCorruptedException.class)
                .hasMessageContaining("cannot move the cycle from PLANNED to IMPROVE");
    }

    @Test
    void rejectsEventsAfterCompletion() {
        created();
        CycleState[] chain = {PLANNED, READY_FOR_HANDOFF, PACKAGED, EXECUTED, VALIDATED, IMPROVE};
        for (int i = 0; i + 1 < chain.length; i++) {
            add(EventType.STATE_TRANSITION, chain[i], chain[i + 1]);
        }
        add(EventType.CYCLE_COMPLETED, IMPROVE, COMPLETED).add(EventType.DIGEST_PUBLISHED, COMPLETED, COMPLETED);

        assertThatThrownBy(this::fold).isInstanceOfSatisfying(EventLogCorruptedException.class,
                e -> assertThat(e.location()).contains(new SourceLocation(LOG, 8, 0)));
    }

    @Test
    void rejectsASecondCycleCreated() {
        created().created();

        assertThatThrownBy(this::fold).isInstanceOf(EventLogCorruptedException.class)
                .hasMessageContaining("CYCLE_CREATED may only be the first event");
    }
}
