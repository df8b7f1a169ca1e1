package dev.planning.rules.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.PlanningException;
import dev.planning.api.governance.EvaluationLimitException;
import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.governance.GovernanceEngine;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.rules.internal.drools.DroolsGovernanceEngine;
import dev.planning.rules.internal.drools.DroolsGovernanceEngineFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * Runs rule test cases against a governance engine and reports, per case, what was missing or
 * unexpected, and which rules no case shows reporting a violation.
 * <pre>{@code
 * Rulebook rulebook = Planning.rulebook(dir.resolve("rulebook"));
 * RuleTestReport report = RuleTestRunner.forRulebook(rulebook)
 *         .run(RuleTestFiles.readRulebookTests(rulebook.directory()));
 * System.out.print(report.summary());
 * }</pre>
 *
 * <p>For another {@link GovernanceEngine}, the constructor takes the engine and its rule names.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RuleTestRunner {

    /** Why a case that would pass whatever the rules report fails. */
    static final String ASSERTS_NOTHING = "the case asserts nothing: with only false it must expect at least one"
            + " violation (with only true, no violation expected asserts that none occurs)";

    private final GovernanceEngine engine;
    private final SortedSet<String> rules;

    /**
     * A runner for any engine.
     *
     * @param engine the engine to evaluate cases with
     * @param rules  the names of every rule the engine has, for coverage
     */
    public RuleTestRunner(GovernanceEngine engine, SortedSet<String> rules) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.rules = new TreeSet<>(rules);
    }

    /**
     * A runner for a rulebook's DRL policies (compiled with Drools, once per rulebook hash),
     * covering every rule of the rulebook; this is what {@code planning rules test} runs.
     *
     * <pre>{@code
     * Rulebook rulebook = Planning.rulebook(dir.resolve("rulebook"));
     * RuleTestReport report = RuleTestRunner.forRulebook(rulebook)
     *         .run(RuleTestFiles.readRulebookTests(rulebook.directory()));
     * }</pre>
     *
     * @param rulebook the rulebook
     * @return the runner
     * @throws dev.planning.api.InvalidInputException when a policy does not compile, located
     */
    public static RuleTestRunner forRulebook(Rulebook rulebook) {
        return of(new DroolsGovernanceEngineFactory().create(Objects.requireNonNull(rulebook, "rulebook")));
    }

    /**
     * A runner for a Drools engine already compiled, covering every rule of its knowledge base: for
     * the test kit in this package. Not public, so that no implementation type is in the public
     * surface; use {@link #forRulebook(Rulebook)}.
     */
    static RuleTestRunner of(DroolsGovernanceEngine engine) {
        return new RuleTestRunner(engine, engine.ruleNames());
    }

    /**
     * Runs every case, in order; a case that cannot be evaluated fails with its error, and so does
     * a case that asserts nothing ({@code only} false and no violation expected: any outcome would
     * pass it).
     *
     * <p>A rule counts as covered when a case expects one of its violations and the rule reported
     * it: a rule that only fired (its conditions matched, and its consequence reported nothing, or
     * reported what no case looks at) is not shown to work, so it is not covered.
     *
     * @param cases the cases, in order
     * @return each case's result and the rule coverage
     */
    public RuleTestReport run(List<RuleTestCase> cases) {
        List<CaseResult> results = new ArrayList<>();
        SortedSet<String> uncovered = new TreeSet<>(rules);
        for (RuleTestCase testCase : cases) {
            CaseResult result = runOne(testCase);
            result.decision().ifPresent(d -> testCase.expect().stream()
                    .filter(e -> d.violations().stream().anyMatch(e::matches))
                    .forEach(e -> uncovered.remove(e.rule())));
            results.add(result);
        }
        return new RuleTestReport(results, rules, uncovered);
    }

    private CaseResult runOne(RuleTestCase testCase) {
        GovernanceDecision decision;
        try {
            decision = engine.evaluate(testCase.given());
        } catch (EvaluationLimitException e) {
            throw e; // a rulebook that cannot be evaluated within its bounds is not a failed case: no verdict
        } catch (PlanningException e) {
            return new CaseResult(testCase, List.of(), List.of(), Optional.of(e.describe()), Optional.empty());
        }
        if (!testCase.only() && testCase.expect().isEmpty()) {
            return new CaseResult(testCase, List.of(), List.of(), Optional.of(ASSERTS_NOTHING), Optional.of(decision));
        }
        SortedSet<ExpectedViolation> actual = new TreeSet<>();
        decision.violations().forEach(v -> actual.add(ExpectedViolation.of(v)));
        List<ExpectedViolation> missing = testCase.expect().stream()
                .filter(e -> !actual.contains(e))
                .distinct()
                .sorted()
                .toList();
        List<ExpectedViolation> unexpected = testCase.only()
                ? actual.stream().filter(a -> !testCase.expect().contains(a)).toList()
                : List.of();
        return new CaseResult(testCase, missing, unexpected, Optional.empty(), Optional.of(decision));
    }
}
