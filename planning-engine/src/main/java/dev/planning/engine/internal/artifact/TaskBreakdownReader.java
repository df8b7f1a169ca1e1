package dev.planning.engine.internal.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.Controls;
import dev.planning.api.artifact.Priority;
import dev.planning.api.artifact.Tag;
import dev.planning.api.artifact.Tags;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskKind;
import dev.planning.api.artifact.TaskRef;
import dev.planning.api.artifact.TaskStatus;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.schema.ArtifactSchema;
import dev.planning.engine.internal.schema.SchemaCatalog;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a task breakdown ({@code *_task_breakdown.yaml} or {@code *_backlog.yaml}) into a
 * {@link TaskBreakdown}, each task located at its {@code id}.
 *
 * <pre>{@code
 * ReadResult<TaskBreakdown> plan = new TaskBreakdownReader().read(file, "frameworks/planning-fe/tasks/...yaml");
 * plan.findings().forEach(f -> System.err.println(f.describe()));
 * }</pre>
 *
 * <p>Both tag forms, {@code ["Risk:Low", "Release"]} and {@code {criticality: 0, compliance: sox}},
 * become {@link Tags}. {@code effort} wins over {@code effort_points} when both are written.
 * Thread-safe.
 */
public final class TaskBreakdownReader {

    private final ReaderSchemas schemas;

    /** A reader using the shipped schemas, loaded when a file is first read. */
    public TaskBreakdownReader() {
        this.schemas = ReaderSchemas.shipped();
    }

    public TaskBreakdownReader(SchemaCatalog catalog) {
        this.schemas = ReaderSchemas.of(catalog);
    }

    /** Reads a file; an unreadable or malformed file gives a failed result with one finding. */
    public ReadResult<TaskBreakdown> read(Path file, String displayPath) {
        return ReaderSchemas.readFile(file, displayPath, YamlDocuments::read, this::read);
    }

    /** Validates a parsed document against the task-breakdown schema and builds the model. */
    public ReadResult<TaskBreakdown> read(LocatedDocument document) {
        return schemas.validated(document, ArtifactSchema.TASK_BREAKDOWN, TaskBreakdownReader::plan);
    }

    private static TaskBreakdown plan(LocatedDocument document) {
        JsonNode root = document.root();
        List<Task> tasks = tasks(document);
        return new TaskBreakdown(Fields.required(root, "version"), Fields.required(root, "cycle_id"),
                Fields.required(root, "stream"), Fields.text(root, "generated_at").map(OffsetDateTime::parse),
                tasks, document.file());
    }

    /**
     * Reads a list of tasks written inside another document, such as the {@code given.tasks} of a
     * rule test: each task is validated exactly as in a task breakdown and located at its
     * {@code id} in that document.
     *
     * @param document the document holding the list
     * @param pointer  JSON pointer to the list, e.g. {@code /given/tasks}; a missing node is an
     *                 empty list
     * @return the tasks in written order, or a failed result whose findings name the document's
     *         file, line and column
     */
    public ReadResult<List<Task>> readTasks(LocatedDocument document, String pointer) {
        JsonNode list = document.root().at(pointer);
        if (list.isMissingNode() || list.isNull()) {
            return ReadResult.of(List.of(), List.of());
        }
        // Wrap the list in a made-up breakdown header so the task schema applies unchanged; the
        // list's own nodes are shared, so findings keep their positions in the enclosing file.
        ObjectNode wrapper = JsonNodeFactory.instance.objectNode()
                .put("version", "1.0.0").put("cycle_id", "embedded").put("stream", "embedded");
        wrapper.set("tasks", list);
        return schemas.validated(document.withRoot(wrapper), ArtifactSchema.TASK_BREAKDOWN, TaskBreakdownReader::tasks);
    }

    private static List<Task> tasks(LocatedDocument document) {
        List<Task> tasks = new ArrayList<>();
        JsonNode items = document.root().path("tasks");
        for (int i = 0; i < items.size(); i++) {
            tasks.add(task(document, items.get(i), "/tasks/" + i));
        }
        return List.copyOf(tasks);
    }

    /** Where each field's key and each dependency entry of a task is written. */
    private static Map<String, SourceLocation> fieldLocations(LocatedDocument document, JsonNode node, String pointer) {
        Map<String, SourceLocation> out = new HashMap<>();
        node.fieldNames().forEachRemaining(name -> out.put(name, document.locateKey(Fields.pointer(pointer, name))));
        JsonNode dependencies = node.path("dependencies");
        for (int j = 0; j < dependencies.size(); j++) {
            out.putIfAbsent("dependencies/" + TaskRef.parse(dependencies.get(j).asText()),
                    document.locate(pointer + "/dependencies/" + j));
        }
        return out;
    }

    private static Task task(LocatedDocument document, JsonNode node, String pointer) {
        Task.Builder task = Task.builder(Fields.required(node, "id"), Fields.required(node, "title"))
                .kind(Fields.text(node, "kind").map(k -> TaskKind.valueOf(upper(k))).orElse(TaskKind.TASK))
                .parent(Fields.text(node, "parent").orElse(null))
                .description(Fields.text(node, "description").orElse(null))
                .owner(Fields.text(node, "owner").orElse(null))
                .tags(tags(node.path("tags")))
                .priority(Fields.text(node, "priority").map(Priority::valueOf).orElse(null))
                .effort(effort(node).orElse(null))
                .status(Fields.text(node, "status").map(s -> TaskStatus.valueOf(upper(s))).orElse(TaskStatus.PLANNED))
                .dependencies(Fields.texts(node, "dependencies").stream().map(TaskRef::parse).toList())
                .acceptanceCriteria(Fields.texts(node, "acceptance_criteria"))
                .risk(Fields.text(node, "risk").orElse(null))
                .plannedIn(Fields.text(node, "planned_in").orElse(null))
                .due(Fields.text(node, "due").map(LocalDate::parse).orElse(null))
                .storyNodes(Fields.texts(node, "linked_story_map_nodes"))
                .artifacts(Fields.texts(node, "artifacts"))
                .origin(Fields.text(node, "origin").orElse(null))
                .controls(controls(node.path("controls")))
                .location(document.locate(pointer + "/id"))
                .fieldLocations(fieldLocations(document, node, pointer));
        return task.build();
    }

    /** Both written forms: a list of {@code Key:Value} or plain strings, or a key/value map. */
    static Tags tags(JsonNode node) {
        List<Tag> tags = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> tags.add(Tag.parse(item.asText())));
        } else if (node.isObject()) {
            node.properties().forEach(entry ->
                    tags.add(new Tag(entry.getKey().trim(), Optional.of(entry.getValue().asText()))));
        }
        return tags.isEmpty() ? Tags.NONE : new Tags(tags);
    }

    private static Optional<BigDecimal> effort(JsonNode node) {
        JsonNode effort = node.hasNonNull("effort") ? node.get("effort") : node.get("effort_points");
        return effort == null || effort.isNull() ? Optional.empty() : Optional.of(effort.decimalValue());
    }

    private static Controls controls(JsonNode node) {
        if (!node.isObject()) {
            return Controls.NONE;
        }
        return new Controls(Fields.texts(node, "approvals"), Fields.text(node, "review_board"),
                Fields.text(node, "emergency_contact"), Fields.text(node, "rollback_plan"),
                Fields.text(node, "audit_trail"), node.path("change_freeze_checked").asBoolean(false),
                Fields.text(node, "data_handling_note"));
    }

    private static String upper(String value) {
        return value.toUpperCase(Locale.ROOT);
    }
}
