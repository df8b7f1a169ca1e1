package dev.planning.cli.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Every file under a directory with its SHA-256 (links by target), to show that a command wrote nothing. */
record TreeSnapshot(Map<String, String> files) {

    static TreeSnapshot of(Path root) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String name = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    files.put(name, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.put(name, sha256(p));
                } else {
                    files.put(name + "/", "dir");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TreeSnapshot(Map.copyOf(files));
    }

    /** The paths added, removed or changed between this snapshot and {@code after}. */
    SortedSet<String> changes(TreeSnapshot after) {
        SortedSet<String> changed = new TreeSet<>();
        for (var e : files.entrySet()) {
            if (!e.getValue().equals(after.files.get(e.getKey()))) {
                changed.add(e.getKey());
            }
        }
        for (String key : after.files.keySet()) {
            if (!files.containsKey(key)) {
                changed.add(key);
            }
        }
        return changed;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
