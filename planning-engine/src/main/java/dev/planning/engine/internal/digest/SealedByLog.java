package dev.planning.engine.internal.digest;

import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.lifecycle.CycleState;
import java.util.List;
import java.util.Optional;

/**
 * Whether a cycle's event log says it was sealed, so that its handoff manifest must exist: the log took
 * the cycle into {@code PACKAGED} or beyond, or records {@code MANIFEST_SEALED}. Without the manifest, the
 * digest and the HTML report say that it is missing and to restore it from version control, never that the
 * cycle was not sealed (attack32). One judgement, for both.
 *
 * @since 0.1
 */
public final class SealedByLog {

    private SealedByLog() {
    }

    /**
     * Whether the log says the cycle was sealed.
     *
     * @param state  the cycle's state as its log folds it; empty when it has none
     * @param events the cycle's events, in order
     * @return whether the state is {@code PACKAGED} or later, or an event is {@code MANIFEST_SEALED}
     */
    public static boolean of(Optional<CycleState> state, List<PlanningEvent> events) {
        return state.filter(s -> s.compareTo(CycleState.PACKAGED) >= 0).isPresent()
                || events.stream().anyMatch(e -> e.type() == EventType.MANIFEST_SEALED);
    }
}
