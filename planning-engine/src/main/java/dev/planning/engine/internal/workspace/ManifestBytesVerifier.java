package dev.planning.engine.internal.workspace;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.DiscrepancyKind;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.TrustedKeys;
import java.util.List;
import java.util.Optional;

/**
 * A workspace that verifies bytes its caller read from a cycle's manifest file, not the file read again: for the
 * digest, which takes the manifest's figures from the bytes it read only when those very bytes verify (digest40: it
 * read the file twice, so a file changed between the reads paired one version's figures with another's verdict).
 * The public {@link dev.planning.api.PlanningWorkspace} verifies only the file; every workspace
 * {@code Planning.builder().build()} returns is one of these.
 *
 * @since 0.1
 */
public interface ManifestBytesVerifier {

    /**
     * As {@link dev.planning.api.PlanningWorkspace#verifyChecksumsOnly(CycleRef, TrustedKeys)}, of these bytes as the
     * cycle's manifest.
     *
     * @param cycle    the cycle whose manifest file the bytes were read from
     * @param trust    the keys trusted to sign, by role
     * @param manifest the bytes read
     * @return the discrepancies found, without re-derived verdicts
     */
    VerificationReport verifyChecksumsOnly(CycleRef cycle, TrustedKeys trust, byte[] manifest);

    /**
     * The bytes verified by {@code workspace} when it is one of these; else a report that they do not verify (fail
     * closed: a workspace that verifies only the file cannot say the bytes read are the ones it verified).
     *
     * @param workspace the workspace the bytes were read from
     * @param cycle     the cycle whose manifest file the bytes were read from
     * @param trust     the keys trusted to sign, by role
     * @param manifest  the bytes read
     * @return the discrepancies found, without re-derived verdicts
     */
    static VerificationReport verify(PlanningWorkspace workspace, CycleRef cycle, TrustedKeys trust, byte[] manifest) {
        if (workspace instanceof ManifestBytesVerifier verifier) {
            return verifier.verifyChecksumsOnly(cycle, trust, manifest);
        }
        String path = workspace.layout().manifest(cycle);
        return new VerificationReport(path, Optional.empty(), 0, List.of(), List.of(), List.of(Discrepancy.of(
                DiscrepancyKind.MANIFEST_INVALID, path, "the manifest as read cannot be verified: this workspace ("
                        + workspace.getClass().getName() + ") verifies only the file, which may have changed since")));
    }
}
