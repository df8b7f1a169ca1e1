package dev.planning.api.seal;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The kinds of discrepancy verification reports.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
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
    /**
     * The recorded {@code snapshot_rev} does not exist in the workspace's repository, or no commit of its
     * {@code HEAD}'s first-parent line holds the content sealed there (the inputs the gates read and the
     * rulebook directory, by git object id).
     */
    SNAPSHOT_REV_MISSING,
    /**
     * A sealed gate verdict recomputed from the sealed inputs under the sealed rulebook does not
     * agree with the recorded one (e.g. {@code governance: sealed PASS, now FAIL (6 errors)}), or
     * cannot be recomputed (its evidence is missing, unsealed or unreadable).
     */
    VERDICT_CHANGED,
    /**
     * A gate's sealed evidence does not match the manifest: its status or rulebook hash differs
     * from the manifest's, or an input it judged is not sealed with the same SHA-256. Also: a waiver
     * the handoff used is not in force on a trusted day (the verifier's clock, or the day of the
     * latest trusted signature), or a timestamp written with the seal (an event's or an evidence
     * file's {@code at}, the manifest's {@code sealed_at}) lies in the future of the verifier's clock.
     */
    EVIDENCE_MISMATCH,
    /**
     * The manifest and its {@code MANIFEST_SEALED} event do not anchor each other: no such event,
     * a different manifest hash or id, or an {@code event_log_head} that is not the event before it.
     */
    SEAL_EVENT_MISMATCH,
    /** Two manifest files of the workspace claim the same {@code manifest_id}. */
    MANIFEST_ID_DUPLICATE,
    /**
     * The event log says the cycle left {@code PACKAGED}, but its sealed manifest does not verify
     * now (checksums, rulebook, trusted signatures meeting the signing policy): a history past
     * {@code PACKAGED} that the signatures do not back, e.g. a rebuilt log.
     */
    UNSIGNED_HISTORY,
    /**
     * A verification summary written at {@code VALIDATED} (the in-toto Test Result statement or the
     * SLSA Verification Summary Attestation next to the cycle's evidence) cannot be trusted: it is not
     * a DSSE envelope of an in-toto statement of the expected shape, or it carries no signature by a
     * trusted key that verifies, or a signature by a trusted key that does not verify.
     */
    SUMMARY_INVALID,
    /**
     * A signed verification summary disagrees with what it summarizes: its subjects are not the sealed
     * manifest and artifacts, its policy digest is not the sealed rulebook hash, its input attestations
     * are not the manifest's signatures, its test results are not the imported outcomes, or it claims
     * {@code PASSED} for a cycle whose log never moved into {@code VALIDATED}, its {@code timeVerified}
     * lies outside [the move into {@code VALIDATED}, the {@code SUMMARIES_WRITTEN} event], or its file is
     * not the one the {@code SUMMARIES_WRITTEN} event records (or no such event records it).
     */
    SUMMARY_MISMATCH,
    /**
     * A verification summary the cycle's {@code SUMMARIES_WRITTEN} event records is gone: the log says
     * the summaries were written, and the file is not there.
     */
    SUMMARY_MISSING
}
