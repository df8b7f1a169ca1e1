package dev.planning.api.seal;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Sealing, signing or advancing a sealed cycle was refused. {@link #reason()} says why; the
 * message says what to do (commit, pass {@code --allow-dirty}, or open a new cycle whose manifest
 * names this one as {@code prior_manifest_id}).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public class SealingException extends PlanningException {

    private static final long serialVersionUID = 1L;

    /** Why sealing was refused. */
    public enum Reason {
        /** The cycle already has a sealed manifest, which is never overwritten. */
        ALREADY_SEALED,
        /** An artifact to seal has uncommitted changes, or the workspace is not in a git repository. */
        UNCOMMITTED_CHANGES,
        /**
         * A sealed artifact changed after sealing, so the cycle cannot go on; or an input of the
         * verdicts changed while it was being sealed, so no manifest was written.
         */
        SEALED_ARTIFACT_CHANGED,
        /** The cycle has no sealed manifest. */
        NOT_SEALED,
        /**
         * Resuming an interrupted seal, the gates of the sealing step, run again over the files
         * as they are now, did not all pass: no manifest is written.
         */
        GATES_FAILED,
        /**
         * The manifest cannot be signed as asked: the file differs from its canonical rendering, the
         * key is not trusted for the role, the key or the role already signed, or the manifest was sealed
         * dirty and signing it was not asked for ({@link SignOptions#allowDirty()}).
         */
        CANNOT_SIGN,
        /**
         * The sealed manifest does not verify now (an artifact changed, a signature is invalid, the
         * signing policy is not met, ...): it is not signed, and a cycle past {@code PACKAGED} does
         * not move, nor does its history count as approved.
         */
        SEAL_NOT_VERIFIED,
        /**
         * The cycle's verification summaries (written at {@code VALIDATED}) exist already; like a
         * sealed manifest, they are never overwritten.
         */
        ALREADY_SUMMARIZED
    }

    /** Why sealing or a sealed check refused. */
    private final Reason reason;

    /**
     * A refusal of sealing, signing or of a move of a sealed cycle.
     *
     * @param reason why
     * @param message the message, for people
     * @param location the file, line and column it concerns, or {@code null}
     */
    public SealingException(Reason reason, String message, SourceLocation location) {
        super(message, location, null);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * Why it was refused.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
