package dev.planning.engine.internal.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.planning.api.artifact.Controls;
import dev.planning.api.artifact.Tag;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskKind;
import dev.planning.api.artifact.TaskRef;
import dev.planning.api.artifact.TaskStatus;
import dev.planning.engine.internal.schema.ArtifactSchema;
import dev.planning.engine.internal.workspace.AtomicFiles;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes a {@link TaskBreakdown} as a task-breakdown YAML file that {@link TaskBreakdownReader}
 * reads back to the same plan (used by {@code planning init} to scaffold a starter plan). Absent
 * and empty fields are left out; tags are written in the list form ({@code "criticality:0"}).
 *
 * <pre>{@code
 * TaskBreakdownWriter.writeNew(workspace.resolve(layout.taskBreakdown(cycle)), plan);
 * }</pre>
 */
public final class TaskBreakdownWriter {

    private TaskBreakdownWriter() {
    }

    /** The plan as YAML text, with a schema comment on the first line. */
    public static String toYaml(TaskBreakdown plan) {
        // ISO_OFFSET_DATE_TIME always writes seconds; toString() drops ":00", which RFC 3339 requires.
        return YamlOutput.render(ArtifactSchema.TASK_BREAKDOWN, new Document(plan.version(), plan.cycleId(),
                plan.stream(), plan.generatedAt().map(DateTimeFormatter.ISO_OFFSET_DATE_TIME::format),
                plan.tasks().stream().map(TaskBreakdownWriter::task).toList()));
    }

    /** Writes the plan atomically, replacing any existing file. */
    public static void write(Path file, TaskBreakdown plan) {
        AtomicFiles.write(file, toYaml(plan).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes the plan atomically, refusing to replace an existing file.
     *
     * @throws dev.planning.api.InvalidInputException when the file exists
     */
    public static void writeNew(Path file, TaskBreakdown plan) {
        AtomicFiles.writeNew(file, toYaml(plan).getBytes(StandardCharsets.UTF_8));
    }

    private static TaskEntry task(Task task) {
        return new TaskEntry(task.id(),
                task.kind() != TaskKind.TASK ? Optional.of(lower(task.kind().name())) : Optional.empty(),
                task.parent(), task.title(), task.description(), task.owner(),
                task.tags().values().stream().map(Tag::toString).toList(), task.priority().map(Enum::name),
                task.effort(),
                task.status() != TaskStatus.PLANNED ? Optional.of(lower(task.status().name())) : Optional.empty(),
                task.dependencies().stream().map(TaskRef::toString).toList(), task.acceptanceCriteria(), task.risk(),
                task.plannedIn(), task.due().map(Object::toString), task.storyNodes(), task.artifacts(), task.origin(),
                controls(task.controls()));
    }

    /** The controls block, left out when it would be empty. */
    private static Optional<ControlsEntry> controls(Controls controls) {
        ControlsEntry entry = new ControlsEntry(controls.approvals(), controls.reviewBoard(), controls.emergencyContact(),
                controls.rollbackPlan(), controls.auditTrail(), controls.changeFreezeChecked() ? Boolean.TRUE : null,
                controls.dataHandlingNote());
        return entry.equals(ControlsEntry.EMPTY) ? Optional.empty() : Optional.of(entry);
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The plan file; no {@code generated_at} when unknown. */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    @JsonPropertyOrder({"version", "cycle_id", "stream", "generated_at", "tasks"})
    private record Document(String version, @JsonProperty("cycle_id") String cycleId, String stream,
            @JsonProperty("generated_at") Optional<String> generatedAt, List<TaskEntry> tasks) {
    }

    /** A task; absent fields and empty lists are left out ({@code kind: task} and {@code status: planned} too). */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    @JsonPropertyOrder({"id", "kind", "parent", "title", "description", "owner", "tags", "priority", "effort",
        "status", "dependencies", "acceptance_criteria", "risk", "planned_in", "due", "linked_story_map_nodes",
        "artifacts", "origin", "controls"})
    private record TaskEntry(
            String id,
            Optional<String> kind,
            Optional<String> parent,
            String title,
            Optional<String> description,
            Optional<String> owner,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> tags,
            Optional<String> priority,
            Optional<BigDecimal> effort,
            Optional<String> status,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> dependencies,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("acceptance_criteria") List<String> acceptanceCriteria,
            Optional<String> risk,
            @JsonProperty("planned_in") Optional<String> plannedIn,
            Optional<String> due,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("linked_story_map_nodes") List<String> storyNodes,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> artifacts,
            Optional<String> origin,
            Optional<ControlsEntry> controls) {
    }

    /** A task's controls; {@code change_freeze_checked} only when true. */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    @JsonPropertyOrder({"approvals", "review_board", "emergency_contact", "rollback_plan", "audit_trail",
        "change_freeze_checked", "data_handling_note"})
    private record ControlsEntry(
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> approvals,
            @JsonProperty("review_board") Optional<String> reviewBoard,
            @JsonProperty("emergency_contact") Optional<String> emergencyContact,
            @JsonProperty("rollback_plan") Optional<String> rollbackPlan,
            @JsonProperty("audit_trail") Optional<String> auditTrail,
            @JsonProperty("change_freeze_checked") Boolean changeFreezeChecked,
            @JsonProperty("data_handling_note") Optional<String> dataHandlingNote) {

        static final ControlsEntry EMPTY = new ControlsEntry(List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), null, Optional.empty());
    }
}
