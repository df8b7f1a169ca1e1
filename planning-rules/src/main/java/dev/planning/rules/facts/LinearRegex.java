package dev.planning.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.rules.internal.drools.LinearPatterns;
import org.apiguardian.api.API;

/**
 * What a rule's {@code matches} and {@code not matches} run: a whole-string match in RE2 syntax, in
 * time linear in the value's length (RE2/J), never {@code java.util.regex}, whose backtracking can
 * run for hours on one short value.
 *
 * <p>Rule files do not call it: the compiler rewrites {@code owner matches ".*-team"} to
 * {@code LinearRegex.matches(owner, ".*-team")} (and {@code not matches} to its negation) after
 * checking the pattern, a string literal, at load; docs/rules.md says which patterns are accepted.
 * Public because the compiled rules call it from outside this package; a rule file may not.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LinearRegex {

    private LinearRegex() {
    }

    /**
     * Whether the whole of {@code value} (a string, or the text of another value) matches
     * {@code pattern}; a {@code null} value matches no pattern.
     *
     * @param value the field's value, {@code null} included
     * @param pattern an RE2 pattern
     * @return whether the whole value matches
     * @throws IllegalArgumentException if the pattern is not one the policy language accepts
     *         (refused at load, so only a rule that calls this directly meets it)
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted while
     *         it matches: linear time is the value's length times the pattern's size, both chosen by
     *         whoever writes the plan and the rules, so a long match ends when its evaluation is stopped
     */
    public static boolean matches(Object value, String pattern) {
        if (value == null) {
            return false;
        }
        return LinearPatterns.matches(pattern, value instanceof CharSequence text ? text : String.valueOf(value));
    }
}
