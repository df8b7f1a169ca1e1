package dev.planning.api.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A named quality check run at lifecycle transitions.
 *
 * <p>Implementations must be stateless or thread-safe, must not modify the workspace (the engine
 * writes evidence), and should report problems as findings rather than throw. Register one with
 * {@code META-INF/services/dev.planning.api.gate.Gate} or pass it to the engine's builder, then
 * name it in a gate profile of the rulebook.
 *
 * <pre>{@code
 * public final class OwnersPresentGate implements Gate {
 *     public String name() { return "owners_present"; }
 *     public GateResult evaluate(GateContext context) {
 *         List<Task> tasks = context.tasks().stream().flatMap(plan -> plan.tasks().stream()).toList();
 *         List<Finding> findings = tasks.stream()
 *                 .filter(task -> task.owner().isEmpty())
 *                 .map(task -> Finding.error("owner.missing", "task " + task.id() + " has no owner",
 *                         task.location()).withTask(task.id()))
 *                 .toList();
 *         return GateResult.of(name(), findings, Map.of("tasks_checked", tasks.size()));
 *     }
 * }
 * }</pre>
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface Gate {

    /**
     * The name profiles refer to, e.g. {@code schema_lint}; {@code [a-z][a-z0-9_]*}.
     *
     * @return the name profiles refer to, e.g. {@code schema_lint}; {@code [a-z][a-z0-9_]*}
     */
    String name();

    /**
     * Runs the check. Never returns {@code null}.
     *
     * <p>The engine fails the gate closed, recording the attempt, when this throws: a finding
     * {@code gate.error} for a {@code PlanningException}, {@code gate.crashed} for any other exception
     * (or a {@code null} result), either of which blocks the transition. A finding the
     * {@code --format json} schemas would refuse cannot be made: {@link Finding}'s constructor refuses
     * a blank code or a fact name that is not {@code [a-z][a-z0-9_]{0,31}} with an
     * {@code IllegalArgumentException}, so such a gate fails with {@code gate.crashed} and the
     * message names the fact; its facts are never dropped or renamed.
     *
     * @param context everything the gate may read: the cycle, its plans, the rulebook, the clock; never
     *                {@code null}
     * @return the verdict, its located findings and the evidence to keep
     */
    GateResult evaluate(GateContext context);

    /**
     * One line saying what the gate checks, for listings.
     *
     * @return one line, for listings
     */
    default String description() {
        return name();
    }
}
