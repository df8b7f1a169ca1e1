package dev.planning.bench.governance;

import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.governance.GovernanceEngine;
import dev.planning.api.governance.GovernanceInput;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.bench.workload.WorkloadGenerator;
import dev.planning.bench.workload.WorkloadSpec;
import dev.planning.engine.internal.rulebook.RulebookLoader;
import dev.planning.rules.internal.defaults.DefaultRulebook;
import dev.planning.rules.internal.drools.DroolsGovernanceEngineFactory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * B2 as CPU time, for a loaded machine: the set-up of {@code GovernanceBenchmark} (one plan of N
 * tasks, two other plans for cross-stream references, the default rulebook), then rounds in which
 * the Drools engine and the plain-Java peer each evaluate it a few times, taking turns (which goes
 * first alternates), in one JVM. Per round it records each engine's process CPU time per evaluation
 * (every thread: the Drools worker, collections, compilation) and wall time, and the ratio of the
 * two engines' CPU; it prints the medians and ranges.
 *
 * <pre class="language-shell">
 * java -Xmx4g -Xms4g -Xmn3g -XX:+UseParallelGC -XX:-UseAdaptiveSizePolicy -cp planning-bench/target/benchmarks.jar \
 *     dev.planning.bench.governance.GovernanceCpu [tasks] [warm-up] [rounds] [per-round]
 * </pre>
 *
 * <p>Two builds are compared by running each build's jar in turn, several times. The CPU ratio of
 * one round is taken a few hundred milliseconds apart on the same JVM, so other work on the machine
 * moves it less than it moves wall-clock figures; only a quiet run of {@code GovernanceBenchmark}
 * gives the target's verdict (docs/BENCHMARKS.md).
 */
public final class GovernanceCpu {

    private GovernanceCpu() {
    }

    /**
     * Runs the measurement; arguments: tasks (default 10,000), warm-up evaluations per engine
     * (default 40), rounds (default 10), evaluations per engine and round (default 10).
     *
     * @param args the arguments, each optional
     * @throws IOException when the rulebook cannot be copied or loaded
     */
    public static void main(String[] args) throws IOException {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int perRound = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        WorkloadSpec spec = WorkloadSpec.of(3 * tasks, WorkloadSpec.DEFAULT_SEED).withMaxTasksPerPlan(tasks);
        Map<String, TaskBreakdown> plans = WorkloadGenerator.plans(spec, 0);
        TaskBreakdown fe = plans.get("fe");
        GovernanceInput input = new GovernanceInput(new CycleRef("fe", fe.cycleId()), fe,
                Optional.of(WorkloadGenerator.storyMap(spec, 0, "fe")),
                Map.of("be", plans.get("be"), "design", plans.get("design")), List.of(), List.of(),
                LocalDate.of(2026, 1, 5));
        Path dir = Files.createTempDirectory("governance-cpu");
        try {
            DefaultRulebook.copyTo(dir.resolve("rulebook"));
            Rulebook rulebook = RulebookLoader.load(dir.resolve("rulebook"));
            GovernanceEngine[] engines = {new DroolsGovernanceEngineFactory().create(rulebook),
                new PlainGovernanceEngine(rulebook)};
            if (!engines[0].evaluate(input).equals(engines[1].evaluate(input))) {
                throw new IllegalStateException("the engines disagree; nothing measured");
            }
            measure(engines, input, warmup, rounds, perRound, tasks);
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path path : walk.sorted(Collections.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void measure(GovernanceEngine[] engines, GovernanceInput input, int warmup, int rounds,
            int perRound, int tasks) throws IOException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String load = loadAverage();
        for (int i = 0; i < warmup; i++) {
            for (GovernanceEngine engine : engines) {
                engine.evaluate(input);
            }
        }
        List<List<Double>> cpu = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Double>> wall = List.of(new ArrayList<>(), new ArrayList<>());
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                int e = r % 2 == 0 ? k : 1 - k;
                System.gc();
                long cpu0 = os.getProcessCpuTime();
                long wall0 = System.nanoTime();
                for (int i = 0; i < perRound; i++) {
                    engines[e].evaluate(input);
                }
                wall.get(e).add((System.nanoTime() - wall0) / 1e6 / perRound);
                cpu.get(e).add((os.getProcessCpuTime() - cpu0) / 1e6 / perRound);
            }
            ratios.add(cpu.get(0).get(r) / cpu.get(1).get(r));
        }
        System.out.printf(Locale.ROOT, "B2 CPU, %,d tasks: %d rounds of %d evaluations per engine after %d warm-up%n",
                tasks, rounds, perRound, warmup);
        String[] names = {"drools", "plainJava"};
        for (int e = 0; e < 2; e++) {
            System.out.printf(Locale.ROOT, "  %-9s CPU %s ms, wall %s ms%n", names[e], summary(cpu.get(e)),
                    summary(wall.get(e)));
        }
        System.out.printf(Locale.ROOT, "  CPU ratio %sx%n", summary(ratios));
        System.out.println("  load average " + load + " at the start, " + loadAverage() + " at the end");
    }

    /** The median and the range. */
    private static String summary(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", median, sorted.get(0), sorted.get(n - 1));
    }

    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        if (!Files.isReadable(loadavg)) {
            return "unknown";
        }
        String[] fields = Files.readString(loadavg, StandardCharsets.UTF_8).trim().split(" ");
        return fields.length > 0 ? fields[0] : "unknown";
    }
}
