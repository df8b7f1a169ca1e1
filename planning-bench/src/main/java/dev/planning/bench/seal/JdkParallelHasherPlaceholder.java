package dev.planning.bench.seal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PLACEHOLDER for the engine's sealing hasher (issue 4), which was not merged when this
 * benchmark was written: the JDK's SHA-256 ({@link MessageDigest}, which uses the CPU's SHA
 * instructions) over each file read through a {@link FileChannel} into a per-thread 1 MiB buffer,
 * files hashed in parallel on the common fork-join pool.
 *
 * <p>Replace it with the engine's hasher once merged (see {@code docs/BENCHMARKS.md}); it is kept
 * only so that B4 has something of the same shape to measure.
 *
 * @since 0.1
 */
public final class JdkParallelHasherPlaceholder implements ArtifactHasher {

    private static final int BUFFER = 1 << 20;
    private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(() -> ByteBuffer.allocate(BUFFER));

    @Override
    public Map<String, String> hash(Path root, List<String> files) {
        List<String> hashes = files.parallelStream().map(f -> sha256(root.resolve(f))).toList();
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            out.put(files.get(i), hashes.get(i));
        }
        return out;
    }

    private static String sha256(Path file) {
        MessageDigest digest = newDigest();
        ByteBuffer buffer = BUFFERS.get();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            buffer.clear();
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                digest.update(buffer.array(), 0, buffer.limit());
                buffer.clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
