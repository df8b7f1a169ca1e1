package dev.planning.api.lifecycle;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One allowed move between two states, with the name the design documents give it
 * ({@code validate_complete}, {@code validation_failed}, ...).
 *
 * @param from the state the cycle must be in, never {@code null}
 * @param to   the state the cycle moves to, never {@code null}
 * @param kind forward, backward or self
 * @param name the transition's name, e.g. {@code package_artifacts}
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record Transition(CycleState from, CycleState to, TransitionKind kind, String name) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param from the state the cycle must be in, never {@code null}
     * @param to the state the cycle moves to, never {@code null}
     * @param kind forward, backward or self
     * @param name the transition's name, e.g. {@code package_artifacts}
     */
    public Transition {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /**
     * {@code FROM->TO}, the key gate profiles use for this transition.
     *
     * @return {@code FROM->TO}
     */
    public String key() {
        return key(from, to);
    }

    /**
     * The profile key of a pair of states: {@code FROM->TO}.
     *
     * @param from the state the transition leaves
     * @param to the target state
     * @return the profile key of a pair of states: {@code FROM->TO}
     */
    public static String key(CycleState from, CycleState to) {
        return from.name() + "->" + to.name();
    }

    // equals and hashCode are written out, with the meaning a record's generated ones have: the
    // generated ones are bootstrapped through invokedynamic (ObjectMethods) on first use, which
    // spins method-handle classes at run time that no start-up cache holds (docs/benchmarks/cold-start.md,
    // "Cold start, seventh pass").

    /** Equal when all four components are equal, as for any record. */
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Transition that && from == that.from && to == that.to
                && kind == that.kind && name.equals(that.name);
    }

    /** A hash of all four components, as for any record. */
    @Override
    public int hashCode() {
        return Objects.hash(from, to, kind, name);
    }

    @Override
    public String toString() {
        return from + " -> " + to + " (" + name + ")";
    }
}
