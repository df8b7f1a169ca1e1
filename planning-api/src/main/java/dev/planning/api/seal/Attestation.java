package dev.planning.api.seal;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A sealed manifest as an in-toto Statement v1 in a signed DSSE envelope, ready to be written or
 * uploaded: see {@link dev.planning.api.PlanningWorkspace#attest}.
 *
 * @param manifestPath the manifest attested, workspace-relative
 * @param envelope     the DSSE envelope, pretty-printed JSON ending with a line break
 * @param subjects     how many subjects (sealed artifacts) the statement names
 * @param signatures   how many signatures the envelope carries
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Attestation(String manifestPath, String envelope, int subjects, int signatures) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param manifestPath the manifest attested, workspace-relative
     * @param envelope the DSSE envelope, pretty-printed JSON ending with a line break
     * @param subjects how many subjects (sealed artifacts) the statement names
     * @param signatures how many signatures the envelope carries
     */
    public Attestation {
        Objects.requireNonNull(manifestPath, "manifestPath");
        Objects.requireNonNull(envelope, "envelope");
        if (subjects < 0 || signatures < 1) {
            throw new IllegalArgumentException("subjects must be >= 0 and signatures >= 1");
        }
    }
}
