package dev.planning.api.lifecycle;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.event.EventType;
import dev.planning.api.event.RecordedEvent;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A cycle's current state, folded from its event log, with the history it was folded from.
 *
 * @param cycle   the cycle, never {@code null}
 * @param state   the current state; {@link CycleState#PLANNED} for a cycle with no events yet
 * @param history every recorded event, oldest first (accepted and refused transitions alike)
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record CycleStatus(CycleRef cycle, CycleState state, List<RecordedEvent> history) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param cycle the cycle, never {@code null}
     * @param state the current state; {@link CycleState#PLANNED} for a cycle with no events yet
     * @param history every recorded event, oldest first (accepted and refused transitions alike)
     */
    public CycleStatus {
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(state, "state");
        history = List.copyOf(history);
    }

    /**
     * Whether this cycle's sealing was interrupted: the cycle is {@link CycleState#PACKAGED} but its
     * history holds no {@link EventType#MANIFEST_SEALED} event (the process stopped after the move,
     * before or after the manifest was written). Sealing the cycle again completes it
     * ({@code planning seal}, or {@code advance} to {@code PACKAGED}). Read from this status alone.
     *
     * @return {@code true} when the cycle is {@code PACKAGED} and its seal is not recorded
     * @since 0.1
     */
    public boolean sealInterrupted() {
        return state == CycleState.PACKAGED
                && history.stream().noneMatch(e -> e.event().type() == EventType.MANIFEST_SEALED);
    }
}
