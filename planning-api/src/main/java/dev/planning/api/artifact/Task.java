package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.SourceLocation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One work item of a task breakdown: an epic, a story or a task.
 *
 * <p>Build one in code with {@link #builder(String, String)}:
 * <pre>{@code
 * Task task = Task.builder("FE-12", "Checkout form")
 *         .owner("alice")
 *         .tags("criticality:0", "compliance:sox")
 *         .effort(8)
 *         .priority(Priority.P1)
 *         .dependsOn("FE-3", "be:PLN-BE-001")
 *         .controls(Controls.builder().approvals("bob", "carol").build())
 *         .build();
 * }</pre>
 *
 * @param id                  unique within its breakdown, never {@code null}
 * @param kind                epic, story or task
 * @param parent              the id of the enclosing epic or story
 * @param title               short title, never {@code null}
 * @param description         longer text
 * @param owner               the accountable person or team
 * @param tags                governance tags
 * @param priority            {@code P0}..{@code P3}
 * @param effort              estimate in points ({@code effort} or {@code effort_points})
 * @param status              where it stands
 * @param dependencies        tasks this one needs, local or cross-stream
 * @param acceptanceCriteria  what "done" means
 * @param risk                free-text or {@code low|medium|high}
 * @param plannedIn           the cycle or sprint it is planned in
 * @param due                 due date
 * @param storyNodes          story-map node ids this item delivers
 * @param artifacts           files the item produces
 * @param origin              where it came from, e.g. the digest whose improvement action it carries
 * @param controls            governance controls recorded on it
 * @param location            where it is written (its {@code id} field), for findings
 * @param fieldLocations      where its parts are written, for findings that concern one part: a
 *                            field's name as written in the file ({@code owner}, {@code controls})
 *                            locates the field's key; {@code dependencies/<reference as written>}
 *                            locates that entry of the dependency list. Empty for a task not read
 *                            from a file; see {@link #locationOf(String)}
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record Task(
        String id,
        TaskKind kind,
        Optional<String> parent,
        String title,
        Optional<String> description,
        Optional<String> owner,
        Tags tags,
        Optional<Priority> priority,
        Optional<BigDecimal> effort,
        TaskStatus status,
        List<TaskRef> dependencies,
        List<String> acceptanceCriteria,
        Optional<String> risk,
        Optional<String> plannedIn,
        Optional<LocalDate> due,
        List<String> storyNodes,
        List<String> artifacts,
        Optional<String> origin,
        Controls controls,
        SourceLocation location,
        Map<String, SourceLocation> fieldLocations) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param id unique within its breakdown, never {@code null}
     * @param kind epic, story or task
     * @param parent the id of the enclosing epic or story
     * @param title short title, never {@code null}
     * @param description longer text
     * @param owner the accountable person or team
     * @param tags governance tags
     * @param priority {@code P0}..{@code P3}
     * @param effort estimate in points ({@code effort} or {@code effort_points})
     * @param status where it stands
     * @param dependencies tasks this one needs, local or cross-stream
     * @param acceptanceCriteria what "done" means
     * @param risk free-text or {@code low|medium|high}
     * @param plannedIn the cycle or sprint it is planned in
     * @param due due date
     * @param storyNodes story-map node ids this item delivers
     * @param artifacts files the item produces
     * @param origin where it came from, e.g. the digest whose improvement action it carries
     * @param controls governance controls recorded on it
     * @param location where it is written (its {@code id} field), for findings
     * @param fieldLocations where its parts are written, for findings that concern one part: a field's name
     *                       as written in the file ({@code owner}, {@code controls}) locates the field's key;
     *                       {@code dependencies/<reference as written>} locates that entry of the dependency
     *                       list. Empty for a task not read from a file; see {@link #locationOf(String)}
     */
    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(effort, "effort");
        Objects.requireNonNull(status, "status");
        dependencies = List.copyOf(dependencies);
        acceptanceCriteria = List.copyOf(acceptanceCriteria);
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(plannedIn, "plannedIn");
        Objects.requireNonNull(due, "due");
        storyNodes = List.copyOf(storyNodes);
        artifacts = List.copyOf(artifacts);
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(controls, "controls");
        Objects.requireNonNull(location, "location");
        fieldLocations = Map.copyOf(fieldLocations);
    }

    /**
     * Where a part of the task is written, falling back to the task's {@link #location()}.
     *
     * @param part a field name ({@code owner}) or {@code dependencies/<reference>} ({@code
     *             dependencies/be:BE-24})
     * @return where a part of the task is written, falling back to the task's {@link #location()}
     */
    public SourceLocation locationOf(String part) {
        return fieldLocations.getOrDefault(part, location);
    }

    /**
     * Where one of its dependencies is written, falling back to the task's {@link #location()}.
     *
     * @param dependency one of the task's dependencies
     * @return where one of its dependencies is written, falling back to the task's {@link #location()}
     */
    public SourceLocation locationOf(TaskRef dependency) {
        return locationOf("dependencies/" + dependency);
    }

    /**
     * A builder with the required id and title; everything else defaults to absent or empty.
     *
     * @param id unique within its breakdown, never {@code null}
     * @param title short title, never {@code null}
     * @return a new builder
     */
    public static Builder builder(String id, String title) {
        return new Builder(id, title);
    }

    /**
     * A builder preset with this task's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(id, title);
        b.kind = kind;
        b.parent = parent.orElse(null);
        b.description = description.orElse(null);
        b.owner = owner.orElse(null);
        b.tags = tags;
        b.priority = priority.orElse(null);
        b.effort = effort.orElse(null);
        b.status = status;
        b.dependencies = new ArrayList<>(dependencies);
        b.acceptanceCriteria = new ArrayList<>(acceptanceCriteria);
        b.risk = risk.orElse(null);
        b.plannedIn = plannedIn.orElse(null);
        b.due = due.orElse(null);
        b.storyNodes = new ArrayList<>(storyNodes);
        b.artifacts = new ArrayList<>(artifacts);
        b.origin = origin.orElse(null);
        b.controls = controls;
        b.location = location;
        b.fieldLocations = fieldLocations;
        return b;
    }

    /**
     * Builds {@link Task} values: the setters take the values themselves ({@code null} clears an
     * optional one), and a few take the written forms ({@code tags("criticality:0")},
     * {@code dependsOn("be:PLN-BE-001")}). Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final String id;
        private final String title;
        private TaskKind kind = TaskKind.TASK;
        private String parent;
        private String description;
        private String owner;
        private Tags tags = Tags.NONE;
        private Priority priority;
        private BigDecimal effort;
        private TaskStatus status = TaskStatus.PLANNED;
        private List<TaskRef> dependencies = new ArrayList<>();
        private List<String> acceptanceCriteria = new ArrayList<>();
        private String risk;
        private String plannedIn;
        private LocalDate due;
        private List<String> storyNodes = new ArrayList<>();
        private List<String> artifacts = new ArrayList<>();
        private String origin;
        private Controls controls = Controls.NONE;
        private SourceLocation location = SourceLocation.ofFile("<memory>");
        private Map<String, SourceLocation> fieldLocations = Map.of();

        private Builder(String id, String title) {
            this.id = Objects.requireNonNull(id, "id");
            this.title = Objects.requireNonNull(title, "title");
        }

        /**
         * Sets {@link Task#kind()}.
         *
         * @param value epic, story or task
         * @return this builder
         */
        public Builder kind(TaskKind value) { this.kind = value; return this; }
        /**
         * Sets {@link Task#parent()}.
         *
         * @param value the id of the enclosing epic or story
         * @return this builder
         */
        public Builder parent(String value) { this.parent = value; return this; }
        /**
         * Sets {@link Task#description()}.
         *
         * @param value longer text
         * @return this builder
         */
        public Builder description(String value) { this.description = value; return this; }
        /**
         * Sets {@link Task#owner()}.
         *
         * @param value the accountable person or team
         * @return this builder
         */
        public Builder owner(String value) { this.owner = value; return this; }
        /**
         * Sets {@link Task#tags()}.
         *
         * @param value governance tags
         * @return this builder
         */
        public Builder tags(Tags value) { this.tags = value; return this; }
        /**
         * Tags in the list form ({@code key:value} or a label), replacing any set before.
         *
         * @param value tags in the list form ({@code key:value} or a label), replacing any set before
         * @return this builder
         */
        public Builder tags(String... value) { this.tags = Tags.of(value); return this; }
        /**
         * Sets {@link Task#priority()}.
         *
         * @param value {@code P0}..{@code P3}
         * @return this builder
         */
        public Builder priority(Priority value) { this.priority = value; return this; }
        /**
         * Sets {@link Task#effort()}.
         *
         * @param value estimate in points ({@code effort} or {@code effort_points})
         * @return this builder
         */
        public Builder effort(BigDecimal value) { this.effort = value; return this; }
        /**
         * The estimate in whole points.
         *
         * @param points the estimate in points
         * @return this builder
         */
        public Builder effort(long points) { this.effort = BigDecimal.valueOf(points); return this; }
        /**
         * Sets {@link Task#status()}.
         *
         * @param value where it stands
         * @return this builder
         */
        public Builder status(TaskStatus value) { this.status = value; return this; }
        /**
         * Sets {@link Task#dependencies()}.
         *
         * @param value tasks this one needs, local or cross-stream
         * @return this builder
         */
        public Builder dependencies(List<TaskRef> value) { this.dependencies = new ArrayList<>(value); return this; }
        /**
         * Dependencies as written ({@code FE-3}, {@code be:PLN-BE-001}), replacing any set before.
         *
         * @param refs the dependencies as written
         * @return this builder
         */
        public Builder dependsOn(String... refs) {
            this.dependencies = new ArrayList<>(Arrays.stream(refs).map(TaskRef::parse).toList());
            return this;
        }
        /**
         * Sets {@link Task#acceptanceCriteria()}.
         *
         * @param value what "done" means
         * @return this builder
         */
        public Builder acceptanceCriteria(List<String> value) { this.acceptanceCriteria = new ArrayList<>(value); return this; }
        /**
         * What "done" means, one criterion per argument, replacing any set before.
         *
         * @param value what "done" means, one criterion per argument, replacing any set before
         * @return this builder
         */
        public Builder acceptanceCriteria(String... value) { return acceptanceCriteria(Arrays.asList(value)); }
        /**
         * Sets {@link Task#risk()}.
         *
         * @param value free-text or {@code low|medium|high}
         * @return this builder
         */
        public Builder risk(String value) { this.risk = value; return this; }
        /**
         * Sets {@link Task#plannedIn()}.
         *
         * @param value the cycle or sprint it is planned in
         * @return this builder
         */
        public Builder plannedIn(String value) { this.plannedIn = value; return this; }
        /**
         * Sets {@link Task#due()}.
         *
         * @param value due date
         * @return this builder
         */
        public Builder due(LocalDate value) { this.due = value; return this; }
        /**
         * Sets {@link Task#storyNodes()}.
         *
         * @param value story-map node ids this item delivers
         * @return this builder
         */
        public Builder storyNodes(List<String> value) { this.storyNodes = new ArrayList<>(value); return this; }
        /**
         * Sets {@link Task#artifacts()}.
         *
         * @param value files the item produces
         * @return this builder
         */
        public Builder artifacts(List<String> value) { this.artifacts = new ArrayList<>(value); return this; }
        /**
         * Sets {@link Task#origin()}.
         *
         * @param value where it came from, e.g. the digest whose improvement action it carries
         * @return this builder
         */
        public Builder origin(String value) { this.origin = value; return this; }
        /**
         * Sets {@link Task#controls()}.
         *
         * @param value governance controls recorded on it
         * @return this builder
         */
        public Builder controls(Controls value) { this.controls = value; return this; }
        /**
         * Sets {@link Task#location()}.
         *
         * @param value where it is written (its {@code id} field), for findings
         * @return this builder
         */
        public Builder location(SourceLocation value) { this.location = value; return this; }
        /**
         * Sets {@link Task#fieldLocations()}.
         *
         * @param value where its parts are written, for findings that concern one part: a field's name as
         *              written in the file ({@code owner}, {@code controls}) locates the field's key; {@code
         *              dependencies/<reference as written>} locates that entry of the dependency list. Empty
         *              for a task not read from a file; see {@link Task#locationOf(String)}
         * @return this builder
         */
        public Builder fieldLocations(Map<String, SourceLocation> value) { this.fieldLocations = Map.copyOf(value); return this; }

        /**
         * The task.
         *
         * @return a task with what was set, and the defaults for the rest
         */
        public Task build() {
            return new Task(id, kind, Optional.ofNullable(parent), title, Optional.ofNullable(description),
                    Optional.ofNullable(owner), tags, Optional.ofNullable(priority), Optional.ofNullable(effort),
                    status, dependencies, acceptanceCriteria, Optional.ofNullable(risk),
                    Optional.ofNullable(plannedIn), Optional.ofNullable(due), storyNodes, artifacts,
                    Optional.ofNullable(origin), controls, location, fieldLocations);
        }
    }
}
