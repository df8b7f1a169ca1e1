package dev.planning.rules.drools;

import dev.planning.api.PlanningException;
import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.governance.GovernanceEngine;
import dev.planning.api.governance.GovernanceInput;
import dev.planning.api.governance.Violation;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.rules.facts.GovernanceFacts;
import dev.planning.rules.facts.RulebookFacts;
import dev.planning.rules.facts.ViolationFact;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * A governance engine backed by one compiled rulebook. Each {@link #evaluate} runs in a fresh
 * session that is disposed afterwards, so instances are safe to share between threads.
 *
 * <p>Obtain one from {@link DroolsGovernanceEngineFactory#create(Rulebook)}.
 *
 * @since 0.1
 */
public final class DroolsGovernanceEngine implements GovernanceEngine {

    /** The threshold that bounds rule firings per evaluation. */
    public static final String MAX_RULE_FIRINGS = "max_rule_firings";

    private static final int DEFAULT_MAX_RULE_FIRINGS = 100_000;

    private final Rulebook rulebook;
    private final KieBase kieBase;
    private final RulebookFacts rulebookFacts;
    private final int maxFirings;

    DroolsGovernanceEngine(Rulebook rulebook, KieBase kieBase) {
        this.rulebook = Objects.requireNonNull(rulebook, "rulebook");
        this.kieBase = Objects.requireNonNull(kieBase, "kieBase");
        this.rulebookFacts = RulebookFacts.of(rulebook);
        // One below Integer.MAX_VALUE so that the "one more" probe in evaluate cannot overflow.
        this.maxFirings = (int) Math.min(Integer.MAX_VALUE - 1,
                Math.max(1, rulebook.threshold(MAX_RULE_FIRINGS, DEFAULT_MAX_RULE_FIRINGS)));
    }

    /**
     * Judges the input. Waivers are applied against {@link GovernanceInput#today()}.
     *
     * @throws PlanningException when rules fire more than the rulebook's {@code max_rule_firings}
     *         times, which almost always means a rule re-activates itself
     */
    @Override
    public GovernanceDecision evaluate(GovernanceInput input) {
        Objects.requireNonNull(input, "input");
        KieSession session = kieBase.newKieSession();
        FiringCounter counter = new FiringCounter();
        List<Violation> reported;
        try {
            session.addEventListener(counter);
            GovernanceFacts.of(input, rulebookFacts).forEach(session::insert);
            // One firing beyond the bound tells "exactly at the limit" from "would go on".
            int fired = session.fireAllRules(maxFirings + 1);
            if (fired > maxFirings) {
                throw new PlanningException("rules fired more than " + maxFirings
                        + " times; a rule probably re-activates itself: " + counter.top(3)
                        + " (raise thresholds." + MAX_RULE_FIRINGS + " in rulebook.yaml if the plan is really this large)");
            }
            reported = session.getObjects(o -> o instanceof ViolationFact).stream()
                    .map(o -> ((ViolationFact) o).toViolation())
                    .toList();
        } finally {
            session.dispose();
        }
        WaiverApplication applied = WaiverApplication.apply(reported, input.waivers(), input.today());
        return new GovernanceDecision(rulebook.hash(), applied.unwaived(), applied.waived(), applied.unused(),
                counter.counts(), InputDigests.of(input));
    }

    /** The rulebook this engine judges with. */
    public Rulebook rulebook() {
        return rulebook;
    }

    /** The names of every rule in the compiled rulebook, sorted. */
    public SortedSet<String> ruleNames() {
        SortedSet<String> names = new TreeSet<>();
        kieBase.getKiePackages().forEach(p -> p.getRules().forEach(r -> names.add(r.getName())));
        return names;
    }

    /** The maximum number of rule firings per evaluation. */
    public int maxFirings() {
        return maxFirings;
    }

    KieBase kieBase() {
        return kieBase;
    }
}
