package dev.planning.engine.seal;

import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.SealingException;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps sealed cycles immutable: before a cycle moves on from {@code PACKAGED} or a later state,
 * its manifest must exist and every sealed artifact must be unchanged. Used for transitions whose
 * gates do not include {@code release_readiness} (which checks the same, and more, as a gate).
 */
public final class SealGuard {

    private static final Set<CycleState> SEALED = EnumSet.of(CycleState.PACKAGED, CycleState.EXECUTED,
            CycleState.VALIDATED, CycleState.IMPROVE);

    private final ManifestVerifier verifier;

    public SealGuard(ManifestVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /** Whether a cycle in this state is sealed. */
    public static boolean isSealed(CycleState state) {
        return SEALED.contains(state);
    }

    /**
     * Refuses to let a sealed cycle move when its manifest is missing or an artifact changed.
     *
     * @throws SealingException naming every changed file with both hashes, and saying to open a new cycle
     */
    public void check(CycleRef cycle) {
        HandoffManifest manifest = verifier.read(cycle).map(read -> read.manifest()).orElseThrow(() ->
                new SealingException(SealingException.Reason.NOT_SEALED, "cycle " + cycle + " is sealed but has no"
                        + " manifest; run `planning seal` to complete sealing", null));
        List<Discrepancy> changed = verifier.changedArtifacts(manifest);
        if (!changed.isEmpty()) {
            throw new SealingException(SealingException.Reason.SEALED_ARTIFACT_CHANGED, "sealed artifacts of " + cycle
                    + " changed: " + changed.stream().map(Discrepancy::describe).collect(Collectors.joining("; "))
                    + ". Sealed artifacts are immutable: open a new cycle whose manifest names " + manifest.manifestId()
                    + " as prior_manifest_id", SourceLocation.ofFile(changed.get(0).file()));
        }
    }
}
