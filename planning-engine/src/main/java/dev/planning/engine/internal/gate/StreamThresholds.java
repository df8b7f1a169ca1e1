package dev.planning.engine.internal.gate;

import dev.planning.api.rulebook.Rulebook;
import java.util.Objects;
import java.util.Optional;

/**
 * The rulebook's thresholds as one stream sees them: a threshold named {@code <stream>.<name>}
 * overrides {@code <name>} for that stream, so one rulebook can ask less of a stream whose work
 * is not code.
 *
 * <pre>{@code
 * # rulebook.yaml
 * thresholds:
 *   unit_coverage_min: 80
 *   design.unit_coverage_min: 0     # design plans state no unit coverage target
 * }</pre>
 *
 * @param rulebook the rulebook in force
 * @param stream   the stream judged
 */
public record StreamThresholds(Rulebook rulebook, String stream) {

    public StreamThresholds {
        Objects.requireNonNull(rulebook, "rulebook");
        Objects.requireNonNull(stream, "stream");
    }

    /** The threshold, the stream's own first; empty when neither is set. */
    public Optional<Double> find(String name) {
        Double own = rulebook.thresholds().get(stream + "." + name);
        return Optional.ofNullable(own != null ? own : rulebook.thresholds().get(name));
    }

    /** The threshold, or the fallback when neither the stream's nor the general one is set. */
    public double get(String name, double fallback) {
        return find(name).orElse(fallback);
    }

    /** A minimum that is in force: set and above zero (a minimum of 0 switches a requirement off). */
    public Optional<Double> minimum(String name) {
        return find(name).filter(value -> value > 0);
    }
}
