package dev.planning.bench.jmh;

import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.governance.GovernanceEngine;
import dev.planning.api.governance.GovernanceInput;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.bench.governance.PlainGovernanceEngine;
import dev.planning.bench.workload.WorkloadGenerator;
import dev.planning.bench.workload.WorkloadSpec;
import dev.planning.engine.internal.rulebook.RulebookLoader;
import dev.planning.rules.internal.defaults.DefaultRulebook;
import dev.planning.rules.internal.drools.DroolsGovernanceEngineFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * B2: governance alone, in memory: the Drools engine with the default rulebook against the same
 * policies in plain Java ({@link PlainGovernanceEngine}), on one plan of N tasks whose
 * cross-stream dependencies resolve against two other plans of N tasks. Both return equal
 * decisions (a unit test checks it, and the set-up refuses to measure otherwise): the same
 * violations with the same explanations (fix hints and compared values), waivers and input
 * digests.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// The same collector and fixed heap for both peers: ParallelGC's young collections are short and
// even where G1's concurrent work, starved of CPU on a loaded machine, turned into multi-second
// pauses inside an iteration (the B2 outliers; see docs/benchmarks/b2-b3-b4.md). A young generation
// of fixed size (no adaptive sizing) whose eden holds one 1 s iteration's garbage at every size, so
// that the full run's collection between iterations (-gc true) is the only one: with 2 GiB and
// adaptive sizing, eden (227-512 MiB, resized from fork to fork) was smaller than one Drools
// evaluation's garbage at 100,000 tasks, and each iteration paid one to four young collections
// copying the half-built session (10-213 MiB, 16-554 ms a pause), whose cost depended on where in
// the evaluation they fell: the B2 spread at 100,000 tasks (docs/benchmarks/b2-spread.md).
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Xms4g", "-Xmn3g", "-XX:+UseParallelGC", "-XX:-UseAdaptiveSizePolicy"})
public class GovernanceBenchmark {

    @Param({"1000", "10000", "100000"})
    public int tasks;

    private GovernanceInput input;
    private GovernanceEngine drools;
    private GovernanceEngine plain;
    private Path rulebookDir;

    @Setup
    public void setUp() throws IOException {
        WorkloadSpec spec = WorkloadSpec.of(3 * tasks, WorkloadSpec.DEFAULT_SEED).withMaxTasksPerPlan(tasks);
        Map<String, TaskBreakdown> plans = WorkloadGenerator.plans(spec, 0);
        TaskBreakdown fe = plans.get("fe");
        input = new GovernanceInput(new CycleRef("fe", fe.cycleId()), fe,
                Optional.of(WorkloadGenerator.storyMap(spec, 0, "fe")),
                Map.of("be", plans.get("be"), "design", plans.get("design")), List.of(), List.of(),
                LocalDate.of(2026, 1, 5));
        rulebookDir = Files.createTempDirectory("bench-rulebook");
        try {
            DefaultRulebook.copyTo(rulebookDir);
            Rulebook rulebook = RulebookLoader.load(rulebookDir);
            drools = new DroolsGovernanceEngineFactory().create(rulebook);
            plain = new PlainGovernanceEngine(rulebook);
            GovernanceDecision a = drools.evaluate(input);
            GovernanceDecision b = plain.evaluate(input);
            if (!a.equals(b)) {
                throw new IllegalStateException("the engines disagree: " + a.violations().size() + " vs "
                        + b.violations().size() + " violations");
            }
        } catch (RuntimeException e) {
            // JMH runs no tear-down after a failed set-up (e.g. the first evaluation over its time
            // limit on a loaded machine): the rulebook's copy would be left in the temp directory.
            BenchData.deleteTree(rulebookDir);
            throw e;
        }
    }

    @Benchmark
    public GovernanceDecision drools() {
        return drools.evaluate(input);
    }

    @Benchmark
    public GovernanceDecision plainJava() {
        return plain.evaluate(input);
    }

    @TearDown
    public void tearDown() throws IOException {
        BenchData.deleteTree(rulebookDir);
    }
}
