package dev.planning.cli;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.signing.Signer;
import dev.planning.engine.Planning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Key hygiene for commands that take a private key file ({@code sign --key}, {@code attest --key},
 * {@code advance --summary-key}): where the file system has POSIX permissions the key must be
 * readable by its owner only (mode 0600, as {@code keys generate} writes it), the rule ssh applies;
 * and it must lie outside the workspace and not be tracked by the git repository holding the
 * workspace (the engine's {@link dev.planning.api.signing.Keys#pemSigner(String, Path, Path)}): a
 * key in the repository is one {@code git add} away from being published, and a committed key is a
 * key everyone who can read the repository holds (SPEC §8). A git-ignored or untracked key in the
 * repository's work tree is accepted.
 */
final class PrivateKeyFiles {

    private static final Set<PosixFilePermission> SHARED = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private PrivateKeyFiles() {
    }

    /**
     * A signer for {@code role} from {@code key}, when the key lies outside {@code workspace} and its
     * repository and is owner-only ({@link #requireOwnerOnly}). Where it lies is judged first: a
     * committed key, which a checkout leaves readable by all, is reported as committed.
     *
     * @throws InvalidInputException naming the file and why it is refused, or as the key reader does
     */
    static Signer signer(String role, Path key, Path workspace) {
        Signer signer = Planning.keys().pemSigner(role, key, workspace.toAbsolutePath().normalize());
        requireOwnerOnly(key);
        return signer;
    }

    /** Refuses {@code key} when it is shared with group or others. */
    static void requireOwnerOnly(Path key) {
        Path real;
        try {
            real = key.toRealPath();
        } catch (IOException e) {
            return; // a missing key is reported, with its name, by the key reader
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(real, PosixFileAttributeView.class);
        if (posix == null) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
            if (permissions.stream().anyMatch(SHARED::contains)) {
                throw new InvalidInputException("the private key is readable or writable by group or others ("
                        + PosixFilePermissions.toString(permissions) + "); expected owner-only access: chmod 600 "
                        + key, SourceLocation.ofFile(key.toString()));
            }
        } catch (IOException e) {
            // Unreadable attributes: the key reader reports the file.
        }
    }
}
