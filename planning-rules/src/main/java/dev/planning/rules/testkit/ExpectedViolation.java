package dev.planning.rules.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.governance.Violation;
import dev.planning.api.governance.Waiver;
import java.util.Comparator;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A violation a test expects, by rule and item.
 *
 * @param rule the rule's name
 * @param item the item (task id, story id, ...)
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ExpectedViolation(String rule, String item) implements Comparable<ExpectedViolation> {

    private static final Comparator<ExpectedViolation> ORDER =
            Comparator.comparing(ExpectedViolation::rule).thenComparing(ExpectedViolation::item);

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param rule the rule's name
     * @param item the item (task id, story id, ...)
     */
    public ExpectedViolation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(item, "item");
    }

    /**
     * The rule and item of an actual violation.
     *
     * @param violation an actual violation
     * @return the rule and item of the violation
     */
    public static ExpectedViolation of(Violation violation) {
        return new ExpectedViolation(violation.rule(), violation.item());
    }

    /**
     * The rule and item a waiver names.
     *
     * @param waiver the waiver
     * @return the rule and item the waiver names
     */
    public static ExpectedViolation of(Waiver waiver) {
        return new ExpectedViolation(waiver.rule(), waiver.item());
    }

    /**
     * Whether an actual violation has this rule and item.
     *
     * @param violation an actual violation
     * @return whether an actual violation has this rule and item
     */
    public boolean matches(Violation violation) {
        return rule.equals(violation.rule()) && item.equals(violation.item());
    }

    @Override
    public int compareTo(ExpectedViolation other) {
        return ORDER.compare(this, other);
    }

    /** {@code rule on item}. */
    @Override
    public String toString() {
        return rule + " on " + item;
    }
}
