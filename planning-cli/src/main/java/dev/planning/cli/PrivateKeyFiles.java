package dev.planning.cli;

import dev.planning.api.InvalidInputException;
import dev.planning.api.signing.Signer;
import dev.planning.engine.Planning;
import java.nio.file.Path;

/**
 * Key hygiene for commands that take a private key file ({@code sign --key}, {@code attest --key},
 * {@code advance --summary-key}): the engine's {@link dev.planning.api.signing.Keys#pemSigner(String,
 * Path, Path)} refuses a key inside the workspace or tracked by the git repository holding it (a key
 * in the repository is one {@code git add} away from being published, and a committed key is a key
 * everyone who can read the repository holds, SPEC §8), and, where the file system has POSIX
 * permissions, one readable by others than its owner (mode 0600, as {@code keys generate} writes it).
 * A git-ignored or untracked key in the repository's work tree is accepted.
 */
final class PrivateKeyFiles {

    private PrivateKeyFiles() {
    }

    /**
     * A signer for {@code role} from {@code key}, when the key lies outside {@code workspace} and its
     * repository and is owner-only. Where it lies is judged first: a committed key, which a checkout
     * leaves readable by all, is reported as committed.
     *
     * @throws InvalidInputException naming the file and why it is refused, or as the key reader does
     */
    static Signer signer(String role, Path key, Path workspace) {
        return Planning.keys().pemSigner(role, key, workspace.toAbsolutePath().normalize());
    }
}
