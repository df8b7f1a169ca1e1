package dev.planning.engine.internal.cycle;

import dev.planning.api.PlanningException;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.TrustedKeys;
import java.util.List;
import java.util.Optional;

/**
 * Reads and verifies the sealed manifests of a workspace, for gate contexts: the facade hands the
 * manifest verifier in through this, since the verifier itself runs gates.
 */
public interface SealedManifests {

    /**
     * No manifests served, for an environment that judges no gate reading them (a rules diff, a verdict recomputed
     * over the sealed inputs): reading or verifying one refuses, so a gate that needs them cannot pass (fail closed,
     * as {@link dev.planning.api.gate.GateContext#manifest()} refuses by default). It never says "not sealed": that
     * answer let a gate that reads the manifest judge a sealed cycle as not sealed (time41).
     */
    SealedManifests NONE = new SealedManifests() {
        @Override
        public Optional<HandoffManifest> read(CycleRef cycle) {
            throw new PlanningException("this gate environment serves no sealed manifest, so a gate that reads the"
                    + " manifest of cycle " + cycle + " cannot pass here; expected a gate that needs none");
        }

        @Override
        public VerificationReport verify(CycleRef cycle, TrustedKeys trust) {
            throw new PlanningException("no manifest verifier is configured for this gate context");
        }
    };

    /**
     * The cycle's sealed manifest, if it has one.
     *
     * @throws dev.planning.api.InvalidInputException when the manifest exists but cannot be read
     */
    Optional<HandoffManifest> read(CycleRef cycle);

    /** Verifies the cycle's manifest as {@code planning verify} does. */
    VerificationReport verify(CycleRef cycle, TrustedKeys trust);

    /**
     * Verifies the cycle's manifest as {@code planning verify} does, with the cycle's log as the
     * transition attempt read it, so that the log is not read again. By default, as
     * {@link #verify(CycleRef, TrustedKeys)}.
     *
     * @param history the cycle's verified log, oldest first
     */
    default VerificationReport verify(CycleRef cycle, TrustedKeys trust, List<RecordedEvent> history) {
        return verify(cycle, trust);
    }
}
