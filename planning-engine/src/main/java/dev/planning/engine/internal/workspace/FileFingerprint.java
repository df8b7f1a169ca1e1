package dev.planning.engine.internal.workspace;

import dev.planning.api.PlanningException;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.hash.JudgedReads;
import dev.planning.engine.internal.hash.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * One SHA-256 over a set of workspace files: each path, whether it exists, and the SHA-256 of its
 * bytes. Two equal fingerprints mean the same files with the same contents, so whatever was
 * computed from them (a lint, a gate's result) may be reused. The bytes are read every time,
 * because modification times are too coarse to see an edit that quickly follows another.
 *
 * <pre>{@code
 * Optional<byte[]> before = FileFingerprint.of(workspace, List.of("fe/plan.yaml", "fe/story-map.md"));
 * }</pre>
 */
public final class FileFingerprint {

    private FileFingerprint() {
    }

    /**
     * The fingerprint of the files, or empty when one cannot be taken: a path that is unsafe, a
     * file that cannot be read or is not a regular file, or one larger than the planning-file
     * limit ({@link YamlDocuments#MAX_BYTES}). Callers then compute without reuse, and the reader
     * reports the problem as usual.
     */
    public static Optional<byte[]> of(Path workspace, List<String> paths) {
        MessageDigest digest = Sha256.newDigest();
        try {
            for (String path : paths) {
                digest.update(path.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                Path file = SafePaths.resolve(workspace, path);
                // A file that cannot be examined (under a directory that may not be searched) is no
                // fingerprint, never "absent": a memo of the file's absence would be reused.
                Optional<BasicFileAttributes> attributes = DirectoryEntries.attributes(workspace, file, "");
                if (attributes.isEmpty()) {
                    digest.update((byte) 0);
                    continue;
                }
                if (!attributes.get().isRegularFile() || Files.size(file) > YamlDocuments.MAX_BYTES) {
                    return Optional.empty();
                }
                digest.update((byte) 1);
                byte[] sha256 = Sha256.digest(Files.readAllBytes(file));
                // The lint memo's report stands for these bytes when it is reused: they are what was judged.
                JudgedReads.readDigest(file, sha256);
                digest.update(sha256);
            }
        } catch (IOException | PlanningException e) {
            return Optional.empty();
        }
        return Optional.of(digest.digest());
    }
}
