package dev.planning.api.rulebook;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.InvalidInputException;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * What a threshold the engine or the shipped rules read holds, alone ({@code critical_approvals}) or
 * for one stream ({@code fe.critical_approvals}): a whole number or any number, from its least to its
 * greatest value. Any other name holds any number from {@code -}{@value #OTHER_LIMIT} to
 * {@value #OTHER_LIMIT} (every whole number in it is exact as a {@code double}).
 *
 * <p>This table is the one source of the bounds: {@link Rulebook}'s constructor applies it to a rulebook
 * built in code, and the {@code thresholds} of the rulebook schema ({@code schemas/rulebook/1.0.json},
 * which bounds a loaded {@code rulebook.yaml} at each value's line and column) is tested to say exactly
 * this, entry by entry. NaN and the infinities are no threshold's value.
 *
 * <pre>{@code
 * ThresholdBound.check("fe.critical_approvals", 2.5);
 * // InvalidInputException: threshold `fe.critical_approvals` is 2.5; critical_approvals holds a whole number
 * //   from 0 to 2147483647
 * }</pre>
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum ThresholdBound {

    /** Approvals a criticality-0 task needs (the default rulebook's {@code critical.drl}). */
    CRITICAL_APPROVALS("critical_approvals", true, 0, Integer.MAX_VALUE),
    /** The most rule firings one evaluation may make. */
    MAX_RULE_FIRINGS("max_rule_firings", true, 1, Integer.MAX_VALUE - 1),
    /** How long one evaluation of the rules may run, in seconds. */
    MAX_EVALUATION_SECONDS("max_evaluation_seconds", false, 0.001, 86400),
    /** {@code cross_stream_consistency}: the longest chain of dependencies a task may start. */
    MAX_DEPENDENCY_DEPTH("max_dependency_depth", true, 0, Integer.MAX_VALUE),
    /** {@code parity_coverage}: the unit line coverage plans must target and reach, in percent. */
    UNIT_COVERAGE_MIN("unit_coverage_min", false, 0, 100),
    /** {@code parity_coverage}: the e2e line coverage plans must target and reach, in percent. */
    E2E_COVERAGE_MIN("e2e_coverage_min", false, 0, 100),
    /** {@code parity_coverage}: the share of planned items that must be done. */
    DELIVERED_RATIO_MIN("delivered_ratio_min", false, 0, 1),
    /** {@code parity_coverage}: failed plus errored test cases allowed. */
    TESTS_FAILED_MAX("tests_failed_max", true, 0, Integer.MAX_VALUE),
    /** {@code parity_coverage}: the share of planned items that may be dropped, in percent. */
    SCOPE_VARIANCE_MAX_PCT("scope_variance_max_pct", false, 0, 100),
    /** {@code parity_coverage}: how many points coverage may fall against the previous cycle. */
    COVERAGE_REGRESSION_TOLERANCE_PCT("coverage_regression_tolerance_pct", false, 0, 100),
    /** Lint, the governance gate, the digest: how many days before its expiry a waiver in force is reported. */
    WAIVER_EXPIRY_WARNING_DAYS("waiver_expiry_warning_days", true, 0, 3650);

    /** The bound of any other name: a number from {@code -2^53+1} to {@code 2^53-1}. */
    public static final double OTHER_LIMIT = 9007199254740991.0;

    private final String thresholdName;
    private final boolean wholeNumber;
    private final double minimum;
    private final double maximum;
    private final Pattern pattern;

    ThresholdBound(String thresholdName, boolean wholeNumber, double minimum, double maximum) {
        this.thresholdName = thresholdName;
        this.wholeNumber = wholeNumber;
        this.minimum = minimum;
        this.maximum = maximum;
        this.pattern = Pattern.compile(pattern(thresholdName));
    }

    private static String pattern(String name) {
        return "^(.+\\.)?" + name + "$";
    }

    /**
     * The threshold's name, without a stream.
     *
     * @return e.g. {@code critical_approvals}
     */
    public String thresholdName() {
        return thresholdName;
    }

    /**
     * Whether the threshold holds only whole numbers ({@code 3}, or {@code 3.0}; never {@code 2.5}).
     *
     * @return whether the threshold holds only whole numbers
     */
    public boolean wholeNumber() {
        return wholeNumber;
    }

    /**
     * The least value the threshold holds.
     *
     * @return the least value, inclusive
     */
    public double minimum() {
        return minimum;
    }

    /**
     * The greatest value the threshold holds.
     *
     * @return the greatest value, inclusive
     */
    public double maximum() {
        return maximum;
    }

    /**
     * The regular expression a name of this threshold matches, as the schema's {@code patternProperties}
     * key: the name alone or after a stream and a dot.
     *
     * @return e.g. {@code ^(.+\.)?critical_approvals$}
     */
    public String namePattern() {
        return pattern.pattern();
    }

    /**
     * What the threshold holds, in words.
     *
     * @return e.g. {@code a whole number from 0 to 2147483647}
     */
    public String holds() {
        return (wholeNumber ? "a whole number" : "a number") + " from " + shown(minimum) + " to " + shown(maximum);
    }

    /**
     * Whether a value is one this threshold holds: a finite number within the bounds, whole when the
     * threshold holds whole numbers.
     *
     * @param value the value
     * @return whether the value is one this threshold holds
     */
    public boolean admits(double value) {
        return Double.isFinite(value) && value >= minimum && value <= maximum
                && (!wholeNumber || value == Math.rint(value));
    }

    /**
     * Refuses a value a threshold of this name cannot hold: by the bound of every entry whose
     * {@link #namePattern()} the name matches (as the schema's {@code patternProperties} apply), else by
     * the bound of any other name.
     *
     * @param name  the threshold's name as written, e.g. {@code fe.critical_approvals}
     * @param value its value
     * @throws InvalidInputException naming the threshold, its value and what it holds, when the value
     *                               is not one it holds (NaN and the infinities never are)
     * @throws NullPointerException  when the name or the value is null
     */
    public static void check(String name, Double value) {
        Objects.requireNonNull(name, "threshold name");
        Objects.requireNonNull(value, () -> "the value of threshold `" + name + "`");
        boolean named = false;
        for (ThresholdBound bound : values()) {
            if (bound.pattern.matcher(name).find()) {
                named = true;
                if (!bound.admits(value)) {
                    throw new InvalidInputException("threshold `" + name + "` is " + shown(value) + "; "
                            + bound.thresholdName + " holds " + bound.holds());
                }
            }
        }
        if (!named && !(Double.isFinite(value) && Math.abs(value) <= OTHER_LIMIT)) {
            throw new InvalidInputException("threshold `" + name + "` is " + shown(value) + "; a threshold holds a"
                    + " number from " + shown(-OTHER_LIMIT) + " to " + shown(OTHER_LIMIT));
        }
    }

    /**
     * Refuses the first threshold of a map whose value its name cannot hold, as {@link #check(String, Double)}.
     *
     * @param thresholds thresholds by name
     * @throws InvalidInputException naming the threshold, its value and what it holds
     * @throws NullPointerException  when a name or a value is null
     */
    public static void checkAll(Map<String, Double> thresholds) {
        thresholds.forEach(ThresholdBound::check);
    }

    /** A number as people write it: whole numbers without a fraction, others as the shortest exact decimal. */
    private static String shown(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e16 ? Long.toString((long) value) : Double.toString(value);
    }
}
