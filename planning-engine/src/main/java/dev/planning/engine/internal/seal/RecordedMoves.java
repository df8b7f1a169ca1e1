package dev.planning.engine.internal.seal;

import dev.planning.api.Printable;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.lifecycle.Transition;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.engine.internal.lifecycle.CycleFold;
import dev.planning.engine.internal.lifecycle.JudgedInstant;
import dev.planning.engine.internal.lifecycle.LifecycleMachine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The moves a cycle's log records from {@code PACKAGED} on, judged again. No signature covers an
 * event after the seal, and the hash chain can be recomputed, so a contributor without a key could
 * write {@code EXECUTED -> VALIDATED} with {@code parity_coverage: PASS} into the log of a handoff
 * the team signed, though the gate failed; {@code status} then showed the cycle validated and
 * {@code advance} took it on. Each forward move recorded out of {@code PACKAGED} or a later state
 * therefore has its gates run again over the workspace as it is (as of the instant they judged,
 * recording nothing), apart from {@code release_readiness}, which is the sealed manifest's
 * verification the caller makes anyway; a gate that does not pass now leaves a recorded move unbacked.
 *
 * <p>Every move the log's fold makes counts, whatever its event's type. A move is judged as of its
 * event's {@value LifecycleMachine#JUDGED_AT} (the attempt's one clock reading; the event is stamped
 * later, when appended), taken only between the event before and the event's own timestamp, and as
 * of the event's time in a log written before that detail; either is written by the contributor, so
 * never earlier than the latest time the seal's manifest records (its signatures' {@code signed_at},
 * its {@code sealed_at}): a waiver that expired before the keyholders signed cannot back a move after
 * the seal.
 *
 * <p>What this cannot see: inputs changed to fit (outcome files a contributor imports are judged as
 * they are), and a move dated between the latest signature and a waiver's expiry (the waiver held
 * then, and no signature says when the move was made).
 */
public final class RecordedMoves {

    private final LifecycleMachine machine;
    private final Function<CycleRef, String> logs;

    /**
     * @param machine runs the gates of a transition again
     * @param logs    where a cycle's log is, for messages
     */
    public RecordedMoves(LifecycleMachine machine, Function<CycleRef, String> logs) {
        this.machine = Objects.requireNonNull(machine, "machine");
        this.logs = Objects.requireNonNull(logs, "logs");
    }

    /**
     * One discrepancy ({@link DiscrepancyKind#UNSIGNED_HISTORY}) per forward move out of
     * {@code PACKAGED} or later whose gates do not pass now, located at the event's line. A move is
     * every change of state the log's fold makes ({@link CycleFold#apply}), whatever the event's
     * type: a {@code PLAN_UPDATED} or a {@code TRANSITION_REFUSED} with {@code moved_to} moves the
     * cycle as a {@code STATE_TRANSITION} does. Each is judged as of the instant its gates judged
     * ({@link #judgedAt}; a {@code judged_at} out of its bounds or unreadable is itself a
     * discrepancy), but never earlier than {@code notBefore}: no signature covers that time, and a
     * move out of a sealed state comes after the seal was signed.
     *
     * @param history   the cycle's verified log
     * @param notBefore the earliest time a move after the seal may be judged as of (the latest time
     *                  the seal's manifest records: its {@code sealed_at} and signatures' {@code signed_at})
     */
    public List<Discrepancy> check(CycleRef cycle, List<RecordedEvent> history, Instant notBefore) {
        Objects.requireNonNull(notBefore, "notBefore");
        String log = logs.apply(cycle);
        List<Discrepancy> found = new ArrayList<>();
        Set<String> judged = new HashSet<>();
        CycleState state = CycleState.PLANNED;
        for (int i = 0; i < history.size(); i++) {
            RecordedEvent recorded = history.get(i);
            PlanningEvent event = recorded.event();
            CycleState from = state;
            CycleState to = CycleFold.apply(log, from, recorded, i == 0);
            state = to;
            if (from.ordinal() < CycleState.PACKAGED.ordinal() || to.ordinal() <= from.ordinal()) {
                continue;
            }
            Optional<Transition> transition = Lifecycle.find(from, to);
            Instant judgedAt;
            try {
                judgedAt = judgedAt(event, history.get(i - 1).event());
            } catch (IllegalArgumentException e) {
                // Located at the event's line, with what to do: the log is the repository's, restored from it.
                found.add(Discrepancy.of(DiscrepancyKind.UNSIGNED_HISTORY, log + ":" + recorded.line() + ":1",
                        LifecycleMachine.JUDGED_AT + " an instant between the event before and the event's timestamp",
                        e.getMessage(), "event " + Printable.line(event.id()) + " (line " + recorded.line() + ") says"
                        + " cycle " + cycle + " moved " + from + " -> " + to + " and records " + e.getMessage()
                        + "; no signature covers a move after the seal, so the move is not taken as recorded"
                        + " (restore the log as it was committed)"));
                continue;
            }
            Instant at = judgedAt.isBefore(notBefore) ? notBefore : judgedAt;
            if (transition.isEmpty() || !judged.add(transition.get().key() + "@" + at)) {
                continue;
            }
            List<GateResult> failing = machine.rerun(cycle, transition.get(), Optional.of(at),
                    gate -> !gate.equals(ReleaseReadinessGate.NAME), history).stream()
                    .filter(result -> result.status() == GateStatus.FAIL).toList();
            if (!failing.isEmpty()) {
                String now = failing.stream().map(r -> r.gate() + " FAIL (" + r.findings().size() + " finding(s))")
                        .collect(Collectors.joining(", "));
                found.add(Discrepancy.of(DiscrepancyKind.UNSIGNED_HISTORY, log + ":" + recorded.line(),
                        "the gates of " + from + " -> " + to + " passing", now, "event " + Printable.line(event.id()) + " (line "
                        + recorded.line() + ") says cycle " + cycle + " moved " + from + " -> " + to + " with its gates"
                        + " passing, but run again over the workspace they do not: " + now + "; no signature covers a"
                        + " move after the seal, so the move is not taken as recorded"));
            }
        }
        return List.copyOf(found);
    }

    /** The instant a recorded move's gates judged as of ({@link JudgedInstant#of}). */
    static Instant judgedAt(PlanningEvent event, PlanningEvent before) {
        return JudgedInstant.of(event, before);
    }
}
