package dev.planning.api.event;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The kinds of event a cycle's log records.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public enum EventType {
    /** The cycle was opened in {@code PLANNED}. */
    CYCLE_CREATED,
    /** The plan changed while {@code PLANNED} (the {@code update_plan} self-transition). */
    PLAN_UPDATED,
    /** A gate was run outside a transition (a dry run). */
    GATE_EVALUATED,
    /** A transition was accepted: the cycle moved. */
    STATE_TRANSITION,
    /** A transition was refused by its gates; the cycle stayed, or followed the failure action. */
    TRANSITION_REFUSED,
    /** The handoff manifest was sealed. */
    MANIFEST_SEALED,
    /** A role signed the handoff manifest. */
    SIGNATURE_ADDED,
    /** A governance violation was waived. */
    WAIVER_GRANTED,
    /** Execution outcomes were imported. */
    OUTCOMES_IMPORTED,
    /**
     * The verification summaries of a {@code VALIDATED} cycle were written (details: each file's
     * workspace path and SHA-256, and the VSA's {@code timeVerified}).
     */
    SUMMARIES_WRITTEN,
    /** The cycle digest was published. */
    DIGEST_PUBLISHED,
    /** The cycle was closed. */
    CYCLE_COMPLETED
}
