package dev.planning.engine.internal.lifecycle;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.SourceLocation;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Lifecycle;
import java.util.List;
import java.util.Optional;

/**
 * A cycle's state as the fold of its events, oldest first. The rules, one per event type:
 * <ul>
 * <li>no events: {@code PLANNED};</li>
 * <li>{@code CYCLE_CREATED} (only as the first event): {@code PLANNED};</li>
 * <li>{@code STATE_TRANSITION}, {@code PLAN_UPDATED}, {@code CYCLE_COMPLETED}: the event's
 *     {@code to_state};</li>
 * <li>{@code TRANSITION_REFUSED}: its {@code to_state} is the state that was <em>requested</em>
 *     and is ignored; the cycle stays, unless the details carry {@value #MOVED_TO}, the state the
 *     profile's failure action moved it to;</li>
 * <li>every other type (sealing, signatures, waivers, imports, digests): no change.</li>
 * </ul>
 * The fold is strict, so that a forged or hand-edited but well-chained log cannot invent a state:
 * a transition event must start from the current state ({@code from_state}) and be a move the
 * {@link Lifecycle} allows, a failure action must stay or make an allowed move, and nothing may
 * follow {@code COMPLETED}. Anything else is an {@link EventLogCorruptedException} at that line.
 */
public final class CycleFold {

    /** The detail of a refused transition naming the state its failure action moved the cycle to. */
    public static final String MOVED_TO = "moved_to";

    private CycleFold() {
    }

    /**
     * The state after {@code history}.
     *
     * @param source  where the events come from, for error locations (e.g. the log's path)
     * @param history the events, oldest first
     * @throws EventLogCorruptedException when the events do not describe a possible history
     */
    public static CycleState fold(String source, List<RecordedEvent> history) {
        CycleState state = CycleState.PLANNED;
        for (int i = 0; i < history.size(); i++) {
            state = next(source, state, history.get(i), i == 0);
        }
        return state;
    }

    /**
     * The state after one more event, as {@link #fold} takes each step: {@link #apply}, and nothing after
     * {@code COMPLETED}. For a reader that walks a log line by line (the PostgreSQL store's import and check).
     *
     * @param source   where the events come from, for error locations
     * @param state    the state before the event
     * @param recorded the event
     * @param first    whether the event is the log's first
     * @return the state after it
     * @throws EventLogCorruptedException when the event does not fit the history
     */
    public static CycleState next(String source, CycleState state, RecordedEvent recorded, boolean first) {
        if (state == CycleState.COMPLETED) {
            throw corrupt(source, recorded, "the cycle was already COMPLETED, yet "
                    + recorded.event().type() + " follows");
        }
        return apply(source, state, recorded, first);
    }

    /**
     * The state one event leaves the cycle in, from {@code state}: the step {@link #fold} takes for
     * each event (for callers that must see every move the fold makes, whatever the event's type).
     *
     * @param first whether the event is the log's first
     * @throws EventLogCorruptedException when the event does not fit the history
     */
    public static CycleState apply(String source, CycleState state, RecordedEvent recorded, boolean first) {
        PlanningEvent event = recorded.event();
        switch (event.type()) {
            case CYCLE_CREATED:
                if (!first) {
                    throw corrupt(source, recorded, "CYCLE_CREATED may only be the first event");
                }
                return CycleState.PLANNED;
            case STATE_TRANSITION:
            case PLAN_UPDATED:
            case CYCLE_COMPLETED:
                return accepted(source, state, recorded);
            case TRANSITION_REFUSED:
                requireFrom(source, state, recorded);
                return movedTo(source, state, recorded).orElse(state);
            default:
                return state;
        }
    }

    private static CycleState accepted(String source, CycleState state, RecordedEvent recorded) {
        PlanningEvent event = recorded.event();
        requireFrom(source, state, recorded);
        CycleState to = event.toState().orElseThrow(() -> corrupt(source, recorded,
                event.type() + " has no to_state"));
        if (Lifecycle.find(state, to).isEmpty()) {
            throw corrupt(source, recorded, event.type() + " " + state + " -> " + to
                    + " is not a transition the lifecycle allows");
        }
        if (event.type() == EventType.CYCLE_COMPLETED && to != CycleState.COMPLETED) {
            throw corrupt(source, recorded, "CYCLE_COMPLETED must lead to COMPLETED, not " + to);
        }
        return to;
    }

    private static Optional<CycleState> movedTo(String source, CycleState state, RecordedEvent recorded) {
        String value = recorded.event().details().get(MOVED_TO);
        if (value == null) {
            return Optional.empty();
        }
        CycleState target;
        try {
            target = CycleState.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw corrupt(source, recorded, MOVED_TO + " names no state: \"" + value + "\"");
        }
        if (target != state && Lifecycle.find(state, target).isEmpty()) {
            throw corrupt(source, recorded, "a refused transition cannot move the cycle from " + state
                    + " to " + target);
        }
        return Optional.of(target);
    }

    private static void requireFrom(String source, CycleState state, RecordedEvent recorded) {
        Optional<CycleState> from = recorded.event().fromState();
        if (from.isEmpty() || from.get() != state) {
            throw corrupt(source, recorded, recorded.event().type() + " starts from "
                    + from.map(Enum::name).orElse("no state") + " but the cycle was " + state + " at that point");
        }
    }

    private static EventLogCorruptedException corrupt(String source, RecordedEvent recorded, String why) {
        return new EventLogCorruptedException("event " + recorded.event().id() + " on line " + recorded.line()
                + " does not fit the cycle's history: " + why, new SourceLocation(source, recorded.line(), 0));
    }
}
