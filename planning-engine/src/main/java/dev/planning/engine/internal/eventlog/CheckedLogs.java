package dev.planning.engine.internal.eventlog;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.planning.api.gate.Finding;
import dev.planning.api.lifecycle.CycleRef;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
     * @param created  when the cycle was created, its first line's event, when that line is no mistake: what lint
     *                 judges the cycle's deployments against without reading the log again (kpi38)
     */
    record Checked(int lines, List<Finding> mistakes, Optional<Instant> created) {

        /** A result; {@code mistakes} is copied. */
        public Checked {
            mistakes = List.copyOf(mistakes);
            Objects.requireNonNull(created, "created");
        }

        /** A result that does not tell when the cycle was created. */
        public Checked(int lines, List<Finding> mistakes) {
            this(lines, mistakes, Optional.empty());
        }
    }
}
