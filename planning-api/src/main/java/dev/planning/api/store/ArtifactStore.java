package dev.planning.api.store;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Reads and writes a workspace's files by workspace-relative path ({@code /}-separated).
 *
 * <p>Implementations reject paths that are absolute, contain {@code ..}, or resolve (through
 * symbolic links) outside the workspace, with {@link dev.planning.api.InvalidInputException}.
 * Writes are atomic: a reader sees the old content or the new, never a mix.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ArtifactStore {

    /**
     * The file's bytes, or empty when it does not exist.
     *
     * @param path the workspace-relative path
     * @return the file's bytes, or empty when it does not exist
     * @throws dev.planning.api.PlanningException when the file exists but cannot be read; the workspace's
     *     own files ({@code FileArtifactStore}): also when it is over 32 MiB, which is not read
     */
    Optional<byte[]> read(String path);

    /**
     * Whether the file exists.
     *
     * @param path the workspace-relative path
     * @return whether the file exists
     */
    boolean exists(String path);

    /**
     * Replaces (or creates) the file atomically.
     *
     * @param path the workspace-relative path
     * @param content the file's new bytes
     */
    void write(String path, byte[] content);

    /**
     * Creates the file atomically, refusing to replace an existing one (for sealed manifests).
     *
     * @param path the workspace-relative path
     * @param content the file's bytes
     * @throws dev.planning.api.InvalidInputException when the file already exists
     */
    void writeOnce(String path, byte[] content);

    /**
     * The files directly under a directory, as workspace-relative paths, sorted.
     *
     * @param directory the workspace-relative directory
     * @return the files directly under a directory, as workspace-relative paths, sorted
     */
    List<String> list(String directory);
}
