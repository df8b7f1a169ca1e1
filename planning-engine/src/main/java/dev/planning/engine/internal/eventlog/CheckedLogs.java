package dev.planning.engine.internal.eventlog;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.planning.api.gate.Finding;
import dev.planning.api.lifecycle.CycleRef;
import java.util.List;
import org.apiguardian.api.API;

/**
 * An {@link dev.planning.api.store.EventStore} that tells every mistake of a cycle's log, where {@code read} refuses
 * the log at its first (the PostgreSQL store): {@code planning lint} over a workspace on such a store lists each
 * mistake of each log, as it lists each of a log file's ({@link EventLogLint}), not the first alone.
 */
@API(status = INTERNAL)
public interface CheckedLogs {

    /**
     * Every mistake of the cycle's log, one finding each at its line ({@link EventLogLint#EVENT_CHAIN} for a line that
     * does not verify as {@code read} verifies it or is another cycle's event, {@link EventLogLint#EVENT_HISTORY} for
     * an event the history does not allow, folded as {@link HistoryFold} folds it), in line order.
     *
     * @param cycle the cycle
     * @return whether the cycle has a log, and its mistakes; none when the log is sound
     * @throws dev.planning.api.PlanningException when the log cannot be read at all
     */
    Checked check(CycleRef cycle);

    /**
     * What {@link #check} found.
     *
     * @param lines    how many lines the log holds; {@code 0} when the cycle has no log
     * @param mistakes each mistake, one finding each
     */
    record Checked(int lines, List<Finding> mistakes) {

        /** A result; {@code mistakes} is copied. */
        public Checked {
            mistakes = List.copyOf(mistakes);
        }
    }
}
