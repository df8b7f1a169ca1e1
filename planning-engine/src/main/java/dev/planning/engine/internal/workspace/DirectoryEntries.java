package dev.planning.engine.internal.workspace;

import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.SystemFailureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The entries of a workspace directory the engine scans (streams, plan files, event logs,
 * manifests), failing closed: a directory that does not exist, or is no directory, has none; one
 * that exists but cannot be examined or listed (no permission, an I/O error) is refused with one
 * located error naming it, never taken for empty, since whatever it holds would vanish from the
 * scan.
 *
 * <p>Whose failure that is follows the cause, judged from the exception's type and the path as it
 * is after the failure, never from the message (the C library's text, in the user's language): a
 * permission denied, a path that vanished or runs through a file, a symbolic link that loops or a
 * name or path too long is the user's, an {@link UnreadableInputException} (exit 2); anything else (the disk
 * answering an I/O error, the process out of file descriptors) is the system's, a
 * {@link SystemFailureException} (exit 3, no verdict), as {@link WriteFailures} judges a write.
 *
 * <pre>{@code
 * List<Path> plans = DirectoryEntries.sorted(workspace, workspace.resolve("frameworks/planning-fe/tasks"),
 *         "the cycles of the stream cannot be told without it");
 * }</pre>
 */
public final class DirectoryEntries {

    /** The longest file name most file systems take, in UTF-8 bytes (as {@link WriteFailures}). */
    private static final int MAX_NAME_BYTES = 255;

    /** The most bytes of a path the system takes, its terminating NUL included ({@code PATH_MAX} on Linux). */
    private static final int MAX_PATH_BYTES = 4096;

    private DirectoryEntries() {
    }

