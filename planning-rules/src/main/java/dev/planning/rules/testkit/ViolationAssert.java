package dev.planning.rules.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.governance.Violation;
import dev.planning.api.governance.ViolationSeverity;
import java.util.List;
import java.util.function.Predicate;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractAssert;

/**
 * Narrows the violations of one rule, each step asserting that at least one violation is left:
 * {@code hasViolation("sox-audit-trail").on("FE-7").withSeverity(HIGH).withMetadata("control", "SOX-404")}.
 * {@link #and()} goes back to the decision.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ViolationAssert extends AbstractAssert<ViolationAssert, List<Violation>> {

    private final DecisionAssert decision;
    private final String rule;
    private final List<Violation> all;
    private String narrowedBy;

    ViolationAssert(DecisionAssert decision, String rule, List<Violation> ofRule, List<Violation> all) {
        super(ofRule, ViolationAssert.class);
        this.decision = decision;
        this.rule = rule;
        this.all = all;
        this.narrowedBy = "rule <" + rule + ">";
    }

    /**
     * Keeps the violations on an item.
     *
     * @param item the item's id
     * @return an assertion over the violations kept
     */
    public ViolationAssert on(String item) {
        return narrow("item <" + item + ">", v -> v.item().equals(item));
    }

    /**
     * Keeps the violations of a severity.
     *
     * @param severity the severity
     * @return an assertion over the violations kept
     */
    public ViolationAssert withSeverity(ViolationSeverity severity) {
        return narrow("severity <" + severity + ">", v -> v.severity() == severity);
    }

    /**
     * Keeps the violations whose message contains a text.
     *
     * @param text the text the message must contain
     * @return an assertion over the violations kept
     */
    public ViolationAssert withMessageContaining(String text) {
        return narrow("message containing <" + text + ">", v -> v.message().contains(text));
    }

    /**
     * Keeps the violations whose rule metadata has this key and value.
     *
     * @param key the metadata key
     * @param value its value
     * @return an assertion over the violations kept
     */
    public ViolationAssert withMetadata(String key, String value) {
        return narrow("metadata <" + key + "=" + value + ">", v -> value.equals(v.metadata().get(key)));
    }

    /**
     * Back to the decision, for further assertions.
     *
     * @return the assertion over the decision
     */
    public DecisionAssert and() {
        return decision;
    }

    private ViolationAssert narrow(String condition, Predicate<Violation> keep) {
        List<Violation> kept = actual.stream().filter(keep).toList();
        if (kept.isEmpty()) {
            failWithMessage("Expected a violation with %s and %s but the candidates were %s%nall violations: %s",
                    narrowedBy, condition, DecisionAssert.describe(actual), DecisionAssert.describe(all));
        }
        ViolationAssert next = new ViolationAssert(decision, rule, kept, all);
        next.narrowedBy = narrowedBy + " and " + condition;
        return next;
    }
}
