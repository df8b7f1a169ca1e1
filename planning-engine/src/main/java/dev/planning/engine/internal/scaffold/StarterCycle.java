package dev.planning.engine.internal.scaffold;

import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.Activity;
import dev.planning.api.artifact.Priority;
import dev.planning.api.artifact.ReleaseSlice;
import dev.planning.api.artifact.Story;
import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.Tag;
import dev.planning.api.artifact.Tags;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskKind;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.artifact.StoryMapWriter;
import dev.planning.engine.internal.artifact.TaskBreakdownWriter;
import dev.planning.engine.internal.lint.Placeholders;
import dev.planning.engine.internal.workspace.SafePaths;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The files {@code planning init} writes for a new cycle: a task breakdown with one epic and one
 * task, and a story map with one activity and one story, linked to each other and valid under
 * the default rulebook. Its placeholders (owner {@code change-me}, the description and the
 * acceptance criterion) are lint errors until edited, so an unedited starter never passes a gate.
 */
public final class StarterCycle {

    private StarterCycle() {
    }

    /** The starter task breakdown. */
    public static TaskBreakdown taskBreakdown(CycleRef cycle, WorkspaceLayout layout, Clock clock) {
        String prefix = cycle.stream().toUpperCase(Locale.ROOT);
        Tags tags = new Tags(List.of(Tag.parse("criticality:2"), Tag.parse("compliance:none")));
        // The default rulebook's unit_coverage_min asks every plan to state its coverage target.
        Tags epicTags = new Tags(List.of(Tag.parse("criticality:2"), Tag.parse("compliance:none"),
                Tag.parse("unit_coverage_target:80")));
        Task epic = Task.builder(prefix + "-1", "First epic of " + cycle.cycleId())
                .kind(TaskKind.EPIC)
                .owner(Placeholders.OWNER)
                .tags(epicTags)
                .priority(Priority.P1)
                .build();
        Task task = Task.builder(prefix + "-2", "First task")
                .parent(epic.id())
                .description(Placeholders.DESCRIPTION)
                .owner(Placeholders.OWNER)
                .tags(tags)
                .priority(Priority.P1)
                .effort(BigDecimal.valueOf(3))
                .acceptanceCriteria(List.of(Placeholders.CRITERION))
                .storyNodes(List.of("S-1"))
                .build();
        return new TaskBreakdown("1.0.0", cycle.cycleId(), cycle.stream(),
                Optional.of(OffsetDateTime.now(clock).withNano(0).withOffsetSameInstant(ZoneOffset.UTC)),
                List.of(epic, task), layout.taskBreakdown(cycle));
    }

    /** The starter story map. */
    public static StoryMap storyMap(CycleRef cycle, WorkspaceLayout layout) {
        String path = layout.storyMap(cycle);
        Story story = new Story("S-1", "First user story", Optional.of("walking-skeleton"), SourceLocation.ofFile(path));
        return new StoryMap("1.0.0", cycle.cycleId(), cycle.stream(), "Story map of " + cycle,
                List.of(new Activity("A-1", "First activity", List.of(story))),
                List.of(new ReleaseSlice("walking-skeleton", "Walking skeleton")),
                "# Story map of " + cycle + "\n\nDescribe the users, their journey and why this cycle matters.\n",
                path);
    }

    /**
     * Writes both files, refusing to replace existing ones.
     *
     * @return the workspace-relative paths written
     */
    public static List<String> write(Path workspace, CycleRef cycle, WorkspaceLayout layout, Clock clock) {
        List<String> written = new ArrayList<>();
        TaskBreakdown plan = taskBreakdown(cycle, layout, clock);
        TaskBreakdownWriter.writeNew(SafePaths.resolve(workspace, plan.source()), plan);
        written.add(plan.source());
        StoryMap map = storyMap(cycle, layout);
        StoryMapWriter.writeNew(SafePaths.resolve(workspace, map.source()), map);
        written.add(map.source());
        return written;
    }
}
