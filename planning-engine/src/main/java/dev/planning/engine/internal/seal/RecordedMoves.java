package dev.planning.engine.internal.seal;

import dev.planning.api.event.EventType;
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
import dev.planning.engine.internal.lifecycle.LifecycleMachine;
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
 * therefore has its gates run again over the workspace as it is (as of the event's time, recording
 * nothing), apart from {@code release_readiness}, which is the sealed manifest's verification the
 * caller makes anyway; a gate that does not pass now leaves a recorded move unbacked.
 *
 * <p>What this cannot see: inputs changed to fit (outcome files a contributor imports are judged as
 * they are), and waivers judged as of an event time the contributor wrote.
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
     * One discrepancy ({@link DiscrepancyKind#UNSIGNED_HISTORY}) per recorded forward move out of
     * {@code PACKAGED} or later whose gates do not pass now, located at the event's line.
     *
     * @param history the cycle's verified log
     */
    public List<Discrepancy> check(CycleRef cycle, List<RecordedEvent> history) {
        String log = logs.apply(cycle);
        List<Discrepancy> found = new ArrayList<>();
        Set<Transition> judged = new HashSet<>();
        for (RecordedEvent recorded : history) {
            PlanningEvent event = recorded.event();
            CycleState from = event.fromState().orElse(null);
            CycleState to = event.toState().orElse(null);
            if (event.type() != EventType.STATE_TRANSITION || from == null || to == null
                    || from.ordinal() < CycleState.PACKAGED.ordinal() || to.ordinal() <= from.ordinal()) {
                continue;
            }
            Optional<Transition> transition = Lifecycle.find(from, to);
            if (transition.isEmpty() || !judged.add(transition.get())) {
                continue;
            }
            List<GateResult> failing = machine.rerun(cycle, transition.get(), Optional.of(event.timestamp()),
                    gate -> !gate.equals(ReleaseReadinessGate.NAME)).stream()
                    .filter(result -> result.status() == GateStatus.FAIL).toList();
            if (!failing.isEmpty()) {
                String now = failing.stream().map(r -> r.gate() + " FAIL (" + r.findings().size() + " finding(s))")
                        .collect(Collectors.joining(", "));
                found.add(Discrepancy.of(DiscrepancyKind.UNSIGNED_HISTORY, log + ":" + recorded.line(),
                        "the gates of " + from + " -> " + to + " passing", now, "event " + event.id() + " (line "
                        + recorded.line() + ") says cycle " + cycle + " moved " + from + " -> " + to + " with its gates"
                        + " passing, but run again over the workspace they do not: " + now + "; no signature covers a"
                        + " move after the seal, so the move is not taken as recorded"));
            }
        }
        return List.copyOf(found);
    }
}
