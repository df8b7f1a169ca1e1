package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A sealed artifact: its workspace-relative path, its SHA-256 and its size.
 *
 * @param path   normalized, relative, {@code /}-separated, inside the workspace
 * @param sha256 lower-case hex SHA-256 of the file's bytes
 * @param bytes  the file's size
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record ArtifactChecksum(String path, String sha256, long bytes) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param path normalized, relative, {@code /}-separated, inside the workspace
     * @param sha256 lower-case hex SHA-256 of the file's bytes
     * @param bytes the file's size
     */
    public ArtifactChecksum {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
        if (!HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits: " + sha256);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0");
        }
    }
}
