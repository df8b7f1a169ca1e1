package dev.planning.engine.internal.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.Activity;
import dev.planning.api.artifact.Controls;
import dev.planning.api.artifact.Priority;
import dev.planning.api.artifact.ReleaseSlice;
import dev.planning.api.artifact.Story;
import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.Tag;
import dev.planning.api.artifact.Tags;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskKind;
import dev.planning.api.artifact.TaskRef;
import dev.planning.api.artifact.TaskStatus;
import dev.planning.engine.fixtures.Plans;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WritersRoundTripTest {

    @TempDir
    Path workspace;

    private static TaskBreakdown plan() {
        Task epic = Task.builder("FE-1", "Checkout: redesign").kind(TaskKind.EPIC).owner("alice")
                .tags(new Tags(List.of(Tag.parse("Risk:Low"), Tag.parse("Release")))).build();
        Task task = Task.builder("FE-12", "yes").parent("FE-1").owner("bob").priority(Priority.P0)
                .effort(new BigDecimal("2.5")).status(TaskStatus.BLOCKED)
                .tags(new Tags(List.of(new Tag("criticality", Optional.of("0")))))
                .dependencies(List.of(TaskRef.parse("FE-1"), TaskRef.parse("be:PLN-BE-001")))
                .acceptanceCriteria(List.of("true", "123", "null"))
                .due(LocalDate.of(2025, 9, 12)).storyNodes(List.of("S-1")).artifacts(List.of("src/a.ts"))
                .description("line one\nline two").origin("digest 2025-08-26").risk("high").plannedIn("sprint 3")
                .controls(new Controls(List.of("a", "b", "c"), Optional.of("ARB-7"), Optional.of("carol"),
                        Optional.of("feature flag"), Optional.of("enhanced"), true, Optional.empty()))
                .build();
        return new TaskBreakdown("1.0.0", "2025-09-02", "fe",
                Optional.of(OffsetDateTime.parse("2025-09-01T09:00:00Z")), List.of(epic, task), "x");
    }

    @Test
    void aWrittenTaskBreakdownReadsBackToTheSamePlan() throws Exception {
        Path file = workspace.resolve(Plans.TASKS_PATH);

        TaskBreakdownWriter.writeNew(file, plan());
        ReadResult<TaskBreakdown> read = new TaskBreakdownReader().read(file, Plans.TASKS_PATH);

        assertThat(read.findings()).isEmpty();
        assertThat(read.model().orElseThrow()).usingRecursiveComparison()
                .ignoringFields("source", "tasks.location", "tasks.fieldLocations")
                .isEqualTo(plan());
        assertThat(Files.readString(file)).startsWith(
                "# yaml-language-server: $schema=https://planning.dev/schemas/task-breakdown/1.0.json\n");
    }

    @Test
    void scaffoldingRefusesToOverwriteAnExistingPlan() throws Exception {
        Path file = Plans.write(workspace, Plans.TASKS_PATH, "mine");

        assertThatThrownBy(() -> TaskBreakdownWriter.writeNew(file, plan())).isInstanceOf(InvalidInputException.class);
        assertThat(Files.readString(file)).isEqualTo("mine");
    }

    @Test
    void aWrittenStoryMapReadsBackToTheSameMap() {
        StoryMap map = new StoryMap("1.0.0", "2025-09-02", "fe", "Checkout journey",
                List.of(new Activity("A-1", "Browse", List.of(new Story("S-1", "See: the catalogue",
                        Optional.of("walking-skeleton"), SourceLocation.ofFile("x"))))),
                List.of(new ReleaseSlice("walking-skeleton", "Walking skeleton")), "# Narrative\n\nText.\n", "x");
        Path file = workspace.resolve(Plans.STORY_MAP_PATH);

        StoryMapWriter.writeNew(file, map);
        ReadResult<StoryMap> read = new StoryMapReader().read(file, Plans.STORY_MAP_PATH);

        assertThat(read.findings()).isEmpty();
        assertThat(read.model().orElseThrow()).usingRecursiveComparison()
                .ignoringFields("source", "activities.stories.location")
                .isEqualTo(map);
    }
}
