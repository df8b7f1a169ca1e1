package dev.planning.engine.internal.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.DocumentException;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.Priority;
import dev.planning.api.artifact.Tag;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskKind;
import dev.planning.api.artifact.TaskRef;
import dev.planning.api.gate.Finding;
import dev.planning.engine.fixtures.Plans;
import dev.planning.engine.internal.schema.SchemaCatalog;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskBreakdownReaderTest {

    private final TaskBreakdownReader reader = new TaskBreakdownReader();

    @Test
    void readsTheExamplePlanWithBothTagFormsAndLocations(@TempDir Path workspace) {
        Path file = Plans.write(workspace, Plans.TASKS_PATH, Plans.FE_TASKS);

        ReadResult<TaskBreakdown> result = reader.read(file, Plans.TASKS_PATH);

        assertThat(result.findings()).isEmpty();
        TaskBreakdown plan = result.model().orElseThrow();
        assertThat(plan.cycleId()).isEqualTo("2025-09-02");
        assertThat(plan.source()).isEqualTo(Plans.TASKS_PATH);
        assertThat(plan.generatedAt()).contains(OffsetDateTime.parse("2025-09-01T09:00:00Z"));
        Task epic = plan.task("FE-1").orElseThrow();
        assertThat(epic.kind()).isEqualTo(TaskKind.EPIC);
        assertThat(epic.tags().value("risk")).contains("Low");
        assertThat(epic.tags().criticality()).hasValue(2);
        assertThat(epic.tags().has("Scope")).isTrue();
        Task task = plan.task("FE-12").orElseThrow();
        assertThat(task.tags().values()).containsExactly(new Tag("criticality", Optional.of("1")),
                new Tag("compliance", Optional.of("gdpr")));
        assertThat(task.tags().compliance()).contains("gdpr");
        assertThat(task.priority()).contains(Priority.P0);
        assertThat(task.effort()).contains(new BigDecimal("5"));
        assertThat(task.dependencies()).containsExactly(TaskRef.parse("FE-1"), TaskRef.parse("be:PLN-BE-001"));
        assertThat(task.due()).contains(LocalDate.of(2025, 9, 12));
        assertThat(task.storyNodes()).containsExactly("S-BROWSE-1");
        assertThat(task.controls().dataHandlingNote()).contains("Card data never leaves the PSP iframe");
        assertThat(task.location()).isEqualTo(new SourceLocation(Plans.TASKS_PATH, 12, 9));
    }

    @Test
    void readsEffortPointsWhenEffortIsAbsent(@TempDir Path workspace) {
        Path file = Plans.write(workspace, "t.yaml", """
                version: "1"
                cycle_id: C1
                stream: be
                tasks:
                  - {id: PLN-BE-001, title: API, effort_points: 2.5, status: in_progress}
                """);

        Task task = reader.read(file, "t.yaml").model().orElseThrow().tasks().get(0);

        assertThat(task.effort()).contains(new BigDecimal("2.5"));
        assertThat(task.status().name()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void givesNoModelButLocatedFindingsForASchemaViolation(@TempDir Path workspace) {
        Path file = Plans.write(workspace, "t.yaml", Plans.FE_TASKS.replace("priority: P0", "priority: urgent"));

        ReadResult<TaskBreakdown> result = reader.read(file, "t.yaml");

        assertThat(result.model()).isEmpty();
        assertThat(result.hasErrors()).isTrue();
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(SchemaCatalog.ENUM);
            assertThat(f.location()).contains(new SourceLocation("t.yaml", 18, 15));
            assertThat(f.taskId()).contains("FE-12");
        });
    }

    @Test
    void reportsAnImpossibleDateAsAFinding(@TempDir Path workspace) {
        Path file = Plans.write(workspace, "t.yaml", Plans.FE_TASKS.replace("due: 2025-09-12", "due: 2025-02-30"));

        ReadResult<TaskBreakdown> result = reader.read(file, "t.yaml");

        assertThat(result.model()).isEmpty();
        assertThat(result.findings()).extracting(Finding::code).containsExactly(SchemaCatalog.FORMAT);
    }

    @Test
    void turnsAnUnreadableFileIntoOneFinding(@TempDir Path workspace) {
        ReadResult<TaskBreakdown> result = reader.read(workspace.resolve("none.yaml"), "none.yaml");

        assertThat(result.model()).isEmpty();
        assertThat(result.findings()).extracting(Finding::code).containsExactly(DocumentException.FILE_UNREADABLE);
    }

    @Test
    void returnsFindingsAsAnImmutableList(@TempDir Path workspace) {
        List<Finding> findings = reader.read(workspace.resolve("none.yaml"), "none.yaml").findings();

        assertThat(findings).isUnmodifiable();
    }
}
