package dev.planning.bench.jmh;

import dev.planning.bench.seal.ArtifactCorpus;
import dev.planning.bench.seal.ArtifactHasher;
import dev.planning.bench.seal.EngineFileHasher;
import dev.planning.bench.seal.InMemoryHasher;
import dev.planning.bench.seal.Sha256sum;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B4: sealing and verifying 200 MiB of artifacts in 800 files (hashing every file; verifying also
 * compares with the sealed hashes), against {@code sha256sum} over the same files and the JDK's
 * SHA-256 over the same files' bytes already in the heap, hashed on as many threads as the engine
 * uses ({@link InMemoryHasher}: the CPU's limit for this work, reading left out). The files are in
 * the page cache after the first pass, as they are when a CI job seals what it just built.
 *
 * <p>The hasher is the engine's ({@link EngineFileHasher}: {@code Sha256.files}, which sealing and
 * verifying both call); {@link ArtifactHasher} is the seam it shares with {@code sha256sum}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SealBenchmark {

    private ArtifactCorpus corpus;
    private ArtifactHasher hasher;
    private ArtifactHasher sha256sum;
    private Map<String, String> sealed;
    private InMemoryHasher inMemory;

    @Setup
    public void setUp() {
        corpus = ArtifactCorpus.at(BenchData.dataDir().resolve("corpus-200m"));
        hasher = new EngineFileHasher();
        sha256sum = new Sha256sum();
        sealed = hasher.hash(corpus.root(), corpus.files());
        if (Sha256sum.available() && !sha256sum.hash(corpus.root(), corpus.files()).equals(sealed)) {
            throw new IllegalStateException("sha256sum and the hasher disagree on the corpus");
        }
        inMemory = InMemoryHasher.of(corpus);
        if (!inMemory.hashAll().equals(List.copyOf(sealed.values()))) {
            throw new IllegalStateException("the in-memory peer and the hasher disagree on the corpus");
        }
    }

    @Benchmark
    public Map<String, String> seal() {
        return hasher.hash(corpus.root(), corpus.files());
    }

    @Benchmark
    public boolean verify() {
        Map<String, String> actual = hasher.hash(corpus.root(), corpus.files());
        if (!actual.equals(sealed)) {
            throw new IllegalStateException("verification failed");
        }
        return true;
    }

    @Benchmark
    public Map<String, String> sha256sum() {
        return sha256sum.hash(corpus.root(), corpus.files());
    }

    @Benchmark
    public List<String> inMemorySha256() {
        return inMemory.hashAll();
    }
}
