package dev.planning.api.governance;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.TaskRef;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import java.time.LocalDate;
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

    /** Facts without declared contracts. */
    public GovernanceInput(CycleRef cycle, TaskBreakdown tasks, Optional<StoryMap> storyMap,
            Map<String, TaskBreakdown> otherStreams, List<GateResult> gateResults, List<Waiver> waivers,
            LocalDate today) {
        this(cycle, tasks, storyMap, otherStreams, gateResults, waivers, today, List.of());
    }
}
