package dev.planning.engine.internal.outcome;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.FileNames;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.Shown;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The files of one outcomes directory ({@code outcomes/{cycle}/} of a stream), each read
 * <em>once</em>: every parser ({@link OutcomeFiles}, {@link CoverageReports}) works on these bytes
 * and every SHA-256 recorded for a file ({@link dev.planning.api.outcome.TestOutcome#sha256()},
 * {@link dev.planning.api.outcome.CoverageOutcome#sha256()}, the {@code inputs} of gate evidence) is
 * of these bytes. A file changed on disk after it was read therefore cannot make a recorded hash
 * differ from what was judged.
 *
 * <p>The directory is walked {@value #MAX_DEPTH} levels deep; entries whose name starts with a dot
 * (temporary files of an interrupted atomic write, and anything below a dot directory) are not
 * read. A file over {@link OutcomeFiles#MAX_BYTES}, a file that cannot be read, and an entry that is
 * a symbolic link or not a regular file (import writes regular files only; a link is never
 * followed), and files past {@link #MAX_TOTAL_BYTES} in all are {@linkplain #unreadable() unreadable}: the readers refuse them rather than skip
 * them, so no report can be hidden behind a link.
 */
public final class OutcomeSnapshot {

    /** How deep below the outcomes directory files are read. */
    public static final int MAX_DEPTH = 4;

    /**
     * The most bytes read from one outcomes directory (256 MiB), as every file is held until it is
     * parsed: files beyond it are unreadable rather than exhausting memory.
     */
    public static final long MAX_TOTAL_BYTES = 256L * 1024 * 1024;

    /**
     * One file as read.
     *
     * @param path     workspace-relative, {@code /}-separated
     * @param relative relative to the outcomes directory ({@code junit/<hash>-TEST-x.xml})
     * @param content  its bytes (not copied: never change them)
     * @param sha256   the lower-case hex SHA-256 of {@code content}
     */
    public record File(String path, String relative, byte[] content, String sha256) {
        public File {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(relative, "relative");
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(sha256, "sha256");
        }

        /** The file's name (its last segment). */
        public String name() {
            return relative.substring(relative.lastIndexOf('/') + 1);
        }
    }

    private final String directory;
    private final List<File> files;
    private final Map<String, InvalidInputException> unreadable;

    private OutcomeSnapshot(String directory, List<File> files, Map<String, InvalidInputException> unreadable) {
        this.directory = directory;
        this.files = List.copyOf(files);
        this.unreadable = Collections.unmodifiableMap(new LinkedHashMap<>(unreadable));
    }

    /**
     * Reads every file under a workspace-relative directory; a missing directory has none.
     *
     * @throws InvalidInputException when the path leaves the workspace or the directory cannot be listed
     */
    public static OutcomeSnapshot read(Path workspace, String directory) {
        return read(workspace, directory, file -> { }, MAX_TOTAL_BYTES);
    }

    /**
     * As {@link #read(Path, String)}, calling {@code afterRead} with each file just after its bytes
     * were read (a test seam to change a file between the read and anything computed from it), and
     * reading at most {@code maxTotalBytes} in all.
     */
    static OutcomeSnapshot read(Path workspace, String directory, Consumer<Path> afterRead, long maxTotalBytes) {
        Path dir = SafePaths.resolve(workspace, directory);
        List<File> files = new ArrayList<>();
        Map<String, InvalidInputException> unreadable = new LinkedHashMap<>();
        // A directory above it that may not be searched is refused, never taken for no outcomes.
        Optional<BasicFileAttributes> found = DirectoryEntries.attributes(workspace, dir,
                "the cycle's outcomes cannot be told without it", LinkOption.NOFOLLOW_LINKS);
        if (found.isEmpty() || !found.get().isDirectory()) {
            if (found.isPresent() && found.get().isSymbolicLink()) {
                unreadable.put(directory, new InvalidInputException("the outcomes directory is a symbolic link;"
                        + " outcomes are never read through links: replace it with the directory itself",
                        SourceLocation.ofFile(directory)));
            }
            return new OutcomeSnapshot(directory, files, unreadable);
        }
        long total = 0;
        for (Path entry : entries(dir, directory)) {
            String relative = dir.relativize(entry).toString().replace('\\', '/');
            String path = directory + "/" + relative;
            if (hidden(relative)) {
                continue;
            }
            // Java lists a byte that is not UTF-8 as U+FFFD: two such names would show alike, and the text names
            // another file (as a rulebook file's, refused: parse25).
            if (!FileNames.namesItself(dir, entry)) {
                unreadable.put(path, new InvalidInputException("the stored outcome's name " + FileNames.NOT_UTF8
                        + " (or remove it and import the report again)", SourceLocation.ofFile(path)));
                continue;
            }
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                unreadable.put(path, new InvalidInputException("cannot read the stored outcome: " + Shown.why(e),
                        SourceLocation.ofFile(path), e));
                continue;
            }
            if (attributes.isDirectory()) {
                continue;
            }
            if (!attributes.isRegularFile()) {
                unreadable.put(path, new InvalidInputException("the stored outcome is "
                        + (attributes.isSymbolicLink() ? "a symbolic link" : "not a regular file")
                        + "; outcomes are regular files written by `planning import` and never read through"
                        + " links: remove it, or import the file it stands for", SourceLocation.ofFile(path)));
                continue;
            }
            if (total + attributes.size() > maxTotalBytes) {
                unreadable.put(path, new InvalidInputException("not read: the outcomes directory " + Shown.path(directory)
                        + " holds more than " + maxTotalBytes + " bytes of files; import fewer or smaller reports",
                        SourceLocation.ofFile(path)));
                continue;
            }
            try {
                byte[] content = bytes(entry, path);
                total += content.length;
                afterRead.accept(entry);
                files.add(new File(path, relative, content, Sha256.hex(content)));
            } catch (InvalidInputException e) {
                unreadable.put(path, e);
            }
        }
        return new OutcomeSnapshot(directory, files, unreadable);
    }

    /** The workspace-relative directory read. */
    public String directory() {
        return directory;
    }

    /** The files read, by path. */
    public List<File> files() {
        return files;
    }

    /** The files under {@code <directory>/<subdirectory>/} itself (not deeper), by path. */
    public List<File> filesIn(String subdirectory) {
        String prefix = subdirectory + "/";
        return files.stream().filter(f -> f.relative().startsWith(prefix)
                && f.relative().indexOf('/', prefix.length()) < 0).toList();
    }

    /** Entries that could not be read, by workspace-relative path, each as a located error. */
    public Map<String, InvalidInputException> unreadable() {
        return unreadable;
    }

    /** The SHA-256 of every file read, by workspace-relative path (sorted). */
    public Map<String, String> digests() {
        Map<String, String> digests = new LinkedHashMap<>();
        files.forEach(f -> digests.put(f.path(), f.sha256()));
        return digests;
    }

    /** Whether a segment of the relative path starts with a dot. */
    private static boolean hidden(String relative) {
        for (String segment : relative.split("/")) {
            if (segment.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> entries(Path dir, String directory) {
        try (Stream<Path> walk = Files.walk(dir, MAX_DEPTH)) {
            return walk.filter(p -> !p.equals(dir)).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException("cannot list " + Shown.path(directory) + ": " + Shown.why(e),
                    SourceLocation.ofFile(directory), e);
        }
    }

    /** The file's bytes, read at most {@link OutcomeFiles#MAX_BYTES} + 1, never through a link. */
    private static byte[] bytes(Path file, String path) {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] content = in.readNBytes((int) OutcomeFiles.MAX_BYTES + 1);
            if (content.length > OutcomeFiles.MAX_BYTES) {
                throw new InvalidInputException("the stored outcome exceeds " + OutcomeFiles.MAX_BYTES + " bytes",
                        SourceLocation.ofFile(path));
            }
            return content;
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the stored outcome: " + Shown.why(e),
                    SourceLocation.ofFile(path), e);
        }
    }
}
