package dev.planning.engine.internal.lifecycle;

import dev.planning.api.event.EventType;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.TransitionResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link TransitionStep} completes an accepted transition with: the result, the cycle's
 * history as it stands (the attempt's read, extended by every event recorded since), and a way to
 * record facts after it without reading the log again. Recording compares and appends against the
 * last event in hand, so a writer that slipped in meanwhile makes it fail with
 * {@link dev.planning.api.ConcurrentTransitionException} rather than be overlooked.
 */
public final class StepRun {

    private final LifecycleMachine machine;
    private final TransitionResult result;
    private final List<RecordedEvent> history;
    private final Instant judgedAt;

    StepRun(LifecycleMachine machine, TransitionResult result, List<RecordedEvent> history, Instant judgedAt) {
        this.machine = Objects.requireNonNull(machine, "machine");
        this.result = Objects.requireNonNull(result, "result");
        this.history = new ArrayList<>(history);
        this.judgedAt = Objects.requireNonNull(judgedAt, "judgedAt");
    }

    /**
     * The attempt's one clock reading: the instant its gates judged as of, which their evidence and
     * the event's {@value LifecycleMachine#JUDGED_AT} name (the event itself is stamped when appended).
     */
    public Instant judgedAt() {
        return judgedAt;
    }

    /** The cycle. */
    public CycleRef cycle() {
        return result.cycle();
    }

    /** The accepted transition's result. */
    public TransitionResult result() {
        return result;
    }

    /** The cycle's history now, oldest first; its last event is the latest recorded. */
    public List<RecordedEvent> history() {
        return Collections.unmodifiableList(history);
    }

    /** The event the transition was recorded as. */
    public RecordedEvent transitionEvent() {
        return history.stream().filter(e -> e.event().id().equals(result.eventId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the transition's event is not in the history"));
    }

    /**
     * Records a fact after the history in hand (see {@link LifecycleMachine#record}).
     *
     * @return the event as recorded, now the last of {@link #history()}
     */
    public RecordedEvent record(EventType type, Map<String, String> details) {
        RecordedEvent recorded = machine.record(cycle(), type, details, history);
        history.add(recorded);
        return recorded;
    }
}
