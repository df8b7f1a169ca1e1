package dev.planning.engine.internal.lifecycle;

import dev.planning.api.gate.GateContext;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.Transition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Builds what the gates of one transition look at (parsed artifacts, other streams, the rulebook).
 * Called once per attempt, and only when the transition has gates to run.
 *
 * <p>A factory may throw {@link dev.planning.api.PlanningException} (for example when the
 * workspace cannot be read); the attempt then fails with it and nothing is recorded.
 */
@FunctionalInterface
public interface GateContextFactory {

    /** The context for {@code transition} of {@code cycle}; never {@code null}. */
    GateContext create(CycleRef cycle, Transition transition);

    /**
     * The context for {@code transition} of {@code cycle}, judged as of {@code judgedAt} when given
     * (see {@link GateContext#judgedAt()}). By default the context of {@link #create(CycleRef, Transition)}.
     */
    default GateContext create(CycleRef cycle, Transition transition, Optional<Instant> judgedAt) {
        return create(cycle, transition);
    }

    /**
     * The context for an attempt at {@code transition} of {@code cycle}, with the cycle's log as the
     * attempt read it, so that what the gates check against the log (the seal event, when
     * {@code release_readiness} verifies the manifest) does not read it again. By default the
     * context of {@link #create(CycleRef, Transition)}.
     */
    default GateContext create(CycleRef cycle, Transition transition,
            List<dev.planning.api.event.RecordedEvent> history) {
        return create(cycle, transition);
    }

    /**
     * The context for {@code transition} of {@code cycle} judged as of {@code judgedAt} when given, with the cycle's
     * log as the caller read it, so that what the gates learn from the log (the cycle's creation, which deployments
     * are judged against) does not read it again: a move re-derived by the sealed-state guard (scope39: each such
     * move read the whole log again, in a dry run too). By default the context of
     * {@link #create(CycleRef, Transition, Optional)}.
     */
    default GateContext create(CycleRef cycle, Transition transition, Optional<Instant> judgedAt,
            List<dev.planning.api.event.RecordedEvent> history) {
        return create(cycle, transition, judgedAt);
    }

    /**
     * The context for an attempt at {@code transition} of {@code cycle} whose log has no event yet: the attempt opens
     * the log with a {@code CYCLE_CREATED} stamped {@code createdAt}, its one clock reading, so the gates learn the
     * cycle's creation (which deployments are judged against) as that instant, as a rerun over the log learns it from
     * that event (time40: the live gate found no creation and refused every deployment, a rerun found it). By default
     * the context of {@link #create(CycleRef, Transition, List)} with no event.
     */
    default GateContext createOpening(CycleRef cycle, Transition transition, Instant createdAt) {
        return create(cycle, transition, List.of());
    }
}
