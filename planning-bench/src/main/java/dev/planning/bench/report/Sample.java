package dev.planning.bench.report;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The measurements of one case: median and spread (minimum and maximum) of its iterations, in
 * one unit.
 *
 * @param median the median
 * @param min    the smallest measurement
 * @param max    the largest measurement
 * @param count  how many measurements
 * @param unit   the unit, e.g. {@code ms/op}
 * @since 0.1
 */
public record Sample(double median, double min, double max, int count, String unit) {

    /** The sample of these measurements; at least one. */
    public static Sample of(List<Double> values, String unit) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a sample needs at least one measurement");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Sample(median, sorted[0], sorted[n - 1], n, unit);
    }

    /** The same sample with every value passed through {@code f} (which may reverse the order). */
    public Sample map(DoubleUnaryOperator f, String newUnit) {
        double[] ends = {f.applyAsDouble(min), f.applyAsDouble(max)};
        Arrays.sort(ends);
        return new Sample(f.applyAsDouble(median), ends[0], ends[1], count, newUnit);
    }
}
