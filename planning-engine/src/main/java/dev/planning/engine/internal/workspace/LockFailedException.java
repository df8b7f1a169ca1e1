package dev.planning.engine.internal.workspace;

import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.SystemFailureException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * A file's lock ({@link PathLock}) could not be taken for a reason the user can fix: its lock file is
 * no plain file, its name is too long for the file system, its directory is missing or no directory,
 * or cannot be written (no permission, a read-only file system), or another process holds the lock and
 * waiting for it would deadlock.
 * Nothing was done under the lock, so nothing was written. The command line's one {@code error:}
 * line, exit 2.
 *
 * <p>A lock that could not be taken for any other reason (the process out of file descriptors, a full
 * disk, an I/O error) is the system's failure, a {@link SystemFailureException} (exit 3): see
 * {@link #of}.
 */
public final class LockFailedException extends PlanningException {

    private static final long serialVersionUID = 1L;

    /**
     * Whether this process may write a path: {@link Files#isWritable}, except in tests, which replace it to
     * judge a directory the user may not write even as root (whom permission bits do not stop).
     */
    static volatile Predicate<Path> writable = Files::isWritable;

    private LockFailedException(String message, SourceLocation location, Throwable cause) {
        super(message, location, cause);
    }

    /**
     * The failure to take the lock whose lock file is {@code sidecar}: a {@link LockFailedException} when
     * the file system as it is now shows a cause the user can fix, else a {@link SystemFailureException}.
     * The cause is judged from the exception's type and from the directory and lock file themselves, not
     * from the message, which is the C library's text in the user's language and names no error code.
     *
     * @param sidecar the lock file ({@link PathLock#sidecar})
     * @param e       why it could not be taken
     */
    static PlanningException of(Path sidecar, IOException e) {
        if (e instanceof PathLock.Refused) {
            // PathLock's own refusals (a link, a directory) name the lock file and what to do already.
            return new LockFailedException(Shown.why(e), null, e);
        }
        SourceLocation location = SourceLocation.ofFile(Shown.path(sidecar));
        String failed = "cannot take this lock (" + Shown.reason(e) + "), so nothing was written under it: ";
        String fix = usersToFix(sidecar, e);
        if (fix != null) {
            return new LockFailedException(failed + fix + ", and try again", location, e);
        }
        return new SystemFailureException(failed + "the system failed, not the input (the process out of file"
                + " descriptors, a full disk or an I/O error, say); free what ran out (`ulimit -n`, disk space) or"
                + " check the disk, and try again (PLANNING_DEBUG=1 shows the stack trace)", location, e);
    }

    /** The longest file name most file systems take (ext4, XFS, btrfs, tmpfs, APFS), in UTF-8 bytes. */
    private static final int MAX_NAME_BYTES = 255;

    /** The longest path Linux takes ({@code PATH_MAX} less its terminating zero), in bytes. */
    private static final int MAX_PATH_BYTES = 4095;

    /** What the user is to do, when the lock file's place shows why the lock failed; {@code null} otherwise. */
    private static String usersToFix(Path sidecar, IOException e) {
        Path directory = sidecar.getParent();
        if (!(e instanceof FileSystemException)) {
            // The lock itself failed (fcntl), not the open: EDEADLK means another process holds it.
            return heldElsewhere(sidecar) ? "another process holds it, and waiting for it would deadlock; let that"
                    + " process finish" : null;
        }
        for (Path up = directory; up != null; up = up.getParent()) {
            if (Files.exists(up, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(up)) {
                if (!Files.isDirectory(up)) {
                    return Shown.path(up) + " is not a directory, and the lock file goes under it; move it away or"
                            + " choose another path";
                }
                if (!up.equals(directory)) {
                    return "the directory " + Shown.path(directory) + " does not exist; create it or check the path";
                }
                break;
            }
        }
        // ENAMETOOLONG: the lock file's name is the file's and ".lock", so a name the file system takes for the
        // file may be too long for its lock file; the user chose the name (review23).
        if (sidecar.getFileName() != null && sidecar.getFileName().toString().getBytes(StandardCharsets.UTF_8).length
                > MAX_NAME_BYTES || sidecar.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8).length
                > MAX_PATH_BYTES) {
            return "its name is too long for the file system (a lock file is named as the locked file with \".lock\""
                    + " after it, at most " + MAX_NAME_BYTES + " bytes, in a path of at most " + MAX_PATH_BYTES
                    + "); choose a shorter name or path";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied; make " + Shown.path(directory) + " (and the lock file, when present) writable"
                    + " by you";
        }
        try {
            if (Files.getFileStore(directory).isReadOnly()) {
                return Shown.path(directory) + " is on a read-only file system; run the command where the workspace"
                        + " can be written";
            }
        } catch (IOException | SecurityException cannotTell) {
            // Out of descriptors, say: not a cause the user can see.
            return null;
        }
        if (!writable.test(directory) || Files.exists(sidecar, LinkOption.NOFOLLOW_LINKS)
                && !writable.test(sidecar)) {
            return "permission denied; make " + Shown.path(directory) + " (and the lock file, when present) writable"
                    + " by you";
        }
        return null;
    }

    /** Whether another process holds the lock now: a fresh channel's {@code tryLock} is refused. */
    private static boolean heldElsewhere(Path sidecar) {
        try (FileChannel probe = PathLock.opener.open(sidecar)) {
            FileLock lock = probe.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (IOException | RuntimeException cannotTell) {
            // An overlapping lock of this JVM, or the probe failing too: not shown to be another process's.
            return false;
        }
    }
}
