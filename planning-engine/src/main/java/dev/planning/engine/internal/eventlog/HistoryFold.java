package dev.planning.engine.internal.eventlog;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.event.EventType;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.internal.lifecycle.CycleFold;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * The fold of a cycle's history as {@code status} folds it ({@link CycleFold}), for a lint that tells every mistake of a
 * log in one run rather than the first: each event that does not fit is one mistake, and the fold takes up again
 * after it where it soundly can, so that no mistake is told twice.
 *
 * <p>After a broken line (one that cannot be read, one where the chain breaks, another cycle's event, an event the
 * fold refuses) the cycle's state is not known. While it is not known, no move is judged by the state it starts from:
 * the fold takes up again at the next move that says its state ({@code from_state}: a transition, a plan update, a
 * completion, a refused transition), judging from there that the move is one the lifecycle allows and every event
 * after it as {@code status} would; a {@code CYCLE_CREATED} is then judged a second one only when an event of the
 * cycle was folded before it and the chain does not break at it. The file lint ({@link EventLogLint}) and the store
 * lint fold so. Not thread-safe: one reader walks one log.
 */
@API(status = INTERNAL)
public final class HistoryFold {

    /** The types of event that say the state they start from ({@code from_state}), which the fold judges. */
    private static final Set<EventType> MOVES = EnumSet.of(EventType.STATE_TRANSITION, EventType.PLAN_UPDATED,
            EventType.CYCLE_COMPLETED, EventType.TRANSITION_REFUSED);

    private final String location;
    private final Consumer<EventLogCorruptedException> mistakes;
    /** The cycle's state by the fold of the events so far; {@code null} when it is not known (see above). */
    private CycleState folded = CycleState.PLANNED;
    /** Whether an event of this cycle was folded before. */
    private boolean anEventBefore;

    /**
     * A fold of the log at {@code location} from its first line.
     *
     * @param location where the events come from, as the mistakes name it
     * @param mistakes where each event that does not fit is told, at its line
     */
    public HistoryFold(String location, Consumer<EventLogCorruptedException> mistakes) {
        this.location = Objects.requireNonNull(location, "location");
        this.mistakes = Objects.requireNonNull(mistakes, "mistakes");
    }

    /**
     * The cycle's state is no longer known: a line that cannot be read, or another cycle's event, came next. Such a
     * line is no event of the cycle before the next one.
     */
    public void lost() {
        folded = null;
    }

    /**
     * One more event of the cycle, judged from the state the events before leave the cycle in when it is known, else
     * from the state it says it starts from.
     *
     * @param recorded the event at its line
     * @param broken   whether the chain breaks at its line (lines deleted, inserted or edited before it)
     */
    public void next(RecordedEvent recorded, boolean broken) {
        if (broken) {
            folded = null;
        }
        fold(recorded, broken);
        anEventBefore = true;
    }

    private void fold(RecordedEvent recorded, boolean broken) {
        EventType type = recorded.event().type();
        CycleState from;
        if (folded != null) {
            from = folded;
        } else if (type == EventType.CYCLE_CREATED) {
            if (!anEventBefore) {
                // The first event read: what the fold makes of a first CYCLE_CREATED.
                folded = CycleState.PLANNED;
                return;
            }
            if (broken) {
                return; // the start of a log inserted here, say: the chain's finding tells it
            }
            from = CycleState.PLANNED; // judged a second one whatever the state
        } else if (MOVES.contains(type) && recorded.event().fromState().isPresent()) {
            from = recorded.event().fromState().get();
        } else {
            return;
        }
        try {
            folded = CycleFold.next(location, from, recorded, !anEventBefore);
        } catch (EventLogCorruptedException e) {
            mistakes.accept(e);
            folded = null;
        }
    }
}
