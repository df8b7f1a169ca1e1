package dev.planning.bench.report;

import java.util.Objects;
import java.util.Optional;

/**
 * One line of the results table.
 *
 * @param bench  B1..B5
 * @param item   what was measured
 * @param sample its measurements
 * @param peer   what it is compared with, and the peer's measurements
 * @param ratio  the figure the target is about (a ratio, or the value itself), formatted
 * @param target the target, in words
 * @param met    whether the target is met; empty when the line has no target
 * @since 0.1
 */
public record Row(String bench, String item, Optional<Sample> sample, String peer, String ratio, String target,
        Optional<Boolean> met) {

    public Row {
        Objects.requireNonNull(bench, "bench");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(ratio, "ratio");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(met, "met");
    }

    /** The median with its unit, or {@code n/a}. */
    public String median() {
        return sample.map(s -> Format.number(s.median()) + " " + s.unit()).orElse("n/a");
    }

    /** {@code min–max}, or {@code n/a}. */
    public String spread() {
        return sample.map(s -> Format.number(s.min()) + "–" + Format.number(s.max()) + " (n=" + s.count() + ")")
                .orElse("n/a");
    }

    /** {@code yes}, {@code NO} or {@code -}. */
    public String verdict() {
        return met.map(m -> m ? "yes" : "NO").orElse("-");
    }
}
