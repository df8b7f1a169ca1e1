package dev.planning.rules.internal.drools;

import dev.planning.api.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A rulebook directory read once, with the rulebook hash of exactly the bytes read, so the
 * compiler compiles only bytes that hash to {@code Rulebook.hash()}. The hash is the documented
 * recipe (docs/rules.md): SHA-256 over the {@code sha256sum} listing of every regular file, sorted
 * bytewise by {@code ./relative/path}; symbolic links and names holding a line break or backslash
 * are refused. The engine's loader computes the same recipe ({@code RulebookHasher}); this module's
 * governance code may not use the engine (see {@code RulesLayeringTest}), and a test checks that
 * both agree.
 */
final class RulebookSnapshot {

    /** The most a rulebook directory may hold, all files together: it is read whole into memory. */
    static final long MAX_TOTAL_BYTES = 64L * 1024 * 1024;

    private final Map<String, byte[]> files;
    private final String hash;

    private RulebookSnapshot(Map<String, byte[]> files, String hash) {
        this.files = files;
        this.hash = hash;
    }

    /** The rulebook hash of the bytes read, lower-case hex. */
    String hash() {
        return hash;
    }

    /** The bytes of a file relative to the directory ({@code rules/a.drl}), as read; empty when absent. */
    Optional<byte[]> content(String relative) {
        byte[] bytes = files.get("./" + relative);
        return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
    }

    /**
     * Reads every file of a rulebook directory once.
     *
     * @throws InvalidInputException when a file is a symbolic link, has a name the recipe cannot
     *         list, cannot be read, or the files exceed {@link #MAX_TOTAL_BYTES} together
     */
    static RulebookSnapshot read(Path directory) {
        List<String> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory, 16)) {
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
            throw new InvalidInputException("cannot list the rulebook directory " + directory + ": " + e.getMessage());
        }
        paths.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        Map<String, byte[]> files = new LinkedHashMap<>();
        StringBuilder listing = new StringBuilder();
        long total = 0;
        for (String relative : paths) {
            Path file = directory.resolve(relative.substring(2));
            byte[] bytes;
            try {
                // The size first, so an oversized file is never loaded whole; the bytes read then count.
                if (total + Files.size(file) > MAX_TOTAL_BYTES) {
                    throw tooLarge(directory);
                }
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new InvalidInputException("cannot read rulebook file " + relative + ": " + e.getMessage());
            }
            total += bytes.length;
            if (total > MAX_TOTAL_BYTES) {
                throw tooLarge(directory);
            }
            files.put(relative, bytes);
            listing.append(sha256(bytes)).append("  ").append(relative).append('\n');
        }
        return new RulebookSnapshot(files, sha256(listing.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static InvalidInputException tooLarge(Path directory) {
        return new InvalidInputException("rulebook directory holds more than " + MAX_TOTAL_BYTES
                + " bytes; expected settings, policies and rule tests only: " + directory);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
