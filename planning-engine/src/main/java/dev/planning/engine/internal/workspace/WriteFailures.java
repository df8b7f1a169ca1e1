package dev.planning.engine.internal.workspace;

import dev.planning.api.PlanningException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.SystemFailureException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Who is to fix a failed write of the product's own files (the event log, manifests, caches, any
 * {@link AtomicFiles} write): the user, when the path as it is now shows why (permission denied, a
 * directory on the way that is missing or no directory, a directory where the file goes, a name too long for
 * the file system), a
 * {@link PlanningException} (exit 2); else the system, a {@link SystemFailureException} (exit 3: a full
 * disk, a file system turned read-only, an I/O error, the process out of file descriptors). A workspace
 * that is read-only from the start is refused at its lock, before anything is written ({@link
 * LockFailedException}), so a read-only file system met while writing turned so under the command.
 * The cause is judged from the exception's type and the path, never from the message, which is the C
 * library's text in the user's language.
 */
public final class WriteFailures {

    /** The longest file name most file systems take, in UTF-8 bytes (as {@link LockFailedException}). */
    private static final int MAX_NAME_BYTES = 255;

    private WriteFailures() {
    }

    /**
     * The failure of a write, for people: {@code failed} with the file system's reason, and who is to act.
     *
     * @param failed what could not be done, e.g. {@code cannot write the file}
     * @param file   the file written
     * @param shown  how messages name it
     * @param e      why
     */
    public static PlanningException of(String failed, Path file, String shown, IOException e) {
        SourceLocation at = SourceLocation.ofFile(shown);
        String said = failed + " (" + why(file, shown, e) + ")";
        if (usersToFix(file, e)) {
            return new PlanningException(said, at, e);
        }
        return new SystemFailureException(said + ": the system failed, not the input (a full disk, a file system"
                + " turned read-only or an I/O error, say); free disk space or check the disk, and try again"
                + " (PLANNING_DEBUG=1 shows the stack trace)", at, e);
    }

    /**
     * Why a write failed, in words, for a message that says itself what failed: what stands in the way when the path
     * shows it ({@code <the path up to it> is not a directory}, {@code it is a directory}), else the file system's
     * reason ({@link #reason}).
     *
     * @param file  the file written
     * @param shown how messages name it, as it is (quoted here)
     * @param e     why
     * @return the reason, on one line
     */
    public static String why(Path file, String shown, IOException e) {
        return inTheWay(file, shown, e).orElseGet(() -> reason(e));
    }

    /**
     * The path a failed write names, when it names one that parses; else {@code otherwise} (a write of many
     * files, a report site or the sealed inputs, judged at the file that failed).
     *
     * @param e         the write's failure
     * @param otherwise the path to judge when the failure names none
     * @return the path to judge
     */
    public static Path failedPath(IOException e, Path otherwise) {
        if (e instanceof FileSystemException failed && failed.getFile() != null) {
            try {
                return Path.of(failed.getFile());
            } catch (InvalidPathException notAPath) {
                return otherwise;
            }
        }
        return otherwise;
    }

    /** Whether the path as it is now shows a cause the user can fix. */
    static boolean usersToFix(Path file, IOException e) {
        if (e instanceof AccessDeniedException || e instanceof NoSuchFileException
                || e instanceof NotDirectoryException) {
            return true;
        }
        Path name = file.getFileName();
        if (name != null && name.toString().getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            return true;
        }
        if (e instanceof FileSystemException && Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            // EISDIR (review24): a directory stands where the file goes, which no free space or disk check cures.
            return true;
        }
        if (e instanceof FileSystemException) {
            // ENOTDIR arrives as a plain FileSystemException: a file where a directory of the path should be.
            for (Path up = file.toAbsolutePath().getParent(); up != null; up = up.getParent()) {
                if (Files.exists(up, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(up)) {
                    return !Files.isDirectory(up);
                }
            }
        }
        return false;
    }

    /**
     * What stands in the way, in words, when the path shows it (review25: a file where a directory of the path
     * should be gave the exception's class, {@code FileAlreadyExistsException}, or the C library's "Not a
     * directory" without saying which): "{@code <the path up to it> is not a directory}", named as {@code shown}
     * names the file, or "{@code it is a directory}". Empty for any other failure, whose reason is the file
     * system's.
     */
    static Optional<String> inTheWay(Path file, String shown, IOException e) {
        if (!(e instanceof FileSystemException) || e instanceof AccessDeniedException) {
            return Optional.empty();
        }
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("it is a directory");
        }
        Path absolute = file.toAbsolutePath();
        for (Path up = absolute.getParent(); up != null; up = up.getParent()) {
            if (Files.exists(up, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(up)) {
                if (Files.isDirectory(up)) {
                    return Optional.empty();
                }
                return Optional.of(Shown.path(shownUp(shown, absolute.getNameCount() - up.getNameCount())
                        .orElse(up.toString())) + " is not a directory");
            }
        }
        return Optional.empty();
    }

    /** {@code shown} without its last {@code levels} names, when it has that many before them. */
    private static Optional<String> shownUp(String shown, int levels) {
        String up = shown;
        for (int i = 0; i < levels; i++) {
            int cut = Math.max(up.lastIndexOf('/'), up.lastIndexOf('\\'));
            if (cut <= 0) {
                return Optional.empty();
            }
            up = up.substring(0, cut);
        }
        return Optional.of(up);
    }

    /**
     * The file system's reason on one line: its own words, else the message (a full disk's), else the kind. A
     * {@link FileSystemException} without a reason gives what it means in words ({@link Shown#reason}): its message is
     * the path alone, which the location already names (exit25: a file in the way of a directory showed the path
     * twice).
     */
    static String reason(IOException e) {
        return e instanceof FileSystemException ? Shown.reason(e)
                : Printable.line(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
