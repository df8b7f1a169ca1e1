package dev.planning.engine.internal.outcome;

import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskKind;
import dev.planning.api.gate.Finding;
import dev.planning.engine.internal.artifact.ErrorList;
import dev.planning.engine.internal.schema.SchemaCatalog;
import dev.planning.engine.internal.workspace.Shown;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a cycle's deployments files are checked against beyond themselves, the same at {@code import}, for the
 * digest's KPIs and for the gates: a deployment is not dated before the cycle was created (it belongs to an
 * earlier cycle: counted here it delivered this cycle's tasks, and counted in every DORA figure), and every task a
 * deployment lists is a work item of the cycle's plan ({@link Delivery#workItems}; an id of no task, or of an item
 * with items under it, delivered nothing and was silently ignored). A file is imported evidence: such a line is
 * refused at its line and column, as {@link DeploymentLogReader} refuses an incident caused by a later deployment.
 *
 * <p>A cycle whose creation is unknown (its log has no event, as for a handoff verified without its log) has no
 * instant to judge a deployment against: every deployment is refused, never counted unjudged (scope39: the
 * recomputed verdicts of such a handoff counted a deployment of any date).
 *
 * <p>Built only by {@link #of}: a class rather than a record, whose canonical constructor would let code judge
 * deployments against a creation of its own choosing, not the log's first event (review38a); there is no scope that
 * checks nothing (scope39).
 */
public final class DeploymentScope {

    private final Optional<Instant> created;
    private final Optional<TaskBreakdown> plan;

    private DeploymentScope(Optional<Instant> created, Optional<TaskBreakdown> plan) {
        this.created = Objects.requireNonNull(created, "created");
        this.plan = Objects.requireNonNull(plan, "plan");
    }

    /**
     * The scope of a cycle created when {@code creation} says (its log's first event), its deployments' tasks
     * judged against {@code plan}. Every check of a deployments file, at {@code import}, for the KPIs, the gates
     * (recomputed ones included) and lint, builds its scope here, so that one rule judges them all (kpi38).
     */
    public static DeploymentScope of(CycleCreation creation, Optional<TaskBreakdown> plan) {
        return new DeploymentScope(creation.created(), Objects.requireNonNull(plan, "plan"));
    }

    /**
     * Refuses every deployment of {@code files} dated before the cycle's creation (every deployment, when the
     * creation is unknown), and every task a deployment lists that is not a work item of the plan.
     *
     * @param files the deployments files, each named as the message should name it
     * @throws InvalidInputException every such mistake, each at the line and column of the time or task
     */
    public void require(List<OutcomeSet.Stored<DeploymentLog>> files) {
        List<Finding> mistakes = check(files);
        if (mistakes.size() == 1) {
            throw new InvalidInputException(mistakes.get(0).message(), mistakes.get(0).location().orElseThrow());
        }
        if (!mistakes.isEmpty()) {
            throw ErrorList.exception("deployments files do not belong to the cycle", mistakes, null);
        }
    }

    /**
     * Every mistake {@link #require} refuses, one error finding each at its file, line and column, for
     * {@code planning lint} to tell before the digest and the gates refuse the files.
     *
     * @param files the deployments files, each named as the findings should name it
     */
    public List<Finding> check(List<OutcomeSet.Stored<DeploymentLog>> files) {
        List<Finding> mistakes = new ArrayList<>();
        files.forEach(file -> mistakes.addAll(mistakes(file)));
        return mistakes;
    }

    private List<Finding> mistakes(OutcomeSet.Stored<DeploymentLog> file) {
        List<Finding> mistakes = new ArrayList<>();
        for (DeploymentLog.Deployment deployment : file.report().deployments()) {
            String key = "deployment " + deployment.id();
            String named = "deployment " + Printable.line(deployment.id());
            if (created.isEmpty()) {
                mistakes.add(mistake(named + " at " + deployment.time() + " cannot be judged against the cycle: its"
                        + " event log has no event, so when the cycle was created is unknown, and a deployment before"
                        + " it would count here as delivering this cycle's tasks; create the cycle (its log) first",
                        file, key + " time"));
            } else if (deployment.time().isBefore(created.get())) {
                mistakes.add(mistake(named + " at " + deployment.time() + " is earlier than the cycle, created at "
                        + created.get() + ": a deployment before the cycle belongs to an earlier one, and would count"
                        + " here as delivering this cycle's tasks; list it in that cycle's file", file, key + " time"));
            }
            if (plan.isPresent()) {
                for (int t = 0; t < deployment.tasks().size(); t++) {
                    Optional<String> why = notAWorkItem(deployment.tasks().get(t), plan.get());
                    if (why.isPresent()) {
                        mistakes.add(mistake(named + " lists " + why.get(), file, key + " task " + t));
                    }
                }
            }
        }
        mistakes.sort(Comparator.comparing((Finding f) -> f.location().map(SourceLocation::line).orElse(0))
                .thenComparing(f -> f.location().map(SourceLocation::column).orElse(0)));
        return mistakes;
    }

    /** Why the task a deployment lists delivers nothing, when it does not. */
    private static Optional<String> notAWorkItem(String id, TaskBreakdown plan) {
        String shown = "'" + Printable.line(id) + "'";
        Optional<Task> task = plan.task(id);
        if (task.isEmpty()) {
            return Optional.of(shown + ", which is not the id of a task of " + Shown.path(plan.source())
                    + " (ids match exactly, letter for letter): expected a work item of the plan");
        }
        if (task.get().kind() == TaskKind.EPIC) {
            return Optional.of(shown + ", which is an epic in " + Shown.path(plan.source())
                    + ": an epic only groups work; list the work items the deployment delivered");
        }
        List<String> children = plan.tasks().stream().filter(t -> t.parent().equals(Optional.of(id))).map(Task::id)
                .toList();
        if (!children.isEmpty()) {
            return Optional.of(shown + ", which has items under it in " + Shown.path(plan.source()) + " ("
                    + String.join(", ", children.stream().limit(10).map(Printable::line).toList())
                    + (children.size() > 10 ? " and " + (children.size() - 10) + " more" : "")
                    + "): an item is delivered through its work items; list those the deployment delivered");
        }
        return Optional.empty();
    }

    private static Finding mistake(String message, OutcomeSet.Stored<DeploymentLog> file, String key) {
        SourceLocation at = file.report().place(key).map(l -> new SourceLocation(file.path(), l.line(), l.column()))
                .orElse(SourceLocation.ofFile(file.path()));
        return Finding.error(SchemaCatalog.INVALID, message, at);
    }
}
