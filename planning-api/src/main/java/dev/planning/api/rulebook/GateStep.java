package dev.planning.api.rulebook;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Transition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The gates a profile runs at one transition, and where the cycle goes when they fail.
 *
 * @param from      the state the transition leaves
 * @param to        the state the transition enters
 * @param gates     gate names, run in this order
 * @param onFailure the state to move to when a gate fails (e.g. back to {@code PLANNED}); empty
 *                  to stay where it is
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record GateStep(CycleState from, CycleState to, List<String> gates, Optional<CycleState> onFailure) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param from the state the transition leaves
     * @param to the state the transition enters
     * @param gates gate names, run in this order
     * @param onFailure the state to move to when a gate fails (e.g. back to {@code PLANNED}); empty to stay
     *                  where it is
     */
    public GateStep {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        gates = List.copyOf(gates);
        Objects.requireNonNull(onFailure, "onFailure");
    }

    /**
     * The profile key, {@code FROM->TO}.
     *
     * @return the profile key, {@code FROM->TO}
     */
    public String key() {
        return Transition.key(from, to);
    }
}
