package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A stream's plan for one cycle: the {@code *_task_breakdown.yaml} (or {@code be_backlog.yaml})
 * file.
 *
 * @param version     the artifact schema version, e.g. {@code 1.0.0}
 * @param cycleId     the cycle it plans
 * @param stream      the stream it belongs to
 * @param generatedAt when it was generated, if recorded
 * @param tasks       the work items, in written order
 * @param source      the workspace-relative file it was read from
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record TaskBreakdown(
        String version,
        String cycleId,
        String stream,
        Optional<OffsetDateTime> generatedAt,
        List<Task> tasks,
        String source) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param version the artifact schema version, e.g. {@code 1.0.0}
     * @param cycleId the cycle it plans
     * @param stream the stream it belongs to
     * @param generatedAt when it was generated, if recorded
     * @param tasks the work items, in written order
     * @param source the workspace-relative file it was read from
     */
    public TaskBreakdown {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(cycleId, "cycleId");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(generatedAt, "generatedAt");
        tasks = List.copyOf(tasks);
        Objects.requireNonNull(source, "source");
    }

    /**
     * The task with this id.
     *
     * @param id a task id such as {@code FE-12}
     * @return the task with this id
     */
    public Optional<Task> task(String id) {
        return tasks.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /**
     * A plan held in memory (for tests and embedders): schema version {@code 1.0.0}, no
     * generation time, source {@code <memory>}.
     *
     * @param stream  the stream it belongs to, never {@code null}
     * @param cycleId the cycle it plans, never {@code null}
     * @param tasks   the work items, in order
     * @return a plan held in memory (for tests and embedders): schema version {@code 1.0.0}, no generation
     *         time, source {@code <memory>}
     */
    public static TaskBreakdown of(String stream, String cycleId, List<Task> tasks) {
        return new TaskBreakdown("1.0.0", cycleId, stream, Optional.empty(), tasks, "<memory>");
    }
}
