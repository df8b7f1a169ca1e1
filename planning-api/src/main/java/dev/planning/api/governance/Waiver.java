package dev.planning.api.governance;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.LocalDate;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * An explicit, scoped exception to one rule for one item, recorded in the cycle's decision log.
 * A waiver applies up to and including its expiry date; an expired waiver waives nothing.
 *
 * @param rule     the rule waived, by name
 * @param item     the one item (task id, story id, ...) it is waived for
 * @param reason   why
 * @param approver who approved it
 * @param expires  the last day it applies
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record Waiver(String rule, String item, String reason, String approver, LocalDate expires) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param rule the rule waived, by name
     * @param item the one item (task id, story id, ...) it is waived for
     * @param reason why
     * @param approver who approved it
     * @param expires the last day it applies
     */
    public Waiver {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(approver, "approver");
        Objects.requireNonNull(expires, "expires");
    }

    /**
     * Whether the waiver applies on a day.
     *
     * @param day the day judged
     * @return whether the waiver applies on a day
     */
    public boolean activeOn(LocalDate day) {
        return !day.isAfter(expires);
    }

    /**
     * Whether it covers a violation: same rule, same item.
     *
     * @param violation a violation
     * @return whether it covers a violation: same rule, same item
     */
    public boolean covers(Violation violation) {
        return rule.equals(violation.rule()) && item.equals(violation.item());
    }
}
