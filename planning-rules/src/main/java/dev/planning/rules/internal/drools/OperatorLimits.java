package dev.planning.rules.internal.drools;

import dev.planning.api.PlanningException;
import java.util.Map;
import java.util.function.Function;

/**
 * The bounds the operator sets over whatever a rulebook says: a rulebook is code anyone who can
 * commit may write, so it may only lower them. Each is read from a system property, else from the
 * environment, else its default; a value that is not a number in range is refused (exit 2), never
 * ignored.
 *
 * <ul>
 *   <li>{@value #SECONDS_PROPERTY} / {@value #SECONDS_VARIABLE}: the most seconds one evaluation
 *       may take, whatever {@code thresholds.max_evaluation_seconds} says (default
 *       {@value #DEFAULT_MAX_SECONDS}; 0.001 to 86,400).</li>
 *   <li>{@value #JOIN_PROPERTY} / {@value #JOIN_VARIABLE}: the most combinations of facts one
 *       rule's conditions may join in the worst case ({@link JoinBound}; default
 *       {@value #DEFAULT_MAX_JOIN}; 1 to 10<sup>18</sup>).</li>
 *   <li>{@value #RULES_PROPERTY} / {@value #RULES_VARIABLE}: the most rules a rulebook's rule files
 *       may declare, counted before anything is compiled (default {@value #DEFAULT_MAX_RULES}; 1 to
 *       10<sup>6</sup>): compiling takes time in proportion to them, about 1.6 to 2 ms of CPU a rule.
 *       Counted again as each file is compiled, a rule as its alternatives (its ors multiplied out:
 *       Drools compiles one rule per alternative).</li>
 *   <li>{@value #BYTES_PROPERTY} / {@value #BYTES_VARIABLE}: the most bytes a rulebook's rule files
 *       may hold together (default {@value #DEFAULT_MAX_RULEBOOK_BYTES}, 8 MiB; 1 to 10<sup>12</sup>);
 *       each file is limited to 1 MiB besides.</li>
 * </ul>
 */
record OperatorLimits(double maxSeconds, long maxJoin, long maxRules, long maxRulebookBytes) {

    static final String SECONDS_PROPERTY = "planning.rules.maxEvaluationSeconds";
    static final String SECONDS_VARIABLE = "PLANNING_RULES_MAX_EVALUATION_SECONDS";
    static final double DEFAULT_MAX_SECONDS = 60;
    static final String JOIN_PROPERTY = "planning.rules.maxJoinCombinations";
    static final String JOIN_VARIABLE = "PLANNING_RULES_MAX_JOIN_COMBINATIONS";
    static final long DEFAULT_MAX_JOIN = 100_000_000L;
    static final String RULES_PROPERTY = "planning.rules.maxRules";
    static final String RULES_VARIABLE = "PLANNING_RULES_MAX_RULES";
    static final long DEFAULT_MAX_RULES = 5_000;
    static final String BYTES_PROPERTY = "planning.rules.maxRulebookBytes";
    static final String BYTES_VARIABLE = "PLANNING_RULES_MAX_RULEBOOK_BYTES";
    static final long DEFAULT_MAX_RULEBOOK_BYTES = 8L * 1024 * 1024;

    /** The limits this process's system properties and environment set. */
    static OperatorLimits current() {
        return of(System::getProperty, System.getenv());
    }

    static OperatorLimits of(Function<String, String> properties, Map<String, String> environment) {
        double seconds = number(properties, environment, SECONDS_PROPERTY, SECONDS_VARIABLE, DEFAULT_MAX_SECONDS,
                0.001, 86_400, "a number of seconds");
        double join = number(properties, environment, JOIN_PROPERTY, JOIN_VARIABLE, DEFAULT_MAX_JOIN,
                1, 1e18, "a whole number of combinations");
        if (join != Math.rint(join)) {
            throw refused(JOIN_PROPERTY, JOIN_VARIABLE, String.valueOf(join), 1, 1e18, "a whole number of combinations");
        }
        long rules = whole(properties, environment, RULES_PROPERTY, RULES_VARIABLE, DEFAULT_MAX_RULES, 1_000_000,
                "a whole number of rules");
        long bytes = whole(properties, environment, BYTES_PROPERTY, BYTES_VARIABLE, DEFAULT_MAX_RULEBOOK_BYTES,
                1_000_000_000_000L, "a whole number of bytes");
        return new OperatorLimits(seconds, (long) join, rules, bytes);
    }

    /** A whole number from 1 to {@code max}: plain decimal digits, nothing else. */
    private static long whole(Function<String, String> properties, Map<String, String> environment, String property,
            String variable, long fallback, long max, String what) {
        String text = properties.apply(property);
        if (text == null) {
            text = environment.get(variable);
        }
        if (text == null) {
            return fallback;
        }
        if (!text.strip().matches("[0-9]{1,13}")) {
            throw refused(property, variable, text, 1, max, what);
        }
        long value = Long.parseLong(text.strip());
        if (value < 1 || value > max) {
            throw refused(property, variable, text, 1, max, what);
        }
        return value;
    }

    private static double number(Function<String, String> properties, Map<String, String> environment,
            String property, String variable, double fallback, double min, double max, String what) {
        String text = properties.apply(property);
        if (text == null) {
            text = environment.get(variable);
        }
        if (text == null) {
            return fallback;
        }
        double value;
        try {
            // Plain decimal digits only: no hex, exponent, NaN or Infinity.
            if (!text.strip().matches("[0-9]{1,19}(\\.[0-9]{1,9})?")) {
                throw new NumberFormatException();
            }
            value = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw refused(property, variable, text, min, max, what);
        }
        if (value < min || value > max) {
            throw refused(property, variable, text, min, max, what);
        }
        return value;
    }

    private static PlanningException refused(String property, String variable, String text, double min, double max,
            String what) {
        return new PlanningException("operator limit " + property + " (or " + variable + ") is '" + text.strip()
                + "'; expected " + what + " from " + plain(min) + " to " + plain(max));
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
