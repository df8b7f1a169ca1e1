package dev.planning.bench.jmh;

import dev.planning.api.WorkspaceLayout;
import dev.planning.bench.workload.Workload;
import dev.planning.bench.workload.WorkloadGenerator;
import dev.planning.bench.workload.WorkloadSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where benchmarks keep their data between runs: generated workloads and the seal corpus under
 * {@code -Dbench.data=DIR} (default {@code target/bench-data}), reused when already complete
 * because generation is deterministic; side results (peak heap) under {@code -Dbench.results=DIR}.
 */
final class BenchData {

    private BenchData() {
    }

    static Path dataDir() {
        return Path.of(System.getProperty("bench.data", "target/bench-data")).toAbsolutePath();
    }

    /** The workload for {@code spec}, generated into the data directory on first use. */
    static Workload workload(WorkloadSpec spec) {
        Path dir = dataDir().resolve("workloads").resolve(spec.key());
        Path marker = dir.resolve(".complete");
        if (!Files.exists(marker)) {
            try {
                Path staging = Files.createDirectories(dir.getParent()).resolve(spec.key() + ".partial");
                deleteTree(staging);
                deleteTree(dir);
                WorkloadGenerator.write(staging, spec);
                Files.writeString(staging.resolve(".complete"), spec.toString() + "\n");
                Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare workload " + spec.key(), e);
            }
        }
        List<dev.planning.api.lifecycle.CycleRef> cycles = WorkloadGenerator.cycles(spec);
        cycles.forEach(c -> {
            if (!Files.isRegularFile(dir.resolve(WorkspaceLayout.DEFAULT.taskBreakdown(c)))) {
                throw new IllegalStateException("workload " + dir + " lacks the plan of " + c + "; delete it to regenerate");
            }
        });
        return new Workload(dir, spec, cycles);
    }

    /** Peak heap use of this JVM so far, in bytes: the sum of the heap pools' peaks (an upper bound). */
    static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getPeakUsage)
                .mapToLong(u -> u == null ? 0 : u.getUsed())
                .sum();
    }

    /**
     * Heap in use right after a full collection ({@code System.gc()}, which the fork's collector
     * honours): what the operation's state keeps alive, its garbage gone. Summed over the heap
     * pools' usage after that collection, so it is a live size, not a sum of peaks.
     */
    static long heapAfterFullGc() {
        System.gc();
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getCollectionUsage)
                .mapToLong(u -> u == null ? 0 : u.getUsed())
                .sum();
    }

    /** Writes a side result next to JMH's, for the report. */
    static void writeResult(String name, String value) {
        Path dir = Path.of(System.getProperty("bench.results", "target/bench-results"));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name), value + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
