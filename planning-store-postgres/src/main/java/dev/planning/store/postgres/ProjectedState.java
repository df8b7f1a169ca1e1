package dev.planning.store.postgres;

import dev.planning.api.event.PlanningEvent;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.internal.lifecycle.CycleFold;
import java.util.Optional;

/**
 * The state a cycle is in after one more event, as the engine's fold computes it (accepted moves
 * take their {@code to_state}; a refusal stays, or takes its {@code moved_to} detail). Used only
 * for the portfolio projection; the authoritative state is always the strict fold of the log.
 */
final class ProjectedState {

    private ProjectedState() {
    }

    static CycleState next(CycleState state, PlanningEvent event) {
        return assigned(event).orElse(state);
    }

    /** The state {@code event} puts its cycle in, whatever it was; empty when the cycle keeps its state. */
    static Optional<CycleState> assigned(PlanningEvent event) {
        return Optional.ofNullable(assignedOrNull(event));
    }

    private static CycleState assignedOrNull(PlanningEvent event) {
        CycleState state = null;
        switch (event.type()) {
            case CYCLE_CREATED:
                return CycleState.PLANNED;
            case STATE_TRANSITION:
            case PLAN_UPDATED:
            case CYCLE_COMPLETED:
                return event.toState().orElse(state);
            case TRANSITION_REFUSED:
                String moved = event.details().get(CycleFold.MOVED_TO);
                if (moved == null) {
                    return state;
                }
                try {
                    return CycleState.valueOf(moved);
                } catch (IllegalArgumentException e) {
                    return state;
                }
            default:
                return state;
        }
    }
}
