package dev.planning.engine.internal.seal;

import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.Transition;
import java.time.Instant;
import java.util.List;

/**
 * Runs the gates of a transition again over the workspace, recording nothing, judged as of the
 * moment the sealed verdict was reached: what {@link ManifestVerifier} uses to re-derive a sealed
 * verdict. The workspace facade implements it with the lifecycle machine's
 * {@link dev.planning.engine.internal.lifecycle.LifecycleMachine#evaluate}.
 */
@FunctionalInterface
public interface VerdictRecomputer {

    /** Never recomputes: every verdict is reported as not recomputable (fail closed). */
    VerdictRecomputer NONE = (cycle, transition, judgedAt) -> {
        throw new IllegalStateException("no gates to recompute verdicts with");
    };

    /** One result per gate the profile names for {@code transition}, in profile order. */
    List<GateResult> rerun(CycleRef cycle, Transition transition, Instant judgedAt);
}
