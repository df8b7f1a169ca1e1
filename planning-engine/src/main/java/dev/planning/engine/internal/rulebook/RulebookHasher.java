package dev.planning.engine.internal.rulebook;

import dev.planning.api.InvalidInputException;
import dev.planning.engine.internal.hash.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

    /** The rulebook hash of a directory, lower-case hex. */
    public static String hash(Path directory) {
        List<String> paths = listFiles(directory);
        List<Path> files = paths.stream().map(relative -> directory.resolve(relative.substring(2))).toList();
        Map<Path, Sha256.FileDigest> digests = Sha256.files(files);
        StringBuilder listing = new StringBuilder();
        for (int i = 0; i < paths.size(); i++) {
            listing.append(digests.get(files.get(i)).sha256()).append("  ").append(paths.get(i)).append('\n');
        }
        return Sha256.hex(listing.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The files of a rulebook as {@code ./relative/path}, in the recipe's byte order. */
    static List<String> listFiles(Path directory) {
        List<String> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory, 16, new FileVisitOption[0])) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                String relative = "./" + directory.relativize(path).toString().replace('\\', '/');
                if (Files.isSymbolicLink(path)) {
                    throw new InvalidInputException("rulebook contains a symbolic link, which is not allowed: " + relative);
                }
                if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (relative.indexOf('\n') >= 0 || relative.indexOf('\r') >= 0 || path.toString().indexOf('\\') >= 0) {
                    throw new InvalidInputException("rulebook file name contains a line break or backslash: "
                            + relative.replaceAll("\\p{Cntrl}", "?"));
                }
                paths.add(relative);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list rulebook directory " + directory, e);
        }
        paths.sort((a, b) -> Arrays.compareUnsigned(
                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        return paths;
    }
}
