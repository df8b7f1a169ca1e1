package dev.planning.api.seal;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.TransitionResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What sealing a cycle did: the {@code READY_FOR_HANDOFF -> PACKAGED} transition it attempted
 * (absent when an interrupted seal of an already {@code PACKAGED} cycle was completed), the
 * manifest it wrote when the gates passed, and notes on what it set aside.
 *
 * @param cycle        the cycle, never {@code null}
 * @param transition   the recorded transition attempt, when one was made
 * @param manifest     the sealed manifest; empty when the gates refused the transition
 * @param manifestPath the manifest's workspace-relative path, when written
 * @param notes        what the seal set aside, one line each: completing an interrupted seal, each
 *                     signature block of the unrecorded manifest dropped with it and why it could
 *                     not count (its key not listed in the trust file, or listed and the signature
 *                     not verifying); empty otherwise, never {@code null}
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record SealResult(CycleRef cycle, Optional<TransitionResult> transition, Optional<HandoffManifest> manifest,
        Optional<String> manifestPath, List<String> notes) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param cycle the cycle, never {@code null}
     * @param transition the recorded transition attempt, when one was made
     * @param manifest the sealed manifest; empty when the gates refused the transition
     * @param manifestPath the manifest's workspace-relative path, when written
     * @param notes what the seal set aside, one line each; never {@code null}
     */
    public SealResult {
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(transition, "transition");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(manifestPath, "manifestPath");
        notes = List.copyOf(notes);
    }

    /**
     * A result without notes.
     *
     * @param cycle the cycle, never {@code null}
     * @param transition the recorded transition attempt, when one was made
     * @param manifest the sealed manifest; empty when the gates refused the transition
     * @param manifestPath the manifest's workspace-relative path, when written
     */
    public SealResult(CycleRef cycle, Optional<TransitionResult> transition, Optional<HandoffManifest> manifest,
            Optional<String> manifestPath) {
        this(cycle, transition, manifest, manifestPath, List.of());
    }

    /**
     * Whether a manifest was sealed.
     *
     * @return whether a manifest was sealed
     */
    public boolean sealed() {
        return manifest.isPresent();
    }
}
