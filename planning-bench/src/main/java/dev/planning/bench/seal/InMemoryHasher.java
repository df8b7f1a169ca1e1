package dev.planning.bench.seal;

import dev.planning.engine.internal.hash.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * B4's in-memory peer: the corpus's own files, read into the heap once (so the same bytes, the
 * same sizes, far more than any CPU cache holds), hashed the way {@link Sha256#files} hashes the
 * files (one digest per file, on as many threads as it uses: {@code min(files, processors, 8)}).
 * What it leaves out is exactly the reading: the rate {@link EngineFileHasher} reaches against this
 * one is the cost of getting the bytes from the page cache to the SHA-256 intrinsic.
 *
 * @since 0.1
 */
public final class InMemoryHasher {

    private final List<byte[]> contents;
    private final int threads;

    private InMemoryHasher(List<byte[]> contents) {
        this.contents = List.copyOf(contents);
        this.threads = Math.min(Math.min(contents.size(), Runtime.getRuntime().availableProcessors()), 8);
    }

    /** Reads every file of the corpus into the heap. */
    public static InMemoryHasher of(ArtifactCorpus corpus) {
        List<byte[]> contents = new ArrayList<>(corpus.files().size());
        for (String file : corpus.files()) {
            try {
                contents.add(Files.readAllBytes(corpus.root().resolve(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new InMemoryHasher(contents);
    }

    /** The threads it hashes on, as {@link Sha256#files} would for the corpus. */
    public int threads() {
        return threads;
    }

    /** The bytes it hashes per call. */
    public long bytes() {
        return contents.stream().mapToLong(c -> c.length).sum();
    }

    /** Each file's SHA-256 in hex, in the corpus's order, hashed in parallel as {@link Sha256#files} does. */
    public List<String> hashAll() {
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "sha256-memory");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<String>> futures = new ArrayList<>(contents.size());
            for (byte[] content : contents) {
                futures.add(pool.submit(() -> HexFormat.of().formatHex(Sha256.newDigest().digest(content))));
            }
            List<String> out = new ArrayList<>(futures.size());
            for (Future<String> future : futures) {
                out.add(future.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
