package dev.planning.engine.internal.outcome;

import java.util.OptionalDouble;

/**
 * Covered and missed counts of one measure (lines or branches).
 *
 * <pre>{@code
 * new Coverage(80, 20).percent();   // OptionalDouble[80.0]
 * Coverage.NONE.percent();          // empty: nothing to cover
 * }</pre>
 *
 * @param covered items executed, never negative
 * @param missed  items not executed, never negative; with {@code covered} at most {@link Long#MAX_VALUE}
 */
public record Coverage(long covered, long missed) {

    /** Nothing measured. */
    public static final Coverage NONE = new Coverage(0, 0);

    public Coverage {
        if (covered < 0 || missed < 0) {
            throw new IllegalArgumentException("coverage counts must not be negative: covered=" + covered
                    + ", missed=" + missed);
        }
        sum("covered", covered, "missed", missed);
    }

    /** Covered plus missed, which a {@code long} holds (the constructor refuses counts it would not). */
    public long total() {
        return covered + missed;
    }

    /** Covered as a percentage of the total (0..100); empty when there is nothing to cover. */
    public OptionalDouble percent() {
        return total() == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * covered / total());
    }

    /**
     * The counts of both, as when two reports cover different code.
     *
     * @throws IllegalArgumentException when a sum, or the summed total, is more than a {@code long} holds
     */
    public Coverage plus(Coverage other) {
        return new Coverage(sum("covered", covered, "covered", other.covered), sum("missed", missed, "missed", other.missed));
    }

    /** The sum, or a refusal naming both counts: never a sum wrapped past {@link Long#MAX_VALUE}. */
    private static long sum(String first, long a, String second, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("coverage counts too large: " + first + " (" + a + ") plus " + second
                    + " (" + b + ") exceed " + Long.MAX_VALUE, e);
        }
    }
}
