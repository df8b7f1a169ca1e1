package dev.planning.engine.internal.seal;

import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.Transition;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.internal.lifecycle.LifecycleMachine.Rerun;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Runs the gates of a transition again over the sealed inputs of a handoff, pinned in a directory
 * of their own ({@link SealedInputs}), recording nothing, judged as of the moment the sealed
 * verdict was reached: what {@link ManifestVerifier} uses to re-derive a sealed verdict. The
 * workspace facade implements it with the lifecycle machine's
 * {@link dev.planning.engine.internal.lifecycle.LifecycleMachine#evaluateIn}.
 */
@FunctionalInterface
public interface VerdictRecomputer {

    /** Never recomputes: every verdict is reported as not recomputable (fail closed). */
    VerdictRecomputer NONE = (sealedRoot, cycle, transition, judgedAt, trust) -> {
        throw new IllegalStateException("no gates to recompute verdicts with");
    };

    /**
     * One result per gate the profile names for {@code transition} that is available here, in
     * profile order, and the names of those that are not.
     *
     * @param sealedRoot a directory holding exactly the handoff's sealed inputs, at their
     *                   workspace-relative paths, with their sealed bytes
     * @param trust      the keys the verification judges with: what a gate reads as its trusted keys, so
     *                   that one verification never mixes them with the keys the workspace was built with
     */
    Rerun rerun(Path sealedRoot, CycleRef cycle, Transition transition, Instant judgedAt, TrustedKeys trust);
}
