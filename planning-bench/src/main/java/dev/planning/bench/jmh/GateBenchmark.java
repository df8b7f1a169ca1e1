package dev.planning.bench.jmh;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.bench.workload.Workload;
import dev.planning.bench.workload.WorkloadSpec;
import dev.planning.engine.Planning;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B1: every READY_FOR_HANDOFF gate of the rulebook's profiles (schema lint, governance, and the
 * cross-stream and parity gates once registered) over a whole synthetic workspace of N tasks,
 * warm: one operation dry-runs {@code PLANNED -> READY_FOR_HANDOFF} for every stream's plan of
 * every cycle, reading the files each time as the CLI would. The fork runs with a 1 GiB heap.
 *
 * <p>Heap, written for the report: {@code heap-live-B1-<N>.txt}, the most heap in use just after
 * any collection during the iterations ({@link LiveHeap}: the live size the 1 GiB budget is about,
 * counted generously: after a young collection, old objects not yet examined count too);
 * {@code heap-retained-B1-<N>.txt}, the heap in use after the full collection forced at the end of
 * each iteration (what the workspace keeps between operations; the largest); and
 * {@code heap-B1-<N>.txt}, the sum of the heap pools' peaks (an upper bound, garbage included).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Xms1g"})
public class GateBenchmark {

    @Param({"1000", "10000", "100000"})
    public int tasks;

    private PlanningWorkspace workspace;
    private List<CycleRef> cycles;
    private LiveHeap liveHeap;
    private long liveAfterIteration;

    @Setup
    public void setUp() {
        Workload workload = BenchData.workload(WorkloadSpec.of(tasks, WorkloadSpec.DEFAULT_SEED));
        workspace = Planning.builder().workspace(workload.root()).build();
        cycles = workload.cycles();
        // A gate that fails would make the benchmark measure a refusal: check once that all pass.
        for (CycleRef cycle : cycles) {
            for (GateResult result : workspace.dryRun(cycle, CycleState.READY_FOR_HANDOFF)) {
                if (!result.passed()) {
                    throw new IllegalStateException(cycle + ": gate " + result.gate() + " failed: " + result.findings());
                }
            }
        }
    }

    /** All gates of every plan, one plan after another. */
    @Benchmark
    public int allGates() {
        int results = 0;
        for (CycleRef cycle : cycles) {
            results += workspace.dryRun(cycle, CycleState.READY_FOR_HANDOFF).size();
        }
        return results;
    }

    /** All gates of every plan, plans in parallel on the common pool (as a CI job over many plans could). */
    @Benchmark
    public int allGatesParallel() {
        return cycles.parallelStream()
                .mapToInt(cycle -> workspace.dryRun(cycle, CycleState.READY_FOR_HANDOFF).size())
                .sum();
    }

    /** Listens to the collections of the measured iterations (warm-up included: the most is kept). */
    @Setup(Level.Iteration)
    public void listen() {
        if (liveHeap == null) {
            liveHeap = new LiveHeap();
        }
    }

    /** The heap the workspace keeps alive between operations: after a full collection. */
    @TearDown(Level.Iteration)
    public void collect() {
        liveAfterIteration = Math.max(liveAfterIteration, BenchData.heapAfterFullGc());
    }

    @TearDown
    public void recordHeap() {
        BenchData.writeResult("heap-B1-" + tasks + ".txt", Long.toString(BenchData.peakHeapBytes()));
        BenchData.writeResult("heap-retained-B1-" + tasks + ".txt", Long.toString(liveAfterIteration));
        long live = Math.max(liveAfterIteration, liveHeap == null ? 0 : liveHeap.maxAfterGc());
        BenchData.writeResult("heap-live-B1-" + tasks + ".txt", Long.toString(live));
        if (liveHeap != null) {
            liveHeap.close();
        }
    }
}
