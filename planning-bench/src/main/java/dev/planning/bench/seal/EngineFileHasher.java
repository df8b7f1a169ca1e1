package dev.planning.bench.seal;

import dev.planning.engine.internal.hash.Sha256;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The product's file hashing: {@link Sha256#files(List)}, the parallel hasher that both
 * {@code ManifestBuilder} (sealing) and {@code ManifestVerifier} (verifying) call for a
 * manifest's artifacts. Measuring it measures what sealing and verifying spend on hashing; the
 * rest of a seal (git revision, canonical JSON, signature) is per manifest, not per byte.
 *
 * @since 0.1
 */
public final class EngineFileHasher implements ArtifactHasher {

    @Override
    public Map<String, String> hash(Path root, List<String> files) {
        List<Path> paths = new ArrayList<>(files.size());
        files.forEach(f -> paths.add(root.resolve(f)));
        Map<Path, Sha256.FileDigest> digests = Sha256.files(paths);
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            out.put(files.get(i), digests.get(paths.get(i)).sha256());
        }
        return out;
    }
}
