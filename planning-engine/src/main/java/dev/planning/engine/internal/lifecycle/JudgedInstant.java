package dev.planning.engine.internal.lifecycle;

import dev.planning.api.Printable;
import dev.planning.api.event.PlanningEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The instant a recorded attempt's gates judged as of: its {@value LifecycleMachine#JUDGED_AT} detail
 * (the attempt's one clock reading; the event is stamped later, when appended), which must read as an
 * instant no earlier than the event before it and no later than the event's own timestamp, so that it
 * names no instant its writer could not have given as the timestamp itself; the event's timestamp when
 * the detail is absent (a log written before the detail was). One reading for the history check past
 * {@code PACKAGED} and for the digest's gate and move times.
 *
 * <pre>{@code
 * Instant at = JudgedInstant.of(event, before);
 * }</pre>
 */
public final class JudgedInstant {

    private JudgedInstant() {
    }

    /**
     * @param event  a recorded event
     * @param before the event before it in the log, or {@code null} for the log's first
     * @throws IllegalArgumentException saying what the detail holds, when it is not such an instant
     */
    public static Instant of(PlanningEvent event, PlanningEvent before) {
        String text = event.details().get(LifecycleMachine.JUDGED_AT);
        if (text == null) {
            return event.timestamp();
        }
        Instant judged;
        try {
            judged = Instant.parse(text);
        } catch (DateTimeParseException e) {
            // The log is a file anyone can commit: the detail is shown on one line, as every error quotes input.
            throw new IllegalArgumentException(LifecycleMachine.JUDGED_AT + " \"" + Printable.line(text)
                    + "\", which is not an ISO-8601 instant");
        }
        if (judged.isAfter(event.timestamp())) {
            throw new IllegalArgumentException(LifecycleMachine.JUDGED_AT + " " + judged
                    + ", later than the event's timestamp " + event.timestamp());
        }
        if (before != null && judged.isBefore(before.timestamp())) {
            throw new IllegalArgumentException(LifecycleMachine.JUDGED_AT + " " + judged
                    + ", earlier than the event before it (" + Printable.line(before.id()) + " at " + before.timestamp()
                    + ")");
        }
        return judged;
    }
}