    /**
     * The entries of {@code dir}, sorted.
     *
     * @param workspace the workspace, for naming the directory relative to it
     * @param dir       the directory
     * @param without   what cannot be done without it, for the message
     * @throws UnreadableInputException when the directory exists but the user may not examine or list it
     * @throws SystemFailureException when examining or listing it failed on the system (an I/O error)
     */
    public static List<Path> sorted(Path workspace, Path dir, String without) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(dir, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw unreadable("cannot read", workspace, dir, without, e);
        }
        if (!attributes.isDirectory()) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw unreadable("cannot list", workspace, dir, without, e);
        } catch (UncheckedIOException e) {
            throw unreadable("cannot list", workspace, dir, without, e.getCause());
        }
    }

    /**
     * Whether {@code file} is a regular file (links followed), failing closed: a path that does not
     * exist, or under a path that is no directory, is no file; one that cannot be examined (a
     * directory above it that may not be searched, an I/O error) is refused with one located error
     * naming it, never taken for absent.
     *
     * @param workspace the workspace, for naming the file relative to it
     * @param file      the file
     * @param without   what cannot be done without it, for the message
     * @throws UnreadableInputException when the user may not examine the file
     * @throws SystemFailureException when examining it failed on the system (an I/O error)
     */
    public static boolean isRegularFile(Path workspace, Path file, String without) {
        return attributes(workspace, file, without).map(BasicFileAttributes::isRegularFile).orElse(false);
    }

    /**
     * The attributes of {@code path} (links followed unless {@code options} say otherwise), empty when
     * nothing is there; refused, as {@link #isRegularFile}, when it cannot be examined.
     *
     * @throws UnreadableInputException when the user may not examine the path
     * @throws SystemFailureException when examining it failed on the system (an I/O error)
     */
    public static Optional<BasicFileAttributes> attributes(Path workspace, Path path, String without,
            LinkOption... options) {
        return attributesShown(path, SafePaths.relativize(workspace, path), without, options);
    }

    /**
     * As {@link #attributes}, for a path outside the workspace (a file given on the command line):
     * {@code shown} names it in the error, as the user gave it.
     *
     * @throws UnreadableInputException when the user may not examine the path
     * @throws SystemFailureException when examining it failed on the system (an I/O error)
     */
    public static Optional<BasicFileAttributes> attributesShown(Path path, String shown, String without,
            LinkOption... options) {
        try {
            return Optional.of(Files.readAttributes(path, BasicFileAttributes.class, options));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (FileSystemException e) {
            if (underANonDirectory(path, options)) { // ENOTDIR, told by the file system, not by the localised reason
                return Optional.empty();
            }
            throw unreadable("cannot read", path, shown, without, e);
        } catch (IOException e) {
            throw unreadable("cannot read", path, shown, without, e);
        }
    }

    /**
     * Whether the nearest existing path above {@code path} is something other than a directory (a file
     * where a directory would be): then nothing is there. The error's reason text is the C library's,
     * translated under the user's locale, so it is not compared.
     */
    private static boolean underANonDirectory(Path path, LinkOption... options) {
        for (Path above = path.getParent(); above != null; above = above.getParent()) {
            try {
                return !Files.readAttributes(above, BasicFileAttributes.class, options).isDirectory();
            } catch (FileSystemException e) {
                continue; // not there, or itself under a non-directory: look higher
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    /**
     * The error for a directory that could not be walked: one located error naming it, as
     * {@link #sorted} gives for one it cannot list; the user's or the system's as the class says.
     *
     * @param e the walk's failure (an {@link UncheckedIOException}'s cause, or the exception itself)
     * @return an {@link UnreadableInputException} or a {@link SystemFailureException}
     */
    public static PlanningException cannotList(Path workspace, Path dir, String without, IOException e) {
        return unreadable("cannot list", workspace, dir, without, e);
    }

    /**
     * The error for a file that was examined but whose bytes could not be read (no permission, an I/O
     * error): one located error naming it, as {@link #isRegularFile} gives for one it cannot examine;
     * the user's or the system's as the class says.
     *
     * @param e the read's failure
     * @return an {@link UnreadableInputException} or a {@link SystemFailureException}
     */
    public static PlanningException cannotRead(Path workspace, Path file, String without, IOException e) {
        return unreadable("cannot read", workspace, file, without, e);
    }

    /**
     * As {@link #cannotRead(Path, Path, String, IOException)}, for a path named as {@code shown}
     * (workspace-relative, or as the user gave it); the path the failure names, if any, is the one judged.
     *
     * @param e the read's failure
     * @return an {@link UnreadableInputException} or a {@link SystemFailureException}
     */
    public static PlanningException cannotRead(String shown, String without, IOException e) {
        return unreadable("cannot read", null, shown, without, e);
    }

    /**
     * As {@link #cannotRead(String, String, IOException)}, {@code path} being the one judged: a directory where
     * a file was read (a plain {@link IOException} the platform throws, as for a disk's {@code EIO}) is the user's.
     *
     * @param path  the file read
     * @param shown how messages name it
     * @param e     the read's failure
     * @return an {@link UnreadableInputException} or a {@link SystemFailureException}
     */
    public static PlanningException cannotRead(Path path, String shown, String without, IOException e) {
        return unreadable("cannot read", path, shown, without, e);
    }

    private static PlanningException unreadable(String what, Path workspace, Path dir, String without, IOException e) {
        return unreadable(what, dir, SafePaths.relativize(workspace, dir), without, e);
    }

    private static PlanningException unreadable(String what, Path path, String shown, String without, IOException e) {
        String said = what + " " + Shown.path(shown) + " (" + Shown.reason(e) + ")";
        if (!usersToFix(path, e)) {
            return new SystemFailureException(said + ": " + without + "; the system failed, not the input (a disk"
                    + " answering an I/O error, the process out of file descriptors, say); check the disk and try"
                    + " again (PLANNING_DEBUG=1 shows the stack trace)", SourceLocation.ofFile(shown), e);
        }
        return new UnreadableInputException(said + ": " + without + "; make it readable by the user running planning",
                SourceLocation.ofFile(shown), e);
    }

    /**
     * Whether a failed read of {@code path} (or, when it is not known, of the file the failure names) is the
     * user's to fix: a permission denied, a path that vanished or runs through a file, a directory where a file
     * was read, a symbolic link that loops, a name or path too long, told by the exception's type or the path as it is
     * now. Any other failure is
     * the system's: a plain {@link IOException} the Java platform threw (a read the operating system failed,
     * {@code EIO}), or a plain {@link FileSystemException} (an {@code opendir} or {@code stat} answering
     * {@code EIO}, {@code EMFILE}) whose path shows no cause.
     */
    static boolean usersToFix(Path path, IOException e) {
        if (e instanceof AccessDeniedException || e instanceof NoSuchFileException || e instanceof NotDirectoryException
                || e instanceof FileSystemLoopException) {
            return true;
        }
        if (e.getClass() != FileSystemException.class && e.getClass() != IOException.class) {
            // Another kind names the input's state, not the system's (a malformed encoding, an end of file).
            return true;
        }
        if (!(e instanceof FileSystemException failed)) {
            // One our own code made up about what it read (a line too long, say) is the input's, and so is a
            // directory where a file was read (EISDIR, the same plain IOException as the disk's EIO).
            return !thrownByThePlatform(e) || path != null && Files.isDirectory(path);
        }
        Path judged = path != null ? path : named(failed).orElse(null);
        if (judged == null) {
            return false;
        }
        if (tooLong(judged)) {
            return true;
        }
        if (Files.isSymbolicLink(judged) && !Files.exists(judged)) {
            return true; // ELOOP: a link that loops (or leads nowhere)
        }
        return underANonDirectory(judged) || Files.notExists(judged, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Whether the path is one the file system refuses for its length ({@code ENAMETOOLONG}): a name on it, not only
     * its last, over {@link #MAX_NAME_BYTES}, or the whole path, as given to the system, {@link #MAX_PATH_BYTES} or
     * more (review34: a directory name too long on the path, or a path too long, was taken for the disk's failure).
     */
    private static boolean tooLong(Path path) {
        if (path.toString().getBytes(StandardCharsets.UTF_8).length >= MAX_PATH_BYTES) {
            return true;
        }
        for (Path name : path) {
            if (name.toString().getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the Java platform's own code threw {@code e} (its first frame is {@code java.}, {@code jdk.} or
     * {@code sun.}): a read the operating system failed, not a failure a library or this code made up about what it
     * read. {@code GitRepository.systemIo} judges a git read by it too.
     *
     * @param e the failure
     * @return whether its first frame is the platform's
     */
    public static boolean thrownByThePlatform(IOException e) {
        StackTraceElement[] stack = e.getStackTrace();
        if (stack.length == 0) {
            return false;
        }
        String type = stack[0].getClassName();
        return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.");
    }

    /** The path a failure names, when it names one the platform can read. */
    private static Optional<Path> named(FileSystemException e) {
        try {
            return Optional.ofNullable(e.getFile()).map(Path::of);
        } catch (InvalidPathException notAPath) {
            return Optional.empty();
        }
    }
}
