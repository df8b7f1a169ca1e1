package dev.planning.bench.seal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The seam the seal benchmark measures: hash every listed file of a directory with SHA-256.
 * Sealing a handoff manifest is this plus writing the manifest; verifying is this plus comparing.
 *
 * <p>Until the engine's sealing code is merged, {@link JdkParallelHasherPlaceholder} stands in;
 * afterwards this seam is pointed at the engine's parallel file hasher so that the benchmark
 * measures the product.
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
