package dev.planning.store.postgres;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.eventlog.CycleEntity;
import dev.planning.engine.internal.eventlog.EventLineCodec;
import dev.planning.engine.internal.eventlog.HistoryFold;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The walk along one cycle's rows of the checks that tell every mistake, {@code planning lint}'s
 * ({@link PostgresEventStore#checkLog}) and {@code planning store check}'s ({@link StoreCheck}): each
 * row walked by {@link ChainWalk}, a line of another cycle one mistake of its own, and the cycle's
 * history folded by {@link HistoryFold}, which takes up again after a mistake where it soundly can,
 * so that every event that does not fit is told and none twice (store38: {@code store check} stopped
 * judging the history at its first mistake, an edit or a missing line).
 *
 * <p>What the fold is given: an edited line, one that cannot be read, and another cycle's event say
 * nothing of the cycle's state ({@link HistoryFold#lost}); every other line is folded, its chain
 * broken when {@link ChainWalk.Step#broken} says so, and only then: a {@code prev_sha256} column that
 * is not the line's is a mistake of that column, after which the history is judged on as before
 * (store38: it restarted the fold there, so a move from a state the cycle was not in went untold).
 */
final class HistoryWalk {

    private final ChainWalk chain;
    private final HistoryFold history;
    private final CycleRef cycle;
    private final ChainWalk.Mistakes mistakes;

    /**
     * A walk from the cycle's first row.
     *
     * @param cycle    the cycle the rows are of; {@code null} when they name none (that is reported by
     *                 the caller, and no line is then judged another cycle's)
     * @param location where the rows are, as the history's mistakes name it
     * @param mistakes where each mistake of the chain goes, and each line of another cycle
     * @param history  where each event the history does not allow goes
     */
    HistoryWalk(EventLineCodec codec, CycleRef cycle, String location, ChainWalk.Mistakes mistakes,
            Consumer<EventLogCorruptedException> history) {
        this.chain = new ChainWalk(codec, mistakes);
        this.history = new HistoryFold(location, history);
        this.cycle = cycle;
        this.mistakes = Objects.requireNonNull(mistakes, "mistakes");
    }

    /**
     * Walks one row ({@link ChainWalk#next}), then folds its event.
     *
     * @return what the line says, as {@link ChainWalk#next} returns it; each mistake found is reported
     *         before this returns
     */
    ChainWalk.Step next(int seq, String prevColumn, String sha256, byte[] line) {
        ChainWalk.Step step = chain.next(seq, prevColumn, sha256, line);
        if (step.line() == null || step.edited()) {
            history.lost(); // no event, or what an edited line says, which is no record
            return step;
        }
        if (cycle != null && CycleEntity.ofAnotherCycle(step.line().event(), cycle)) {
            // As the read path refuses it (store29), each such row a mistake of its own (tidy30).
            mistakes.add(seq, anotherCycle(cycle, seq, step.line()));
            history.lost();
            return step;
        }
        history.next(new RecordedEvent(seq, step.line().event(), step.line().prevHash(), sha256), step.broken());
        return step;
    }

    /** {@link ChainWalk#intact()}. */
    boolean intact() {
        return chain.intact();
    }

    /**
     * The mistake of line {@code line}, an event of another cycle than {@code cycle} ({@link CycleEntity#ofAnotherCycle}
     * holds): its entity id, a valid cycle ref of at most 97 characters with nothing to escape, is shown whole; cut at
     * a value's 80 it named a cycle that is not there (msg44).
     */
    static String anotherCycle(CycleRef cycle, int line, EventLineCodec.Line decoded) {
        return "line " + line + " is an event of " + decoded.event().entityId() + ", not of " + cycle
                + ": this log holds another cycle's history"
                + " (copied or renamed from its rows or log)";
    }
}
