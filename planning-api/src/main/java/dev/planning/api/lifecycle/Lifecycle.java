package dev.planning.api.lifecycle;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The allowed transitions of a planning cycle.
 *
 * <p>Forward: {@code PLANNED -> READY_FOR_HANDOFF -> PACKAGED -> EXECUTED -> VALIDATED -> IMPROVE
 * -> COMPLETED}. Backward: {@code READY_FOR_HANDOFF -> PLANNED} and {@code VALIDATED -> EXECUTED}
 * (validation failed), {@code EXECUTED -> PACKAGED} (execution failed). Self:
 * {@code PLANNED -> PLANNED} (plan updated).
 *
 * <pre>{@code
 * Optional<Transition> handoff = Lifecycle.find(CycleState.PLANNED, CycleState.READY_FOR_HANDOFF);   // validate_complete
 * Optional<Transition> skip = Lifecycle.find(CycleState.PLANNED, CycleState.EXECUTED);             // empty
 * }</pre>
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class Lifecycle {

    private static final List<Transition> TRANSITIONS = List.of(
            forward(CycleState.PLANNED, CycleState.READY_FOR_HANDOFF, "validate_complete"),
            forward(CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED, "package_artifacts"),
            forward(CycleState.PACKAGED, CycleState.EXECUTED, "begin_execution"),
            forward(CycleState.EXECUTED, CycleState.VALIDATED, "validate_results"),
            forward(CycleState.VALIDATED, CycleState.IMPROVE, "analyze_metrics"),
            forward(CycleState.IMPROVE, CycleState.COMPLETED, "cycle_complete"),
            new Transition(CycleState.PLANNED, CycleState.PLANNED, TransitionKind.SELF, "update_plan"),
            backward(CycleState.READY_FOR_HANDOFF, CycleState.PLANNED, "validation_failed"),
            backward(CycleState.EXECUTED, CycleState.PACKAGED, "execution_failed"),
            backward(CycleState.VALIDATED, CycleState.EXECUTED, "validation_failed"));

    private Lifecycle() {
    }

    /**
     * Every allowed transition, forward ones first in chain order; never {@code null}.
     *
     * @return every allowed transition, forward ones first in chain order
     */
    public static List<Transition> transitions() {
        return TRANSITIONS;
    }

    /**
     * The transition from one state to another, or empty when the lifecycle does not allow it.
     *
     * @param from the state the transition leaves
     * @param to the target state
     * @return the transition from one state to another, or empty when the lifecycle does not allow it
     */
    public static Optional<Transition> find(CycleState from, CycleState to) {
        return TRANSITIONS.stream().filter(t -> t.from() == from && t.to() == to).findFirst();
    }

    /**
     * The transitions allowed from a state, in declaration order.
     *
     * @param state the state
     * @return the transitions allowed from a state, in declaration order
     */
    public static List<Transition> from(CycleState state) {
        return TRANSITIONS.stream().filter(t -> t.from() == state).toList();
    }

    private static Transition forward(CycleState from, CycleState to, String name) {
        return new Transition(from, to, TransitionKind.FORWARD, name);
    }

    private static Transition backward(CycleState from, CycleState to, String name) {
        return new Transition(from, to, TransitionKind.BACKWARD, name);
    }
}
