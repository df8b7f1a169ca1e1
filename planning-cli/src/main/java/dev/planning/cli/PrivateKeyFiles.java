package dev.planning.cli;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Key hygiene for commands that take a private key file ({@code sign}): the key must live outside
 * the workspace (a key in the repository is one {@code git add} away from being published, and
 * would be swept into a handoff) and, where the file system has POSIX permissions, be readable by
 * its owner only (mode 0600, as {@code keys generate} writes it), the rule ssh applies.
 */
final class PrivateKeyFiles {

    private static final Set<PosixFilePermission> SHARED = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private PrivateKeyFiles() {
    }

    /** Refuses {@code key} when it is inside {@code workspace} or shared with group or others. */
    static void requireSafe(Path workspace, Path key) {
        Path real;
        try {
            real = key.toRealPath();
        } catch (IOException e) {
            return; // a missing key is reported, with its name, by the key reader
        }
        try {
            if (real.startsWith(workspace.toRealPath())) {
                throw new InvalidInputException("the private key is inside the workspace; keep signing keys outside the"
                        + " repository (expected a path such as ~/.planning/keys/ROLE.key.pem)", SourceLocation.ofFile(key.toString()));
            }
        } catch (IOException e) {
            return;
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
