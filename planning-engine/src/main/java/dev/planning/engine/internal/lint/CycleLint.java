package dev.planning.engine.internal.lint;

import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Severity;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What linting one cycle found, and the artifacts it could read along the way (so that callers
 * building a gate context need not read the files twice).
 *
 * @param cycle        the cycle
 * @param filesChecked workspace-relative paths of the files that exist and were checked
 * @param findings     every finding, sorted by file, line and column
 * @param tasks        the task breakdown, when it exists and is valid
 * @param storyMap     the story map, when it exists and is valid
 * @param waivers      the decision log's waivers; empty when it is absent or invalid
 */
public record CycleLint(
        CycleRef cycle,
        List<String> filesChecked,
        List<Finding> findings,
        Optional<TaskBreakdown> tasks,
        Optional<StoryMap> storyMap,
        List<Waiver> waivers) {

    public CycleLint {
        Objects.requireNonNull(cycle, "cycle");
        filesChecked = List.copyOf(filesChecked);
        findings = List.copyOf(findings);
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(storyMap, "storyMap");
        waivers = List.copyOf(waivers);
    }

    /** Whether no finding is an error. */
    public boolean passed() {
        return findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
    }
}
