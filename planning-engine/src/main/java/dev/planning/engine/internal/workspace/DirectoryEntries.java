package dev.planning.engine.internal.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.SystemFailureException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 * name or path too long is the user's, an {@link UnreadableInputException} (exit 2); those causes are an
 * allow-list, and anything else (the disk answering an I/O error, the process out of file descriptors, a read
 * interrupted, a kind of failure not recognised) is the system's, a {@link SystemFailureException} (exit 3, no
 * verdict), as {@link WriteFailures} judges a write.
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

    /** The most symbolic links the system follows resolving one path ({@code MAXSYMLINKS} on Linux): more is {@code ELOOP}. */
    private static final int MAX_LINKS = 40;

    /** The most failures down a chain of wrapped ones {@link #usersToFix} looks: a longer chain shows no cause. */
    private static final int MAX_WRAPPED = 16;

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
        if (!usersToFix(path, e)) {
            return new SystemFailureException(what + " " + Shown.path(shown) + " (" + Shown.reason(e) + "): " + without
                    + "; the system failed, not the input (a disk answering an I/O error, the process out of file"
                    + " descriptors, say); check the disk and try again (PLANNING_DEBUG=1 shows the stack trace)",
                    SourceLocation.ofFile(shown), e);
        }
        Optional<InTheWay> inTheWay = path == null ? Optional.empty() : inTheWay(path, shown, e);
        String said = what + " " + Shown.path(shown) + " (" + inTheWay.map(InTheWay::what).orElseGet(
                () -> Shown.reason(e)) + ")";
        return new UnreadableInputException(said + ": " + without + "; " + inTheWay.map(InTheWay::fix)
                .orElse("make it readable by the user running planning"), SourceLocation.ofFile(shown), e);
    }

    /** What stands where the read expected something else, in words, and what the user is to do about it. */
    private record InTheWay(String what, String fix) {
    }

    /**
     * A file where a directory is expected (the path read, when it was listed, or one above it), or a directory where
     * a file is expected ({@code EISDIR}), as the path is now: "make it readable" does not cure either (errs37: a
     * path that was no directory was told "(NotDirectoryException) ...; make it readable by the user running
     * planning"). Empty for any other cause (a permission denied, above all).
     */
    private static Optional<InTheWay> inTheWay(Path path, String shown, IOException e) {
        if (e instanceof AccessDeniedException) {
            return Optional.empty();
        }
        if (e.getClass() == IOException.class) {
            // usersToFix took the platform's plain IOException for EISDIR only when a directory is there.
            return thrownByThePlatform(e) && Files.isDirectory(path) ? Optional.of(new InTheWay("it is a directory",
                    "expected a file there: move the directory away, or restore the file from version control"))
                    : Optional.empty();
        }
        if (!(e instanceof FileSystemException)) {
            return Optional.empty();
        }
        String expected = "expected a directory there: move the file away, or restore the directory from version"
                + " control";
        if (e instanceof NotDirectoryException && Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                && !Files.isDirectory(path)) {
            return Optional.of(new InTheWay("it is not a directory", expected));
        }
        return WriteFailures.inTheWay(path, shown, e).filter(said -> said.endsWith(" is not a directory"))
                .map(said -> new InTheWay(said, expected));
    }

    /**
     * Whether a failed read of {@code path} (or, when it is not known, of the file the failure names) is the
     * user's to fix. Only the causes recognised here are (an allow-list): a permission denied, a path that vanished
     * or runs through a file ({@link AccessDeniedException}, {@link NoSuchFileException},
     * {@link NotDirectoryException}, {@link FileSystemLoopException}); what the bytes read say (a
     * {@link CharacterCodingException}, an {@link EOFException}, Jackson's {@link JsonProcessingException}, an
     * exception type of this library's or JGit's own, a plain {@link IOException} this library's, JGit's or
     * Jackson's code threw, unless it wraps a failure: then the nearest {@link IOException} among its causes is judged
     * instead, so that JGit's failure around a disk's {@code EIO} is the system's); a directory where a file was read ({@code EISDIR}, the platform's plain
     * {@link IOException}); and, for the platform's plain {@link FileSystemException}, a path as it is now that
     * shows the cause: a name or path too long, links that loop (resolved one by one), a file where a directory
     * would be, nothing there. Anything else is the system's, so that no unknown cause is blamed on the workspace's
     * author: the platform's plain {@link IOException} on a file (a read answering {@code EIO}), a plain
     * {@link FileSystemException} whose path shows no cause ({@code opendir} or {@code stat} answering {@code EIO},
     * {@code EMFILE}), a read interrupted ({@link java.nio.channels.ClosedByInterruptException}), any other type.
     *
     * @param path the path read, or {@code null} to judge the one the failure names
     * @param e    the read's failure
     * @return whether the user is to fix it (exit 2); else the system failed (exit 3)
     */
    public static boolean usersToFix(Path path, IOException e) {
        return usersToFix(path, e, 0);
    }

    /** As {@link #usersToFix(Path, IOException)}, {@code depth} failures down a chain of wrapped ones. */
    private static boolean usersToFix(Path path, IOException e, int depth) {
        if (e instanceof AccessDeniedException || e instanceof NoSuchFileException || e instanceof NotDirectoryException
                || e instanceof FileSystemLoopException) {
            return true;
        }
        if (e instanceof CharacterCodingException || e instanceof EOFException || e instanceof JsonProcessingException) {
            return true; // what the bytes read say: a malformed encoding, a file cut short, JSON that does not parse
        }
        if (e.getClass() == IOException.class) {
            if (thrownByThePlatform(e)) {
                // A directory where a file was read (EISDIR) is the same plain IOException as the disk's EIO.
                return path != null && Files.isDirectory(path);
            }
            // One our own code, or a library parsing the bytes, made up about what it read (a line too long, say),
            // unless it wraps a read the system failed (fail36: JGit's IOException around a disk's EIO was the user's).
            return ofAReader(firstFrame(e)) && wrappedIsTheUsers(path, e, depth);
        }
        if (e.getClass() != FileSystemException.class) {
            // LogLines' line too long, JGit's damaged pack; judged by what it wraps, when it wraps a failed read.
            return ofAReader(e.getClass().getName()) && wrappedIsTheUsers(path, e, depth);
        }
        FileSystemException failed = (FileSystemException) e;
        Path judged = path != null ? path : named(failed).orElse(null);
        if (judged == null) {
            return false;
        }
        return tooLong(judged) || loops(judged) || underANonDirectory(judged)
                || Files.notExists(judged, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Whether the failure a reader's exception wraps, if any, is the user's: the nearest {@link IOException} among
     * its causes is judged as {@link #usersToFix} judges any (a platform's {@code EIO} wrapped by JGit is the system's;
     * a permission denied or a damaged pack it wraps stays the user's). An exception that wraps no I/O failure is
     * judged by who made it, as before.
     */
    private static boolean wrappedIsTheUsers(Path path, IOException e, int depth) {
        int links = 0;
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (depth + ++links > MAX_WRAPPED) {
                return false; // a chain no reader makes (one that loops): no cause shown, the system's
            }
            if (cause instanceof IOException wrapped) {
                // The path the wrapped failure names is the one judged; else the path read.
                boolean names = wrapped instanceof FileSystemException failed && named(failed).isPresent();
                return usersToFix(names ? null : path, wrapped, depth + links);
            }
        }
        return true;
    }

    /** Whether the class (or the frame's class) is this library's, JGit's or Jackson's: code that reads and judges bytes. */
    private static boolean ofAReader(String type) {
        return type.startsWith("dev.planning.") || type.startsWith("org.eclipse.jgit.")
                || type.startsWith("com.fasterxml.jackson.");
    }

    /** The class of the failure's first frame; empty when it has no stack. */
    private static String firstFrame(IOException e) {
        StackTraceElement[] stack = e.getStackTrace();
        return stack.length == 0 ? "" : stack[0].getClassName();
    }

    /**
     * Whether resolving {@code path} needs more than {@link #MAX_LINKS} symbolic links ({@code ELOOP}), told by
     * examining its names one by one ({@code lstat}) and reading each link, never by whether the path exists: a link
     * whose target answers an I/O error is no loop (fail35: {@code Files.exists} answered false for it, so the disk's
     * failure was judged a loop, the user's). A path that cannot be followed to the end for any other cause shows no
     * loop.
     */
    private static boolean loops(Path path) {
        Path absolute = path.toAbsolutePath();
        Path at = absolute.getRoot();
        if (at == null) {
            return false;
        }
        Deque<Path> names = new ArrayDeque<>();
        absolute.forEach(names::addLast);
        int links = 0;
        while (!names.isEmpty()) {
            String name = names.removeFirst().toString();
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                at = at.getParent() == null ? at : at.getParent();
                continue;
            }
            Path next = at.resolve(name);
            try {
                if (!Files.readAttributes(next, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isSymbolicLink()) {
                    at = next;
                    continue;
                }
                if (++links > MAX_LINKS) {
                    return true;
                }
                Path target = Files.readSymbolicLink(next);
                if (target.isAbsolute()) {
                    at = target.getRoot();
                }
                List<Path> parts = new ArrayList<>();
                target.forEach(parts::add);
                for (int i = parts.size() - 1; i >= 0; i--) {
                    names.addFirst(parts.get(i));
                }
            } catch (IOException notFollowed) {
                return false; // not there, or examining it failed: no loop shown
            }
        }
        return false;
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
