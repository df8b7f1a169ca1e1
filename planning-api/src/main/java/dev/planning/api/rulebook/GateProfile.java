package dev.planning.api.rulebook;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.lifecycle.CycleState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A named mapping from transitions to the gates that run at them, such as the {@code fe} and
 * {@code be} profiles. A transition the profile does not list runs no gates.
 *
 * @param name  the profile's name
 * @param steps one step per transition that has gates
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record GateProfile(String name, List<GateStep> steps) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param name the profile's name
     * @param steps one step per transition that has gates
     */
    public GateProfile {
        Objects.requireNonNull(name, "name");
        steps = List.copyOf(steps);
    }

    /**
     * The step for a transition, if the profile has one.
     *
     * @param from the state the transition leaves
     * @param to the target state
     * @return the step for a transition, if the profile has one
     */
    public Optional<GateStep> step(CycleState from, CycleState to) {
        return steps.stream().filter(s -> s.from() == from && s.to() == to).findFirst();
    }
}
