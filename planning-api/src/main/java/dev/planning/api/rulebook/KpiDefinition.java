package dev.planning.api.rulebook;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.InvalidInputException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One KPI as the rulebook defines it ({@code kpis:} in {@code rulebook.yaml}): a formula over
 * named inputs, its unit, target and direction.
 *
 * <pre class="language-yaml">{@code
 * kpis:
 *   - name: plan_accuracy
 *     formula: "done_tasks / planned_tasks * 100"
 *     inputs: [done_tasks, planned_tasks]
 *     unit: percent
 *     target: 90
 *     direction: higher_is_better
 *     description: Share of the committed work items delivered.
 * }</pre>
 *
 * <p>A KPI whose inputs are not all measured is "not measured", never zero.
 *
 * @param name        unique within the rulebook, {@code [a-z][a-z0-9_]*}
 * @param formula     an expression over the inputs (JEXL syntax: arithmetic, comparisons, {@code ?:})
 * @param inputs      the input names the formula reads; all must be measured for the KPI to be
 * @param unit        e.g. {@code percent}, {@code days}, {@code count}
 * @param target      the target, when the rulebook sets one; a finite number
 * @param direction   whether higher or lower actuals are better
 * @param description what it measures, for readers of the digest
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record KpiDefinition(
        String name,
        String formula,
        List<String> inputs,
        String unit,
        Optional<Double> target,
        KpiDirection direction,
        String description) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param name unique within the rulebook, {@code [a-z][a-z0-9_]*}
     * @param formula an expression over the inputs (JEXL syntax: arithmetic, comparisons, {@code ?:})
     * @param inputs the input names the formula reads; all must be measured for the KPI to be
     * @param unit e.g. {@code percent}, {@code days}, {@code count}
     * @param target the target, when the rulebook sets one
     * @param direction whether higher or lower actuals are better
     * @param description what it measures, for readers of the digest
     */
    public KpiDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(formula, "formula");
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(description, "description");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new InvalidInputException("KPI name '" + name + "' must match [a-z][a-z0-9_]*");
        }
        if (target.isPresent() && !Double.isFinite(target.get())) {
            throw new InvalidInputException("KPI '" + name + "' has the target " + target.get()
                    + "; expected a finite number");
        }
        if (formula.isBlank()) {
            throw new InvalidInputException("KPI '" + name + "' has an empty formula");
        }
    }
}
