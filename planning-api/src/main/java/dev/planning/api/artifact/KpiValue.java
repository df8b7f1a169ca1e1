package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.rulebook.KpiDirection;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A KPI as measured in one cycle. {@code actual} is empty when the KPI's inputs were missing:
 * "not measured" is never reported as zero.
 *
 * @param name      the KPI, e.g. {@code plan_accuracy}
 * @param actual    the measured value
 * @param target    the target from the rulebook
 * @param unit      e.g. {@code percent}, {@code days}
 * @param direction {@code higher_is_better} or {@code lower_is_better}
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record KpiValue(String name, Optional<Double> actual, Optional<Double> target, String unit, String direction) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param name the KPI, e.g. {@code plan_accuracy}
     * @param actual the measured value
     * @param target the target from the rulebook
     * @param unit e.g. {@code percent}, {@code days}
     * @param direction {@code higher_is_better} or {@code lower_is_better}
     */
    public KpiValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(direction, "direction");
    }

    /**
     * Whether the KPI could be computed.
     *
     * @return whether the KPI could be computed
     */
    public boolean measured() {
        return actual.isPresent();
    }

    /**
     * Whether the measured value meets the target in the KPI's direction ({@code >=} for
     * {@code higher_is_better}, {@code <=} for {@code lower_is_better}), as the digest judges it.
     *
     * @return empty when the KPI was not measured or has no target
     * @throws dev.planning.api.InvalidInputException when {@code direction} is neither
     *                                                {@code higher_is_better} nor {@code lower_is_better}
     * @since 0.1
     */
    public Optional<Boolean> meetsTarget() {
        KpiDirection kind = KpiDirection.parse(direction);
        return actual.isEmpty() || target.isEmpty() ? Optional.empty()
                : Optional.of(kind.meets(actual.get(), target.get()));
    }
}
