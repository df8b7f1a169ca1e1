package dev.planning.api.governance;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.PlanningException;
import org.apiguardian.api.API;

/**
 * A governance evaluation that was stopped because it overran a bound: the rulebook's wall-clock
 * limit ({@code thresholds.max_evaluation_seconds}, 10 s by default, capped by the operator), the
 * memory or the stack of the process; or refused before it started because one rule's conditions
 * may join more combinations of facts than the operator's bound. The rulebook, not the plan, is at fault: the message names the rulebook (and the
 * rule, where one was firing), and the command line maps it to exit code 2; but {@link Limit#MEMORY} and
 * {@link Limit#STACK}, which the process's limits decide, to exit code 3 (no verdict), as any other command
 * that runs out of heap or stack, with how to give it more. Or refused before any
 * rule fired because a text of the facts (a task's title, a tag, a story's id, ...) is longer than the
 * operator's bound on text values ({@link Limit#VALUE_LENGTH}): there the input is at fault, and the
 * message names each such fact, field and length.
 *
 * <p>Gates and the rule test kit do not turn it into a finding or a failed case: no verdict is
 * reached, so the exception propagates.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public class EvaluationLimitException extends PlanningException {

    private static final long serialVersionUID = 1L;

    /** Which bound the evaluation overran. */
    public enum Limit {
        /** The wall-clock limit per evaluation. */
        TIME,
        /** The heap ({@link OutOfMemoryError}). */
        MEMORY,
        /** The stack ({@link StackOverflowError}). */
        STACK,
        /**
         * The combinations of facts one rule's conditions may join in the worst case, checked
         * before evaluation from the fact counts (no time passes, so no machine decides it).
         */
        JOIN,
        /**
         * The length of one text of a fact (a value, a key or a list's element), checked against the
         * operator's {@code planning.documents.maxValueLength} (default 10,000 characters) as each
         * fact is built, before it is inserted, whatever built the input: no rule fires.
         *
         * @since 0.1
         */
        VALUE_LENGTH
    }

    /** Which bound was overrun. */
    private final Limit limit;

    /**
     * An evaluation stopped at one of its bounds.
     *
     * @param limit   the bound overrun
     * @param message a one-line message naming the rulebook and, where known, the rule
     */
    public EvaluationLimitException(Limit limit, String message) {
        super(message);
        this.limit = limit;
    }

    /**
     * The bound the evaluation overran.
     *
     * @return the bound the evaluation overran
     */
    public Limit limit() {
        return limit;
    }
}
