package dev.planning.engine.internal.lifecycle;

import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.Transition;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Work a lifecycle transition does besides running its gates: sealing the handoff when a cycle
 * enters {@code PACKAGED}, refusing to move a sealed cycle whose manifest no longer holds. Steps are
 * registered with the {@link LifecycleMachine}'s builder, so that every way of advancing a cycle
 * (the facade's {@code advance} and {@code seal}, the command line) runs them, and each step gets
 * the history the attempt read instead of reading the event log again.
 *
 * <p>An attempt goes: read the log once; {@link #before} of every step that applies (a step may
 * refuse by throwing, and nothing is recorded); run the gates; record the attempt; when it was
 * accepted, the {@link Completion} each step returned, in registration order. A step keeps no
 * state between attempts: what it learns before the gates run travels in its completion.
 */
public interface TransitionStep {

    /**
     * A step made on first use: for a step whose maker needs the machine it is registered with
     * (sealing signs and records through it).
     */
    static TransitionStep late(Supplier<TransitionStep> maker) {
        Objects.requireNonNull(maker, "maker");
        return new TransitionStep() {
            private volatile TransitionStep step;

            private TransitionStep step() {
                TransitionStep made = step;
                if (made == null) {
                    made = Objects.requireNonNull(maker.get(), "step");
                    step = made;
                }
                return made;
            }

            @Override
            public boolean appliesTo(Transition transition) {
                return step().appliesTo(transition);
            }

            @Override
            public Completion before(CycleRef cycle, Transition transition, List<RecordedEvent> history) {
                return step().before(cycle, transition, history);
            }
        };
    }

    /** Whether the step takes part in this transition. */
    boolean appliesTo(Transition transition);

    /**
     * Checks before any gate runs, and says how to complete the transition once accepted.
     *
     * @param history the cycle's verified log, as the attempt read it
     * @return what to do once the accepted attempt is recorded; never {@code null}
     * @throws dev.planning.api.PlanningException to refuse the transition; nothing is recorded
     */
    Completion before(CycleRef cycle, Transition transition, List<RecordedEvent> history);

    /** Completes one accepted attempt. */
    @FunctionalInterface
    interface Completion {

        /** Nothing to complete. */
        Completion NONE = run -> { };

        /**
         * Runs once the accepted attempt is recorded.
         *
         * @param run the result and the history including its event; facts recorded through it
         *            extend that history
         */
        void after(StepRun run);
    }
}
