package dev.planning.engine.digest;

import dev.planning.api.artifact.KpiValue;
import dev.planning.api.rulebook.KpiDirection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One KPI as the digest shows it: this cycle's value, the previous cycle's, the delta, the trend
 * over the last cycles, and the status against the target.
 *
 * @param value       this cycle's value
 * @param description what it measures (from the rulebook)
 * @param previous    the previous digest's actual, when it measured it
 * @param history     measured values of the last cycles, oldest first, ending with this cycle's
 *                    (when measured); each with its cycle id
 */
record KpiRow(KpiValue value, String description, Optional<Double> previous, List<Point> history) {

    /** Differences smaller than this are "flat". */
    private static final double FLAT = 1e-9;

    KpiRow {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(previous, "previous");
        history = List.copyOf(history);
    }

    /** A measured value of one cycle. */
    record Point(String cycleId, double value) {
    }

    /** actual - previous, when both are measured. */
    Optional<Double> delta() {
        return value.actual().flatMap(a -> previous.map(p -> a - p));
    }

    /** {@code met}, {@code missed}, {@code not_measured} or {@code no_target}. */
    String status() {
        if (value.actual().isEmpty()) {
            return "not_measured";
        }
        if (value.target().isEmpty()) {
            return "no_target";
        }
        return KpiDirection.parse(value.direction()).meets(value.actual().get(), value.target().get()) ? "met" : "missed";
    }

    /**
     * {@code up}, {@code down} or {@code flat} against the last measured value before this cycle's;
     * {@code new} when this is the first; {@code none} when not measured.
     */
    String trend() {
        if (value.actual().isEmpty()) {
            return "none";
        }
        if (history.size() < 2) {
            return "new";
        }
        double change = history.get(history.size() - 1).value() - history.get(history.size() - 2).value();
        return Math.abs(change) < FLAT ? "flat" : change > 0 ? "up" : "down";
    }
}
