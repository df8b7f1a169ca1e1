package dev.planning.api.seal;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * How to sign a cycle's sealed manifest.
 *
 * <pre>{@code
 * workspace.sign(cycle, signer, SignOptions.defaults().withAllowDirty(true)); // a manifest sealed dirty, on purpose
 * }</pre>
 *
 * @param allowDirty sign even a manifest sealed with uncommitted changes or outside git ({@code dirty: true},
 *                   or {@code snapshot_rev: none}): no commit holds its sealed set, so nothing checks that the
 *                   set holds every input the gates read; without it such a signing is refused
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record SignOptions(boolean allowDirty) {

    /**
     * Strict signing: a manifest sealed dirty is refused.
     *
     * @return the strict options
     */
    public static SignOptions defaults() {
        return new SignOptions(false);
    }

    /**
     * The same options, signing a manifest sealed dirty or not.
     *
     * @param allow whether to sign a manifest sealed with uncommitted changes or outside git
     * @return the same options, signing a manifest sealed dirty or not
     */
    public SignOptions withAllowDirty(boolean allow) {
        return new SignOptions(allow);
    }
}
