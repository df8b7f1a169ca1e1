package dev.planning.api.seal;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How to seal a cycle. The next cycle sealed with an earlier cycle's handoff manifest as its prior
 * ({@code prior} is that manifest's {@code manifest_id}; it was sealed from a clean commit of this workspace):
 *
 * <pre>{@code
 * workspace.seal(next, SealOptions.defaults().withPriorManifestId(prior).withNotes("re-plan after review"));
 * }</pre>
 *
 * @param allowDirty      seal even when an artifact has uncommitted changes (or the workspace is
 *                        not in a git repository); the manifest then records {@code dirty: true}
 * @param priorManifestId the id of the manifest this cycle's manifest replaces
 * @param notes           free text recorded in the manifest
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record SealOptions(boolean allowDirty, Optional<String> priorManifestId, Optional<String> notes) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param allowDirty seal even when an artifact has uncommitted changes (or the workspace is not in a git
     *                   repository); the manifest then records {@code dirty: true}
     * @param priorManifestId the id of the manifest this cycle's manifest replaces
     * @param notes free text recorded in the manifest
     */
    public SealOptions {
        Objects.requireNonNull(priorManifestId, "priorManifestId");
        Objects.requireNonNull(notes, "notes");
        if (priorManifestId.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException("priorManifestId is empty: expected the prior manifest's id");
        }
    }

    /**
     * Strict sealing: clean git state required, no prior manifest, no notes.
     *
     * @return the strict options
     */
    public static SealOptions defaults() {
        return new SealOptions(false, Optional.empty(), Optional.empty());
    }

    /**
     * The same options, allowing uncommitted changes or not.
     *
     * @param allow whether to seal artifacts with uncommitted changes
     * @return the same options, allowing uncommitted changes or not
     */
    public SealOptions withAllowDirty(boolean allow) {
        return new SealOptions(allow, priorManifestId, notes);
    }

    /**
     * The same options, naming the manifest this one replaces. Sealing refuses a prior sealed dirty
     * ({@code dirty: true} or {@code snapshot_rev: none}): a handoff naming it could never be signed or
     * verified, and {@link #withAllowDirty} does not change that.
     *
     * @param id the prior manifest's id
     * @return the same options, naming the manifest this one replaces
     * @throws IllegalArgumentException when {@code id} is empty or blank
     */
    public SealOptions withPriorManifestId(String id) {
        return new SealOptions(allowDirty, Optional.of(id), notes);
    }

    /**
     * The same options, with notes.
     *
     * @param text the notes
     * @return the same options, with notes
     */
    public SealOptions withNotes(String text) {
        return new SealOptions(allowDirty, priorManifestId, Optional.of(text));
    }
}
