package dev.planning.bench.seal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The seam the seal benchmark measures: hash every listed file of a directory with SHA-256.
 * Sealing a handoff manifest is this plus writing the manifest; verifying is this plus comparing.
 *
 * <p>{@link EngineFileHasher} is the product's (the engine's parallel file hasher); {@link Sha256sum}
 * is the command-line peer.
 *
 * @since 0.1
 */
public interface ArtifactHasher {

    /**
     * Hashes files.
     *
     * @param root  the directory the paths are relative to
     * @param files workspace-relative paths
     * @return path to lower-case hex SHA-256, in the order of {@code files}
     */
    Map<String, String> hash(Path root, List<String> files);
}
