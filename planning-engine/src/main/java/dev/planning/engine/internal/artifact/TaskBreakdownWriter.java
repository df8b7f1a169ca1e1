package dev.planning.engine.internal.artifact;

import dev.planning.api.artifact.Controls;
import dev.planning.api.artifact.Tag;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskKind;
import dev.planning.api.artifact.TaskRef;
import dev.planning.api.artifact.TaskStatus;
import dev.planning.engine.internal.schema.ArtifactSchema;
import dev.planning.engine.internal.workspace.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", plan.version());
        root.put("cycle_id", plan.cycleId());
        root.put("stream", plan.stream());
        // ISO_OFFSET_DATE_TIME always writes seconds; toString() drops ":00", which RFC 3339 requires.
        plan.generatedAt().ifPresent(at -> root.put("generated_at", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at)));
        List<Object> tasks = new ArrayList<>();
        plan.tasks().forEach(task -> tasks.add(task(task)));
        root.put("tasks", tasks);
        return YamlOutput.render(ArtifactSchema.TASK_BREAKDOWN, root);
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

    private static Map<String, Object> task(Task task) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", task.id());
        if (task.kind() != TaskKind.TASK) {
            out.put("kind", lower(task.kind().name()));
        }
        put(out, "parent", task.parent());
        out.put("title", task.title());
        put(out, "description", task.description());
        put(out, "owner", task.owner());
        putList(out, "tags", task.tags().values().stream().map(Tag::toString).toList());
        put(out, "priority", task.priority().map(Enum::name));
        task.effort().ifPresent(effort -> out.put("effort", effort));
        if (task.status() != TaskStatus.PLANNED) {
            out.put("status", lower(task.status().name()));
        }
        putList(out, "dependencies", task.dependencies().stream().map(TaskRef::toString).toList());
        putList(out, "acceptance_criteria", task.acceptanceCriteria());
        put(out, "risk", task.risk());
        put(out, "planned_in", task.plannedIn());
        put(out, "due", task.due().map(Object::toString));
        putList(out, "linked_story_map_nodes", task.storyNodes());
        putList(out, "artifacts", task.artifacts());
        put(out, "origin", task.origin());
        Map<String, Object> controls = controls(task.controls());
        if (!controls.isEmpty()) {
            out.put("controls", controls);
        }
        return out;
    }

    private static Map<String, Object> controls(Controls controls) {
        Map<String, Object> out = new LinkedHashMap<>();
        putList(out, "approvals", controls.approvals());
        put(out, "review_board", controls.reviewBoard());
        put(out, "emergency_contact", controls.emergencyContact());
        put(out, "rollback_plan", controls.rollbackPlan());
        put(out, "audit_trail", controls.auditTrail());
        if (controls.changeFreezeChecked()) {
            out.put("change_freeze_checked", true);
        }
        put(out, "data_handling_note", controls.dataHandlingNote());
        return out;
    }

    private static void put(Map<String, Object> out, String key, Optional<String> value) {
        value.ifPresent(v -> out.put(key, v));
    }

    private static void putList(Map<String, Object> out, String key, List<String> values) {
        if (!values.isEmpty()) {
            out.put(key, values);
        }
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
