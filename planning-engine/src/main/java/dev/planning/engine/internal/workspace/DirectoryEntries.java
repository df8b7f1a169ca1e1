package dev.planning.engine.internal.workspace;

import dev.planning.api.SourceLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
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
 * <pre>{@code
 * List<Path> plans = DirectoryEntries.sorted(workspace, workspace.resolve("frameworks/planning-fe/tasks"),
 *         "the cycles of the stream cannot be told without it");
 * }</pre>
 */
public final class DirectoryEntries {

    private DirectoryEntries() {
    }

    /**
     * The entries of {@code dir}, sorted.
     *
     * @param workspace the workspace, for naming the directory relative to it
     * @param dir       the directory
     * @param without   what cannot be done without it, for the message
     * @throws UnreadableInputException when the directory exists but cannot be examined or listed
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
     * @throws UnreadableInputException when the file cannot be examined
     */
    public static boolean isRegularFile(Path workspace, Path file, String without) {
        return attributes(workspace, file, without).map(BasicFileAttributes::isRegularFile).orElse(false);
    }

    /**
     * The attributes of {@code path} (links followed unless {@code options} say otherwise), empty when
     * nothing is there; refused, as {@link #isRegularFile}, when it cannot be examined.
     *
     * @throws UnreadableInputException when the path cannot be examined
     */
    public static Optional<BasicFileAttributes> attributes(Path workspace, Path path, String without,
            LinkOption... options) {
        return attributesShown(path, SafePaths.relativize(workspace, path), without, options);
    }

    /**
     * As {@link #attributes}, for a path outside the workspace (a file given on the command line):
     * {@code shown} names it in the error, as the user gave it.
     *
     * @throws UnreadableInputException when the path cannot be examined
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
            throw unreadable("cannot read", shown, without, e);
        } catch (IOException e) {
            throw unreadable("cannot read", shown, without, e);
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
     * {@link #sorted} gives for one it cannot list.
     *
     * @param e the walk's failure (an {@link UncheckedIOException}'s cause, or the exception itself)
     */
    public static UnreadableInputException cannotList(Path workspace, Path dir, String without, IOException e) {
        return unreadable("cannot list", workspace, dir, without, e);
    }

    /**
     * The error for a file that was examined but whose bytes could not be read (no permission, an I/O
     * error): one located error naming it, as {@link #isRegularFile} gives for one it cannot examine.
     *
     * @param e the read's failure
     */
    public static UnreadableInputException cannotRead(Path workspace, Path file, String without, IOException e) {
        return unreadable("cannot read", workspace, file, without, e);
    }

    /**
     * As {@link #cannotRead(Path, Path, String, IOException)}, for a path named as {@code shown}
     * (workspace-relative, or as the user gave it).
     *
     * @param e the read's failure
     */
    public static UnreadableInputException cannotRead(String shown, String without, IOException e) {
        return unreadable("cannot read", shown, without, e);
    }

    private static UnreadableInputException unreadable(String what, Path workspace, Path dir, String without, IOException e) {
        return unreadable(what, SafePaths.relativize(workspace, dir), without, e);
    }

    private static UnreadableInputException unreadable(String what, String shown, String without, IOException e) {
        return new UnreadableInputException(what + " " + Shown.path(shown) + " (" + Shown.reason(e) + "): " + without
                + "; make it readable by the user running planning", SourceLocation.ofFile(shown), e);
    }
}
