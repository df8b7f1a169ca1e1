package dev.planning.engine.internal.digest;

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
 * @param basis       the counts behind a rate ("2 of 4 deployments"), when it is one
 * @param sources     the files its inputs were read from, cited as {@code path@sha256-prefix}
 */
record KpiRow(KpiValue value, String description, Optional<Double> previous, List<Point> history,
        Optional<String> basis, List<String> sources) {

    /** Differences smaller than this are "flat". */
    private static final double FLAT = 1e-9;

    KpiRow {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(previous, "previous");
        history = List.copyOf(history);
        Objects.requireNonNull(basis, "basis");
        sources = List.copyOf(sources);
    }

    /** A measured value of one cycle. */
    record Point(String cycleId, double value) {
    }

    /**
     * actual - previous, when both are measured, over the values as stored in front matter
     * (rounded to 4 decimals): the previous value is read back rounded, so comparing it with an
     * unrounded actual would report a change that is only rounding.
     */
    Optional<Double> delta() {
        return value.actual().flatMap(a -> previous.map(p -> Figures.stored(Figures.stored(a) - Figures.stored(p))));
    }

    /**
     * {@code met}, {@code missed}, {@code not_measured} or {@code no_target}: the actual as stored in front
     * matter (rounded to 4 decimals, as {@code workspace.kpis()} reads and judges it) against the target,
     * so the status is the one a reader recomputes from the file.
     */
    String status() {
        if (value.actual().isEmpty()) {
            return "not_measured";
        }
        if (value.target().isEmpty()) {
            return "no_target";
        }
        return KpiDirection.parse(value.direction()).meets(Figures.stored(value.actual().get()), value.target().get())
                ? "met" : "missed";
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
        double change = Figures.stored(history.get(history.size() - 1).value())
                - Figures.stored(history.get(history.size() - 2).value());
        return Math.abs(change) < FLAT ? "flat" : change > 0 ? "up" : "down";
    }
}
