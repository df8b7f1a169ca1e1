package dev.planning.api.seal;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.artifact.ManifestSignature;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The outcome of verifying a sealed manifest: every discrepancy found, and what was checked.
 * Verification never stops at the first problem.
 *
 * @param manifest the manifest file verified (workspace-relative where possible), never {@code null}
 * @param manifestId         its id, when it could be read
 * @param artifactsChecked   how many sealed artifacts were re-hashed
 * @param countedSignatures  the signatures that verified against a trusted key of their role and count
 *                           towards the signing policy
 * @param chain              the manifest ids followed through {@code prior_manifest_id}, this one first
 * @param discrepancies      every discrepancy, in the order found; empty when the manifest verifies
 * @param ignoredSignatures  signatures that do not count but do not make the manifest fail either
 *                           (by an untrusted key, by a key not trusted for the role it claims, or by
 *                           a key already counted), reported with the same detail as discrepancies
 * @param notes              what was checked beyond the discrepancies, for the reader (for example which
 *                           sealed gate verdicts were recomputed, or that recomputation was skipped)
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record VerificationReport(String manifest, Optional<String> manifestId, int artifactsChecked,
        List<ManifestSignature> countedSignatures, List<String> chain, List<Discrepancy> discrepancies,
        List<Discrepancy> ignoredSignatures, List<String> notes) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param manifest the manifest file verified (workspace-relative where possible), never {@code null}
     * @param manifestId its id, when it could be read
     * @param artifactsChecked how many sealed artifacts were re-hashed
     * @param countedSignatures the signatures that verified against a trusted key of their role and count
     *                          towards the signing policy
     * @param chain the manifest ids followed through {@code prior_manifest_id}, this one first
     * @param discrepancies every discrepancy, in the order found; empty when the manifest verifies
     * @param ignoredSignatures signatures that do not count but do not make the manifest fail either (by an
     *                          untrusted key, by a key not trusted for the role it claims, or by a key
     *                          already counted), reported with the same detail as discrepancies
     * @param notes what was checked beyond the discrepancies, for the reader (for example which sealed gate
     *              verdicts were recomputed, or that recomputation was skipped)
     */
    public VerificationReport {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(manifestId, "manifestId");
        countedSignatures = List.copyOf(countedSignatures);
        chain = List.copyOf(chain);
        discrepancies = List.copyOf(discrepancies);
        ignoredSignatures = List.copyOf(ignoredSignatures);
        notes = List.copyOf(notes);
    }

    /**
     * A report in which no signature was ignored and nothing is noted.
     *
     * @param manifest the manifest file verified (workspace-relative where possible), never {@code null}
     * @param manifestId its id, when it could be read
     * @param artifactsChecked how many sealed artifacts were re-hashed
     * @param countedSignatures the signatures that verified against a trusted key of their role and count
     *                          towards the signing policy
     * @param chain the manifest ids followed through {@code prior_manifest_id}, this one first
     * @param discrepancies every discrepancy, in the order found; empty when the manifest verifies
     */
    public VerificationReport(String manifest, Optional<String> manifestId, int artifactsChecked,
            List<ManifestSignature> countedSignatures, List<String> chain, List<Discrepancy> discrepancies) {
        this(manifest, manifestId, artifactsChecked, countedSignatures, chain, discrepancies, List.of(), List.of());
    }

    /**
     * Whether the manifest verifies: no discrepancy at all.
     *
     * @return whether the manifest verifies: no discrepancy at all
     */
    public boolean passed() {
        return discrepancies.isEmpty();
    }

    /**
     * The discrepancies of one kind.
     *
     * @param kind the kind
     * @return the discrepancies of one kind
     */
    public List<Discrepancy> discrepancies(DiscrepancyKind kind) {
        return discrepancies.stream().filter(d -> d.kind() == kind).toList();
    }
}
