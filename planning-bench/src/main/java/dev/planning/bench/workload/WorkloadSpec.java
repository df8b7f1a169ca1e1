package dev.planning.bench.workload;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What to generate: how many tasks in all, from which seed, split across which streams, and how
 * large one plan (one stream's task breakdown for one cycle) may grow before the stream's tasks
 * spill into its next cycle.
 *
 * <p>Plans are capped because the engine refuses planning files over 8 MiB
 * ({@code YamlDocuments.MAX_BYTES}); 2,000 tasks make a plan of about 0.9 MB, so a workload of
 * 100,000 tasks is 17 cycles of three streams. Cross-stream dependencies stay within a cycle id,
 * the way the engine pairs a cycle with the other streams' plans.
 *
 * @param tasks          total number of tasks, at least 3 (one per stream)
 * @param seed           the random seed: the same spec always writes the same bytes
 * @param streams        stream names, in order; at least two, so that cross-stream dependencies exist
 * @param maxTasksPerPlan the most tasks one stream's plan for one cycle may hold
 * @param firstCycle     the first cycle's date (cycle ids are dates, 14 days apart)
 * @param crossStreamShare the share of dependencies that point into another stream, 0..1
 * @param warningShare   the share of tasks that carry a non-critical governance violation, 0..1
 * @since 0.1
 */
public record WorkloadSpec(int tasks, long seed, List<String> streams, int maxTasksPerPlan, LocalDate firstCycle,
        double crossStreamShare, double warningShare) {

    /** The streams of the issue: frontend, backend and design. */
    public static final List<String> STREAMS = List.of("fe", "be", "design");

    /** The seed {@code bench/run.sh} uses. */
    public static final long DEFAULT_SEED = 20_260_105L;

    /** The plan size cap used unless told otherwise. */
    public static final int DEFAULT_MAX_TASKS_PER_PLAN = 2_000;

    public WorkloadSpec {
        streams = List.copyOf(streams);
        Objects.requireNonNull(firstCycle, "firstCycle");
        if (streams.size() < 2) {
            throw new IllegalArgumentException("a workload needs at least two streams, got " + streams);
        }
        if (tasks < streams.size()) {
            throw new IllegalArgumentException("a workload needs at least one task per stream, got " + tasks);
        }
        if (maxTasksPerPlan < 10) {
            throw new IllegalArgumentException("maxTasksPerPlan must be at least 10, got " + maxTasksPerPlan);
        }
        if (!(crossStreamShare >= 0 && crossStreamShare <= 1) || !(warningShare >= 0 && warningShare <= 1)) {
            throw new IllegalArgumentException("shares must lie in 0..1");
        }
    }

    /**
     * The workload: {@code tasks} tasks across fe, be and design, 10% of dependencies
     * cross-stream, 1% of tasks with a non-critical (warning) violation, so every gate passes.
     */
    public static WorkloadSpec of(int tasks, long seed) {
        return new WorkloadSpec(tasks, seed, STREAMS, DEFAULT_MAX_TASKS_PER_PLAN, LocalDate.of(2026, 1, 5), 0.10, 0.01);
    }

    /** The same spec with another plan size cap. */
    public WorkloadSpec withMaxTasksPerPlan(int value) {
        return new WorkloadSpec(tasks, seed, streams, value, firstCycle, crossStreamShare, warningShare);
    }

    /** How many cycles each stream's tasks are spread over. */
    public int cyclesPerStream() {
        int perStream = (tasks + streams.size() - 1) / streams.size();
        return (perStream + maxTasksPerPlan - 1) / maxTasksPerPlan;
    }

    /** A short name for directories: {@code n10000-s20260105}. */
    public String key() {
        return "n" + tasks + "-s" + seed + "-p" + maxTasksPerPlan;
    }
}
