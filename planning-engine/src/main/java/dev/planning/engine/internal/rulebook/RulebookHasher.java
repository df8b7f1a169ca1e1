package dev.planning.engine.internal.rulebook;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.workspace.FileNames;
import dev.planning.engine.internal.workspace.Shown;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The rulebook hash: SHA-256 over the {@code sha256sum} listing of every file in the rulebook
 * directory, sorted bytewise by path. Anyone can recompute it with coreutils:
 *
 * <pre>
 * (cd rulebook &amp;&amp; find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum
 * </pre>
 *
 * <p>That is: for each regular file, the line {@code <hex sha256><space><space>./<relative path><LF>};
 * lines ordered by the bytes of {@code ./<relative path>}; the hash is the SHA-256 of all lines
 * concatenated. Symbolic links, and names containing a backslash or a line break (which
 * {@code sha256sum} would escape), are refused so that the recipe and this class always agree.
 */
public final class RulebookHasher {

    private RulebookHasher() {
    }

    /** The most a rulebook directory may hold, all files together: it is read whole into memory. */
    public static final long MAX_TOTAL_BYTES = 64L * 1024 * 1024;

    /**
     * The most one rulebook file may hold, read from disk or from git objects alike: the bound a workspace
     * file is read to ({@code LayoutFiles.MAX_BYTES}, {@code GitRepository.MAX_READ_BYTES}).
     */
    public static final long MAX_FILE_BYTES = 32L * 1024 * 1024;

    /**
     * The sizes of one rulebook's files as they are read, from a directory or from git objects: a file over
     * {@link #MAX_FILE_BYTES}, or the files over {@link #MAX_TOTAL_BYTES} together, are refused with one message
     * wherever they are read from, located at the file, or the directory, as the reader names it.
     */
    public static final class Sizes {

        private final String shownDir;
        private long total;

        /**
         * The sizes of the files of one rulebook.
         *
         * @param shownDir the directory as its mistakes name it ({@code rulebook}, {@code origin/main:rulebook})
         */
        public Sizes(String shownDir) {
            this.shownDir = shownDir;
        }

        /**
         * Refuses a file of {@code bytes} before it is read, when it or the files so far with it would be over the
         * bounds; does not count it.
         *
         * @param relative the file relative to the directory ({@code rules/a.drl})
         * @param bytes its size
         * @throws InvalidInputException when it is over a bound
         */
        public void check(String relative, long bytes) {
            if (bytes > MAX_FILE_BYTES) {
                throw new InvalidInputException("rulebook file holds " + bytes + " bytes, over the "
                        + (MAX_FILE_BYTES >> 20) + " MiB a rulebook file may hold; expected settings, policies and"
                        + " rule tests only", SourceLocation.ofFile(shownFile(shownDir, relative)));
            }
            if (total + bytes > MAX_TOTAL_BYTES) {
                throw new InvalidInputException("rulebook holds more than " + (MAX_TOTAL_BYTES >> 20)
                        + " MiB in all; expected settings, policies and rule tests only", SourceLocation.ofFile(shownDir));
            }
        }

        /**
         * Checks a file's size as {@link #check} does, then counts it.
         *
         * @param relative the file relative to the directory
         * @param bytes its size
         * @throws InvalidInputException when it is over a bound
         */
        public void add(String relative, long bytes) {
            check(relative, bytes);
            total += bytes;
        }
    }

    /**
     * A rulebook directory read once: every file's exact bytes and the hash over those bytes, so
     * that whatever is taken from the snapshot (settings parsed, rules compiled) is what the hash
     * names, even when the directory changes meanwhile.
     *
     * @param files the files' bytes by {@code ./relative/path}, in the recipe's byte order
     * @param hash  the rulebook hash of exactly these bytes, lower-case hex
     */
    public record Snapshot(Map<String, byte[]> files, String hash) {

        public Snapshot {
            files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        }

        /**
         * The bytes of a file, relative to the rulebook directory ({@code rules/a.drl}), as read.
         *
         * @return empty when the snapshot holds no such file
         */
        public Optional<byte[]> content(String relative) {
            byte[] bytes = files.get("./" + relative);
            return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
        }
    }

    /** The rulebook hash of a directory, lower-case hex. */
    public static String hash(Path directory) {
        return read(directory).hash();
    }

    /**
     * Reads every file of a rulebook directory once and hashes those bytes.
     *
     * @throws InvalidInputException when a file is a symbolic link, has a name the recipe cannot
     *         list, cannot be read, or a file exceeds {@link #MAX_FILE_BYTES} or the files
     *         {@link #MAX_TOTAL_BYTES} together ({@link Sizes})
     */
    public static Snapshot read(Path directory) {
        return read(directory, FileNames.slashed(directory));
    }

    /**
     * As {@link #read(Path)}, an error naming the directory, or an entry in it, as {@code shown}
     * names the directory: as the user gave it, or relative to the workspace ({@code rulebook}).
     *
     * @throws InvalidInputException as {@link #read(Path)}
     */
    public static Snapshot read(Path directory, String shown) {
        List<String> paths = listFiles(directory, shown);
        Map<String, byte[]> files = new LinkedHashMap<>();
        Sizes sizes = new Sizes(shown);
        for (String relative : paths) {
            Path file = directory.resolve(relative.substring(2));
            byte[] bytes;
            try {
                // The size first, so an oversized file is never loaded whole; the bytes read then count (a file
                // that grows while it is read is read no further than one byte past the bound).
                sizes.check(relative.substring(2), Files.size(file));
                try (InputStream in = Files.newInputStream(file)) {
                    bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
                }
                sizes.add(relative.substring(2), bytes.length);
            } catch (IOException e) {
                throw new InvalidInputException("cannot read rulebook file " + Shown.path(relative) + ": " + Shown.why(e));
            }
            files.put(relative, bytes);
        }
        return of(files);
    }

    /**
     * The snapshot of a rulebook's files however they were read (from a directory, from git objects at
     * a commit): the one place the recipe's listing is built and hashed.
     *
     * @param files the files' bytes by {@code ./relative/path}, in any order
     * @throws InvalidInputException when a name has a line break or backslash (which {@code sha256sum}
     *         would escape), or the files exceed {@link #MAX_TOTAL_BYTES} together
     */
    public static Snapshot of(Map<String, byte[]> files) {
        List<String> paths = new ArrayList<>(files.keySet());
        paths.sort((a, b) -> Arrays.compareUnsigned(
                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        Map<String, byte[]> ordered = new LinkedHashMap<>();
        StringBuilder listing = new StringBuilder();
        long total = 0;
        for (String relative : paths) {
            if (!relative.startsWith("./") || relative.indexOf('\n') >= 0 || relative.indexOf('\r') >= 0
                    || relative.indexOf('\\') >= 0) {
                throw new InvalidInputException("rulebook file name contains a line break or backslash: "
                        + Shown.path(relative));
            }
            byte[] bytes = files.get(relative);
            total += bytes.length;
            if (total > MAX_TOTAL_BYTES) {
                throw new InvalidInputException("rulebook holds more than " + MAX_TOTAL_BYTES
                        + " bytes; expected settings, policies and rule tests only");
            }
            ordered.put(relative, bytes);
            listing.append(Sha256.hex(bytes)).append("  ").append(relative).append('\n');
        }
        return new Snapshot(ordered, Sha256.hex(listing.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** The refusal of a walk that failed with {@code e}, naming the entry it could not read and why in words. */
    static InvalidInputException cannotList(Path directory, String shown, IOException e) {
        String where = shown;
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            Path failed = Path.of(fs.getFile());
            if (failed.startsWith(directory) && !failed.equals(directory)) {
                where = shown + "/" + FileNames.slashed(directory.relativize(failed));
            }
        }
        return new InvalidInputException("cannot list rulebook directory " + Shown.path(shown)
                + (where.equals(shown) ? "" : ": cannot read " + Shown.path(where)) + " (" + Shown.reason(e)
                + "); expected a readable directory of settings, policies and rule tests; make it readable by the"
                + " user running planning", SourceLocation.ofFile(where), e);
    }

    /**
     * Refuses files read elsewhere (from git objects at a commit) that lie below a directory nested as deep
     * as a directory read from disk may not be ({@link #MAX_DEPTH}), with the same error at the same place:
     * git holds no empty directory, so a file below one is what shows it.
     *
     * @param snapshot the files
     * @param shownDir how errors name the rulebook directory ({@code main:rulebook}, {@code main:} for the
     *                 repository's root)
     * @throws InvalidInputException naming the first such directory in the recipe's order
     */
    public static void requireDepth(Snapshot snapshot, String shownDir) {
        for (String file : snapshot.files().keySet()) {
            String[] names = file.substring(2).split("/", -1);
            if (names.length > MAX_DEPTH) {
                throw tooDeep(String.join("/", Arrays.copyOf(names, MAX_DEPTH)), shownDir);
            }
        }
    }

    /**
     * How an error names a file of a rulebook shown as {@code shownDir}: {@code rulebook/rules/a.drl}, and
     * at a revision's root as git names it, {@code main:rules/a.drl} (never {@code main:/rules/a.drl}).
     *
     * @param shownDir how the rulebook directory is shown
     * @param relative the file, relative to it
     * @return the file's name in errors
     */
    public static String shownFile(String shownDir, String relative) {
        return shownDir.endsWith(":") ? shownDir + relative : shownDir + "/" + relative;
    }

    private static InvalidInputException tooDeep(String directory, String shown) {
        return new InvalidInputException("rulebook nests directories more than " + MAX_DEPTH
                + " levels deep at " + Shown.path("./" + directory) + "; expected settings, policies and rule tests"
                + " at most " + (MAX_DEPTH - 1) + " directories down", SourceLocation.ofFile(shownFile(shown, directory)));
    }

    /** How deep the walk goes; a directory at this depth is refused (its files would not be hashed). */
    static final int MAX_DEPTH = 16;

    /** The files of a rulebook as {@code ./relative/path}, in the recipe's byte order. */
    static List<String> listFiles(Path directory) {
        return listFiles(directory, FileNames.slashed(directory));
    }

    /** As {@link #listFiles(Path)}, errors naming the directory as {@code shown}. */
    static List<String> listFiles(Path directory, String shown) {
        List<String> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory, MAX_DEPTH, new FileVisitOption[0])) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                String relative = "./" + FileNames.slashed(directory.relativize(path));
                if (Files.isSymbolicLink(path)) {
                    throw new InvalidInputException("rulebook contains a symbolic link, which is not allowed: "
                            + Shown.path(relative));
                }
                // The walk stops at MAX_DEPTH: a directory there would be left out of the hash while
                // the documented coreutils recipe counts its files, so it is refused, not skipped.
                if (directory.relativize(path).getNameCount() >= MAX_DEPTH
                        && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    // As the rulebook is shown, never by the absolute path (review17).
                    throw tooDeep(FileNames.slashed(directory.relativize(path)), shown);
                }
                if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                // Only the names under the rulebook are looked at (msg43): a directory above it may hold a backslash.
                if (relative.indexOf('\n') >= 0 || relative.indexOf('\r') >= 0 || relative.indexOf('\\') >= 0) {
                    throw new InvalidInputException("rulebook file name contains a line break or backslash: "
                            + Shown.path(relative));
                }
                // Java lists a byte that is not UTF-8 as U+FFFD, a text that names another file (under LC_ALL=C,
                // none): such a file could be neither read by its listed name nor hashed as the recipe hashes it.
                if (!FileNames.namesItself(directory, path)) {
                    throw new InvalidInputException("rulebook file name " + Shown.path(relative) + " "
                            + FileNames.NOT_UTF8);
                }
                paths.add(relative);
            }
        } catch (IOException e) {
            throw cannotList(directory, shown, e);
        } catch (UncheckedIOException e) {
            // Files.walk reports a subdirectory it cannot list, or an entry it cannot stat, this way.
            throw cannotList(directory, shown, e.getCause());
        }
        paths.sort((a, b) -> Arrays.compareUnsigned(
                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        return paths;
    }
}
