package dev.planning.engine.internal.evidence;

import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.Transition;
import java.time.Instant;
import java.util.Optional;

/**
 * Persists the evidence of one gate run. The lifecycle machine calls it for every gate of a
 * recorded transition (accepted or refused), before the transition event is appended, and records
 * the returned path in that event as {@code evidence.<gate>}. Dry runs write nothing.
 *
 * <p>{@link FileEvidenceWriter} is the file-system implementation; {@link #NONE} keeps nothing,
 * for in-memory use and tests.
 */
@FunctionalInterface
public interface EvidenceWriter {

    /** Keeps no evidence; transition events then carry no {@code evidence.*} details. */
    EvidenceWriter NONE = (cycle, transition, result, at, rulebookHash) -> Optional.empty();

    /**
     * Writes the evidence of one gate run.
     *
     * @param at           when the gates of the attempt ran
     * @param rulebookHash the hash of the rulebook that judged it
     * @return where it was written, workspace-relative with {@code /} separators; empty when
     *         nothing was kept
     * @throws dev.planning.api.PlanningException when it cannot be written
     */
    Optional<String> write(CycleRef cycle, Transition transition, GateResult result, Instant at, String rulebookHash);

    /**
     * Writes the evidence of one gate run that judged {@code judged}: a writer that records the
     * inputs of the verdict takes from the context what the gate was given where the context can
     * tell (the outcome files' SHA-256 of the bytes parsed, {@link
     * dev.planning.engine.internal.outcome.JudgedOutcomeFiles}), rather than reading the files again.
     * By default {@link #write(CycleRef, Transition, GateResult, Instant, String)}.
     *
     * @param judged the context the gate ran with
     */
    default Optional<String> write(CycleRef cycle, Transition transition, GateResult result, Instant at,
            String rulebookHash, GateContext judged) {
        return write(cycle, transition, result, at, rulebookHash);
    }
}
