package dev.planning.api.seal;

/**
 * The kinds of discrepancy verification reports.
 *
 * @since 0.1
 */
public enum DiscrepancyKind {
    /** The manifest cannot be read, is invalid against its schema, or is not where its cycle's manifest belongs. */
    MANIFEST_INVALID,
    /** The manifest's bytes differ from the canonical rendering of its content (edited outside planning). */
    MANIFEST_NOT_CANONICAL,
    /** A sealed artifact's SHA-256 (or size) differs from the manifest. */
    ARTIFACT_CHANGED,
    /** A sealed artifact no longer exists. */
    ARTIFACT_MISSING,
    /** A plan artifact of the cycle exists but is not sealed in the manifest. */
    ARTIFACT_UNSEALED,
    /** The rulebook in hand has another hash than the one the manifest records. */
    RULEBOOK_CHANGED,
    /** A signature does not verify against its key. */
    SIGNATURE_INVALID,
    /** A signature's key is not in the trust file. */
    SIGNATURE_UNTRUSTED,
    /** A signature's key is trusted, but not for the role it signed as, or with another algorithm. */
    SIGNATURE_WRONG_ROLE,
    /** A key signed more than once; only its first valid signature counts. */
    SIGNATURE_DUPLICATE,
    /** The rulebook's signing policy is not met by the signatures that count. */
    THRESHOLD_NOT_MET,
    /** The manifest named as {@code prior_manifest_id} cannot be found or does not verify. */
    PRIOR_MANIFEST,
    /** The recorded {@code snapshot_rev} does not exist in the workspace's repository. */
    SNAPSHOT_REV_MISSING,
    /**
     * The event log says the cycle left {@code PACKAGED}, but its sealed manifest does not verify
     * now (checksums, rulebook, trusted signatures meeting the signing policy): a history past
     * {@code PACKAGED} that the signatures do not back, e.g. a rebuilt log.
     */
    UNSIGNED_HISTORY
}
