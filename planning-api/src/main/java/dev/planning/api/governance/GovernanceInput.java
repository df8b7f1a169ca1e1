package dev.planning.api.governance;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskRef;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The facts a governance evaluation judges: the cycle's plan and story map, the other streams'
 * plans, the gate results so far, the waivers of the decision log, and the day to judge waiver
 * expiry against.
 *
 * <p>Build one in code with {@link #builder(CycleRef, LocalDate)}:
 * <pre>{@code
 * GovernanceInput input = GovernanceInput.builder(new CycleRef("fe", "2025-09-02"), LocalDate.of(2025, 9, 2))
 *         .tasks(Task.builder("FE-1", "Checkout").owner("alice").effort(21).build())
 *         .waiver(new Waiver("max-estimate", "FE-1", "split next cycle", "lead", LocalDate.of(2025, 9, 30)))
 *         .build();
 * }</pre>
 *
 * @param cycle        the cycle
 * @param tasks        its task breakdown
 * @param storyMap     its story map, when present
 * @param otherStreams other streams' task breakdowns by stream
 * @param gateResults  results of gates that ran before governance in this transition
 * @param waivers      the waivers of the cycle's decision log
 * @param today        the day waivers are judged against
 * @param contracts    cross-stream references the cycle declares as contracts or stubs
 *                     ({@code contracts/{cycle}-contracts.yaml}): they hold even where the other
 *                     stream's plan lacks the task
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record GovernanceInput(
        CycleRef cycle,
        TaskBreakdown tasks,
        Optional<StoryMap> storyMap,
        Map<String, TaskBreakdown> otherStreams,
        List<GateResult> gateResults,
        List<Waiver> waivers,
        LocalDate today,
        List<TaskRef> contracts) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param cycle the cycle
     * @param tasks its task breakdown
     * @param storyMap its story map, when present
     * @param otherStreams other streams' task breakdowns by stream
     * @param gateResults results of gates that ran before governance in this transition
     * @param waivers the waivers of the cycle's decision log
     * @param today the day waivers are judged against
     * @param contracts cross-stream references the cycle declares as contracts or stubs ({@code
     *                  contracts/{cycle}-contracts.yaml}): they hold even where the other stream's plan lacks
     *                  the task
     */
    public GovernanceInput {
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(storyMap, "storyMap");
        otherStreams = Collections.unmodifiableMap(new LinkedHashMap<>(otherStreams));
        gateResults = List.copyOf(gateResults);
        waivers = List.copyOf(waivers);
        Objects.requireNonNull(today, "today");
        contracts = List.copyOf(contracts);
    }

    /**
     * Facts without declared contracts.
     *
     * @param cycle the cycle
     * @param tasks its task breakdown
     * @param storyMap its story map, when present
     * @param otherStreams other streams' task breakdowns by stream
     * @param gateResults results of gates that ran before governance in this transition
     * @param waivers the waivers of the cycle's decision log
     * @param today the day waivers are judged against
     */
    public GovernanceInput(CycleRef cycle, TaskBreakdown tasks, Optional<StoryMap> storyMap,
            Map<String, TaskBreakdown> otherStreams, List<GateResult> gateResults, List<Waiver> waivers,
            LocalDate today) {
        this(cycle, tasks, storyMap, otherStreams, gateResults, waivers, today, List.of());
    }

    /**
     * A builder for the facts of one cycle judged on one day; the plan is empty until tasks are
     * added, and everything else is absent or empty.
     *
     * @param cycle the cycle, never {@code null}
     * @param today the day waivers are judged against, never {@code null}
     * @return a new builder
     */
    public static Builder builder(CycleRef cycle, LocalDate today) {
        return new Builder(cycle, today);
    }

    /**
     * Builds {@link GovernanceInput} values. Tasks added with {@link #tasks(Task...)} form the
     * cycle's plan ({@link TaskBreakdown#of}); {@link #plan(TaskBreakdown)} sets a plan as read
     * from a file instead. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final CycleRef cycle;
        private final LocalDate today;
        private TaskBreakdown plan;
        private final List<Task> tasks = new ArrayList<>();
        private StoryMap storyMap;
        private final Map<String, TaskBreakdown> otherStreams = new LinkedHashMap<>();
        private final List<GateResult> gateResults = new ArrayList<>();
        private final List<Waiver> waivers = new ArrayList<>();
        private final List<TaskRef> contracts = new ArrayList<>();

        private Builder(CycleRef cycle, LocalDate today) {
            this.cycle = Objects.requireNonNull(cycle, "cycle");
            this.today = Objects.requireNonNull(today, "today");
        }

        /**
         * Adds tasks to the cycle's plan, after those added before.
         *
         * @param more tasks to the cycle's plan, after those added before
         * @return this builder
         */
        public Builder tasks(Task... more) {
            return tasks(Arrays.asList(more));
        }

        /**
         * Adds tasks to the cycle's plan, after those added before.
         *
         * @param more tasks to the cycle's plan, after those added before
         * @return this builder
         */
        public Builder tasks(List<Task> more) {
            more.forEach(t -> tasks.add(Objects.requireNonNull(t, "task")));
            return this;
        }

        /**
         * Sets the cycle's plan as a whole (instead of adding tasks).
         *
         * @param value the cycle's plan as a whole (instead of adding tasks)
         * @return this builder
         */
        public Builder plan(TaskBreakdown value) {
            this.plan = Objects.requireNonNull(value, "plan");
            return this;
        }

        /**
         * Sets the cycle's story map.
         *
         * @param value the cycle's story map
         * @return this builder
         */
        public Builder storyMap(StoryMap value) {
            this.storyMap = Objects.requireNonNull(value, "storyMap");
            return this;
        }

        /**
         * Adds another stream's plan, made of these tasks, for cross-stream references.
         *
         * @param stream the other stream's name
         * @param streamTasks that stream's tasks
         * @return this builder
         */
        public Builder otherStream(String stream, Task... streamTasks) {
            Objects.requireNonNull(stream, "stream");
            return otherStream(TaskBreakdown.of(stream, cycle.cycleId(), Arrays.asList(streamTasks)));
        }

        /**
         * Adds another stream's plan, for cross-stream references.
         *
         * @param value another stream's plan, for cross-stream references
         * @return this builder
         */
        public Builder otherStream(TaskBreakdown value) {
            Objects.requireNonNull(value, "otherStream");
            otherStreams.put(value.stream(), value);
            return this;
        }

        /**
         * Adds the result of a gate that ran before governance.
         *
         * @param value the result of a gate that ran before governance
         * @return this builder
         */
        public Builder gateResult(GateResult value) {
            gateResults.add(Objects.requireNonNull(value, "gateResult"));
            return this;
        }

        /**
         * Adds a waiver of the decision log.
         *
         * @param value a waiver of the decision log
         * @return this builder
         */
        public Builder waiver(Waiver value) {
            waivers.add(Objects.requireNonNull(value, "waiver"));
            return this;
        }

        /**
         * Adds declared contracts, as written ({@code be:PLN-BE-001}).
         *
         * @param refs the contracts, as written
         * @return this builder
         */
        public Builder contracts(String... refs) {
            Arrays.stream(refs).map(TaskRef::parse).forEach(contracts::add);
            return this;
        }

        /**
         * The input.
         *
         * @return the input
         * @throws IllegalStateException when both a plan and separate tasks were given
         */
        public GovernanceInput build() {
            if (plan != null && !tasks.isEmpty()) {
                throw new IllegalStateException("give either plan(...) or tasks(...), not both");
            }
            TaskBreakdown judged = plan != null ? plan : TaskBreakdown.of(cycle.stream(), cycle.cycleId(), tasks);
            return new GovernanceInput(cycle, judged, Optional.ofNullable(storyMap), otherStreams, gateResults, waivers,
                    today, contracts);
        }
    }
}
