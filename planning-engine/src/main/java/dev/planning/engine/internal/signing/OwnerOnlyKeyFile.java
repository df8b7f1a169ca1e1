package dev.planning.engine.internal.signing;

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
 * Where the file system has POSIX permissions, a private key must be readable and writable by its
 * owner only (mode 0600, as {@code keys generate} writes it): the rule ssh applies. A key others can
 * read is a key others may hold.
 */
final class OwnerOnlyKeyFile {

    private static final Set<PosixFilePermission> SHARED = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private OwnerOnlyKeyFile() {
    }

    /** Refuses {@code key} when it is shared with group or others. */
    static void require(Path key) {
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
        Set<PosixFilePermission> permissions;
        try {
            permissions = posix.readAttributes().permissions();
        } catch (IOException e) {
            return; // unreadable attributes: the key reader reports the file
        }
        if (permissions.stream().anyMatch(SHARED::contains)) {
            throw new InvalidInputException("the private key is readable or writable by group or others ("
                    + PosixFilePermissions.toString(permissions) + "); expected owner-only access: chmod 600 " + key,
                    SourceLocation.ofFile(key.toString()));
        }
    }
}
