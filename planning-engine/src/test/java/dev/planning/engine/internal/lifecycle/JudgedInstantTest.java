package dev.planning.engine.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.lifecycle.CycleState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link JudgedInstant}: what it says of a {@code judged_at} a contributor wrote into the log. */
class JudgedInstantTest {

    /**
     * The log is a file anyone can commit, and the refusal reaches the command line's {@code error:} line
     * (the history check, the digest, the KPIs): a line feed or an escape sequence in the detail is shown
     * escaped, on one line, never as a line of the contributor's choosing.
     */
    @Test
    void aJudgedAtThatIsNoInstantIsQuotedOnOneLine() {
        PlanningEvent event = new PlanningEvent("e1", Instant.parse("2025-09-01T10:00:00Z"),
                EventType.TRANSITION_REFUSED, Optional.of(CycleState.PLANNED), Optional.of(CycleState.READY_FOR_HANDOFF),
                "fe/2025-09-01", "alice", Map.of(), Map.of("judged_at", "x\nok: verified\u001b[2K"));

        assertThatThrownBy(() -> JudgedInstant.of(event, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("judged_at \"x\\u000Aok: verified\\u001B[2K\", which is not an ISO-8601 instant");
    }

    /** The event before it is named by its id, which is any text the log holds: on one line too. */
    @Test
    void theEventBeforeIsNamedOnOneLine() {
        PlanningEvent before = new PlanningEvent("e0\nok: verified", Instant.parse("2025-09-01T10:00:00Z"),
                EventType.CYCLE_CREATED, Optional.empty(), Optional.of(CycleState.PLANNED), "fe/2025-09-01", "alice",
                Map.of(), Map.of());
        PlanningEvent event = new PlanningEvent("e1", Instant.parse("2025-09-01T11:00:00Z"),
                EventType.TRANSITION_REFUSED, Optional.of(CycleState.PLANNED), Optional.of(CycleState.READY_FOR_HANDOFF),
                "fe/2025-09-01", "alice", Map.of(), Map.of("judged_at", "2025-09-01T09:00:00Z"));

        assertThatThrownBy(() -> JudgedInstant.of(event, before)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("judged_at 2025-09-01T09:00:00Z, earlier than the event before it (e0\\u000Aok: verified at"
                        + " 2025-09-01T10:00:00Z)");
    }
}
