package dev.planning.rules.testkit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.Controls;
import dev.planning.api.artifact.Tag;
import dev.planning.api.artifact.Tags;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskKind;
import dev.planning.api.artifact.TaskRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A task as written inline in a rule test file, mapped to the API {@link Task}. It reads the
 * fields governance looks at, in the task breakdown's spelling ({@code acceptance_criteria},
 * {@code controls.review_board}, tags as a map or as a {@code Key:Value} list).
 *
 * <p>Kept apart so that it can be replaced by the engine's task-breakdown reader.
 */
record TaskYaml(
        @JsonProperty(required = true) String id,
        String title,
        String kind,
        String parent,
        String owner,
        JsonNode tags,
        List<String> acceptanceCriteria,
        List<String> dependencies,
        ControlsYaml controls) {

    /** The {@code controls} block of a task. */
    record ControlsYaml(
            List<String> approvals,
            String reviewBoard,
            String emergencyContact,
            String rollbackPlan,
            String auditTrail,
            Boolean changeFreezeChecked,
            String dataHandlingNote) {

        Controls toControls() {
            return new Controls(approvals == null ? List.of() : approvals, Optional.ofNullable(reviewBoard),
                    Optional.ofNullable(emergencyContact), Optional.ofNullable(rollbackPlan),
                    Optional.ofNullable(auditTrail), Boolean.TRUE.equals(changeFreezeChecked),
                    Optional.ofNullable(dataHandlingNote));
        }
    }

    Task toTask(SourceLocation location) {
        Task.Builder builder = Task.builder(id, title == null ? id : title)
                .parent(parent)
                .owner(owner)
                .tags(parsedTags())
                .acceptanceCriteria(acceptanceCriteria == null ? List.of() : acceptanceCriteria)
                .dependencies(dependencies == null ? List.of() : dependencies.stream().map(TaskRef::parse).toList())
                .controls(controls == null ? Controls.NONE : controls.toControls())
                .location(location);
        if (kind != null) {
            builder.kind(parsedKind());
        }
        return builder.build();
    }

    private TaskKind parsedKind() {
        try {
            return TaskKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("task " + id + ": kind '" + kind + "' is not one of epic, story, task");
        }
    }

    private Tags parsedTags() {
        if (tags == null || tags.isNull()) {
            return Tags.NONE;
        }
        List<Tag> values = new ArrayList<>();
        if (tags.isObject()) {
            tags.properties().forEach(e -> values.add(e.getValue().isNull() || e.getValue().asText().isEmpty()
                    ? new Tag(e.getKey(), Optional.empty())
                    : new Tag(e.getKey(), Optional.of(e.getValue().asText()))));
        } else if (tags.isArray()) {
            tags.forEach(t -> values.add(Tag.parse(t.asText())));
        } else {
            throw new IllegalArgumentException("task " + id + ": tags must be a map ({criticality: 0}) or a list ([\"criticality:0\"])");
        }
        return new Tags(values);
    }
}
