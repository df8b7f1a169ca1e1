package dev.planning.engine.rulebook;

import dev.planning.api.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
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
        MessageDigest listing = sha256();
        for (String relative : paths) {
            String line = fileHash(directory.resolve(relative.substring(2))) + "  " + relative + "\n";
            listing.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(listing.digest());
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

    private static String fileHash(Path file) {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rulebook file " + file, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    }
}
