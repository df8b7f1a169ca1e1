package dev.planning.api.lifecycle;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What happened when a cycle was asked to advance: which transition, whether it was accepted,
 * the result of every gate that ran, and the state the cycle is in afterwards.
 *
 * <p>A refused transition is a normal result, not an exception: the attempt and its gate results
 * are recorded in the event log either way. When the profile names a failure action (for example
 * "back to PLANNED"), {@code stateAfter} is that state.
 *
 * @param cycle       the cycle, never {@code null}
 * @param transition  the transition attempted, never {@code null}
 * @param accepted    whether the cycle moved to {@code transition.to()}
 * @param gateResults one result per gate run, in the order they ran
 * @param stateAfter  the cycle's state once the attempt was recorded
 * @param eventId     the id of the recorded event
 * @param evidence    the evidence file written for each gate, by gate name, as workspace-relative
 *                    paths in the order the gates ran (the event records the same paths); empty for
 *                    a gate whose evidence was not kept
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record TransitionResult(
        CycleRef cycle,
        Transition transition,
        boolean accepted,
        List<GateResult> gateResults,
        CycleState stateAfter,
        String eventId,
        Map<String, String> evidence) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param cycle the cycle, never {@code null}
     * @param transition the transition attempted, never {@code null}
     * @param accepted whether the cycle moved to {@code transition.to()}
     * @param gateResults one result per gate run, in the order they ran
     * @param stateAfter the cycle's state once the attempt was recorded
     * @param eventId the id of the recorded event
     * @param evidence the evidence file written for each gate, by gate name, as workspace-relative paths in
     *                 the order the gates ran (the event records the same paths); empty for a gate whose
     *                 evidence was not kept
     */
    public TransitionResult {
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(transition, "transition");
        gateResults = List.copyOf(gateResults);
        Objects.requireNonNull(stateAfter, "stateAfter");
        Objects.requireNonNull(eventId, "eventId");
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(evidence, "evidence")));
    }

    /**
     * A result without evidence files (none was kept).
     *
     * @param cycle the cycle
     * @param transition the transition attempted, never {@code null}
     * @param accepted whether the cycle moved to {@code transition.to()}
     * @param gateResults one result per gate run, in the order they ran
     * @param stateAfter the cycle's state once the attempt was recorded
     * @param eventId the id of the recorded event
     */
    public TransitionResult(CycleRef cycle, Transition transition, boolean accepted, List<GateResult> gateResults,
            CycleState stateAfter, String eventId) {
        this(cycle, transition, accepted, gateResults, stateAfter, eventId, Map.of());
    }

    /**
     * The evidence file of one gate's run, workspace-relative, if it was written.
     *
     * @param gate the gate's name
     * @return the evidence file of one gate's run, workspace-relative, if it was written
     */
    public Optional<String> evidence(String gate) {
        return Optional.ofNullable(evidence.get(gate));
    }

    /**
     * The gates that failed, in the order they ran; empty when the transition was accepted.
     *
     * @return the gates that failed, in the order they ran; empty when the transition was accepted
     */
    public List<GateResult> failedGates() {
        return gateResults.stream().filter(r -> r.status() == GateStatus.FAIL).toList();
    }

    /**
     * The result of one gate, if it ran.
     *
     * @param name the gate's name
     * @return the result of one gate, if it ran
     */
    public Optional<GateResult> gate(String name) {
        return gateResults.stream().filter(r -> r.gate().equals(name)).findFirst();
    }
}
