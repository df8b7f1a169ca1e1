package dev.planning.api.governance;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Judges a cycle against one rulebook's policies. Instances are built for one rulebook by a
 * {@link GovernanceEngineFactory} and are safe to use from several threads.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public interface GovernanceEngine {

    /**
     * Evaluates the facts into a decision; never {@code null}.
     *
     * @param input the facts: the cycle's plan, other streams, gate results, waivers, the day; never {@code
     *              null}
     * @return the decision
     * @throws EvaluationLimitException when the evaluation overran its time, memory or stack bound,
     *         or was refused before it started (a join over the operator's bound, or a text of the
     *         input longer than the operator's bound on text values, however the input was built)
     */
    GovernanceDecision evaluate(GovernanceInput input);
}
