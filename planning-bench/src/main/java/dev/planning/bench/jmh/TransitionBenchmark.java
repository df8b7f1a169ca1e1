package dev.planning.bench.jmh;

import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.bench.lifecycle.BareAppends;
import dev.planning.bench.lifecycle.InMemoryEventStore;
import dev.planning.bench.lifecycle.Machines;
import dev.planning.bench.lifecycle.SpringLifecycle;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.engine.internal.lifecycle.LifecycleMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.statemachine.StateMachine;

/**
 * B3: lifecycle transitions, reported per transition. One operation takes a new cycle from
 * {@code PLANNED} through the six forward transitions to {@code COMPLETED}: in the engine in memory
 * (hash-chained log in memory, no gates), in the engine durably (the hash-chained JSON-lines file
 * log, forced to disk on every append), and in Spring Statemachine 4 (the same six states and
 * transitions, reactive API, reset to {@code PLANNED} after each cycle). The engine's in-memory
 * operation also records the cycle's creation, which Spring has no counterpart for.
 *
 * <p>The durable single-writer case ({@link #engineDurable}) times the six transitions of a cycle
 * created just before, outside the timed part ({@link CreatedCycle}): creating a log costs an
 * append and a force of its directory (the new file's name must survive a crash too), and is not a
 * transition. So each timed transition is one append and one sync ({@code fdatasync}: the data
 * and the file's new size), and its rate is set against {@code 1 / fsync latency} as
 * {@code dd oflag=dsync} measures it (a synchronous write that also grows its file).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TransitionBenchmark {

    private static final int TRANSITIONS = 6;
    /** Cycles moved at once in the concurrent durable case. */
    static final int CONCURRENT_CYCLES = 8;

    private InMemoryEventStore memory;
    private LifecycleMachine inMemory;
    private LifecycleMachine durable;
    private StateMachine<CycleState, String> spring;
    private Path workspace;
    private final AtomicLong cycles = new AtomicLong();

    @Setup
    public void setUp() throws IOException {
        memory = new InMemoryEventStore();
        inMemory = Machines.withoutGates(memory);
        Path data = Files.createDirectories(BenchData.dataDir());
        // On the data directory's file system, not /tmp, which may be memory-backed and never sync.
        workspace = Files.createTempDirectory(data, "transitions");
        durable = Machines.withoutGates(new FileEventStore(workspace));
        spring = SpringLifecycle.build();
    }

    @Benchmark
    @OperationsPerInvocation(TRANSITIONS)
    public CycleState engineInMemory() {
        CycleRef cycle = new CycleRef("fe", "C-" + cycles.getAndIncrement());
        CycleState state = Machines.runCycle(inMemory, cycle);
        memory.forget(cycle);
        return state;
    }

    @Benchmark
    @OperationsPerInvocation(TRANSITIONS)
    public CycleState engineDurable(CreatedCycle created) {
        return Machines.advanceToCompleted(durable, created.cycle);
    }

    /** A durable cycle created (and its log's directory entry forced) before each timed operation. */
    @State(Scope.Thread)
    public static class CreatedCycle {

        CycleRef cycle;

        @Setup(Level.Invocation)
        public void create(TransitionBenchmark bench) {
            cycle = new CycleRef("fe", "C-" + bench.cycles.getAndIncrement());
            bench.durable.create(cycle);
        }
    }

    /**
     * The floor of {@link #engineDurable}, measured as it is: the same disk work without the
     * engine ({@link BareAppends}: per operation a new log in the same kind of directory, created
     * and forced outside the timed part, then six appends of a transition's length, each reading
     * the file to its end and forced with {@code fdatasync}). {@code dd}'s probe in
     * {@code bench/run.sh} takes 200 writes in a few tens of milliseconds; this takes the same
     * forks, iterations and set-up as the writer, so both meet the same moments of the disk.
     */
    @Benchmark
    @OperationsPerInvocation(TRANSITIONS)
    public Path bareDurable(CreatedBareLog created) throws IOException {
        for (int i = 0; i < TRANSITIONS; i++) {
            created.bare.append(created.log);
        }
        return created.log;
    }

    /** A bare log created (and its directory forced) before each timed operation, as {@link CreatedCycle}. */
    @State(Scope.Thread)
    public static class CreatedBareLog {

        BareAppends bare;
        Path log;

        @Setup(Level.Trial)
        public void open(TransitionBenchmark bench) throws IOException {
            bare = new BareAppends(Files.createDirectories(bench.workspace.resolve("frameworks/planning-bare/events")));
        }

        @Setup(Level.Invocation)
        public void create(TransitionBenchmark bench) throws IOException {
            log = bare.create("C-" + bench.cycles.getAndIncrement());
        }
    }

    /**
     * Durable transitions of {@value #CONCURRENT_CYCLES} cycles at once (say, a CI server moving
     * many teams' cycles), each append still forced before it returns: the file system's journal
     * commits concurrent forces together, so throughput is not bounded by one fsync latency.
     */
    @Benchmark
    @OperationsPerInvocation(TRANSITIONS)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(CONCURRENT_CYCLES)
    public CycleState engineDurableConcurrent() {
        return Machines.runCycle(durable, new CycleRef("fe", "C-" + cycles.getAndIncrement()));
    }

    @Benchmark
    @OperationsPerInvocation(TRANSITIONS)
    public CycleState springStatemachine() {
        return SpringLifecycle.runCycle(spring);
    }

    @TearDown
    public void tearDown() throws IOException {
        spring.stopReactively().block();
        BenchData.deleteTree(workspace);
    }
}
