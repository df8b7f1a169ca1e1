package dev.planning.engine.internal.improve;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.DigestSummary;
import dev.planning.api.artifact.ImprovementAction;
import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.Tag;
import dev.planning.api.artifact.Tags;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.gate.Finding;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.lifecycle.ImproveResult;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.seal.Discrepancy;
import dev.planning.engine.internal.artifact.ErrorList;
import dev.planning.engine.internal.artifact.ReadResult;
import dev.planning.engine.internal.artifact.StoryMapWriter;
import dev.planning.engine.internal.artifact.TaskBreakdownReader;
import dev.planning.engine.internal.artifact.TaskBreakdownWriter;
import dev.planning.engine.internal.cycle.CycleArtifacts;
import dev.planning.engine.internal.digest.DigestPublication;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.SafePaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Completes a cycle and opens the next: the IMPROVE step.
 *
 * <pre>{@code
 * ImproveResult result = new CycleImprover(workspace).complete(new CycleRef("fe", "2025-09-02"), "2025-09-16");
 * }</pre>
 *
 * <p>The cycle must be in {@code IMPROVE} and have a digest, the one its event log records it
 * published ({@link DigestPublication}). Each improvement action of the digest
 * becomes a task of the next cycle's task breakdown with the action's id, text, owner, due date and
 * tags, and {@code origin: digest:<digest path>#<action id>}. Then the cycle is advanced to
 * {@code COMPLETED} (its gates run; a refusal changes no file), the plan is written, the story map
 * is carried over when the next cycle has none, and the next cycle is created in {@code PLANNED}.
 *
 * <p>An existing plan of the next cycle is never overwritten blindly: the carried tasks are
 * merged into it (appended after its own tasks; tasks already carrying the same origin are left
 * as they are, so running this twice changes nothing), and the file is rewritten in the canonical
 * layout of {@link TaskBreakdownWriter} (comments are not kept). It is refused when the next cycle
 * is past {@code PLANNED} (its plan may be sealed), when its plan does not read cleanly, or when a
 * task there already uses an action's id for something else.
 */
public final class CycleImprover {

    private final PlanningWorkspace workspace;
    private final WorkspaceLayout layout;

    /** An improver for a workspace of the default layout. */
    public CycleImprover(PlanningWorkspace workspace) {
        this(workspace, WorkspaceLayout.DEFAULT);
    }

    public CycleImprover(PlanningWorkspace workspace, WorkspaceLayout layout) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    /**
     * Completes {@code cycle} and opens {@code nextCycleId} of the same stream.
     *
     * @return the outcome; a refusal by the completion's gates is a result, and then nothing was written
     * @throws InvalidInputException when the cycle is not in {@code IMPROVE} (or already completed),
     *                               a completed cycle's sealed manifest does not verify against the
     *                               trusted keys (checked first on a re-run), it has no digest, its
     *                               digest is not the one its event log records it published (the file's
     *                               SHA-256), or the next plan cannot take the actions
     */
    public ImproveResult complete(CycleRef cycle, String nextCycleId) {
        CycleRef next = new CycleRef(cycle.stream(), nextCycleId);
        if (next.equals(cycle)) {
            throw new InvalidInputException("the next cycle must differ from " + cycle);
        }
        CycleStatus status = workspace.status(cycle);
        if (status.state() != CycleState.IMPROVE && status.state() != CycleState.COMPLETED) {
            throw new InvalidInputException("cycle " + cycle + " is " + status.state()
                    + ": completing it needs IMPROVE (publish the digest, then advance to IMPROVE)");
        }
        // A re-run on a COMPLETED cycle moves nothing, so no lifecycle move checks its seal: check it
        // here, before anything the repository says (the digest, the next plan) is read. From IMPROVE,
        // the move to COMPLETED below checks it before anything is written.
        List<Discrepancy> unsigned = status.state() == CycleState.COMPLETED
                ? workspace.checkHistory(status) : List.of();
        if (!unsigned.isEmpty()) {
            // On one line (fold43): a discrepancy's description is one line (fix43).
            throw new InvalidInputException("cycle " + cycle + " is " + status.state() + ", but "
                    + unsigned.get(0).describe() + "; nothing was carried into " + next,
                    SourceLocation.ofFile(unsigned.get(0).file()));
        }
        String digestPath = layout.digest(cycle);
        Path digestFile = SafePaths.resolve(workspace.root(), digestPath);
        // A digest under a directory that may not be searched is there: refused as unreadable, not "no digest".
        if (!DirectoryEntries.isRegularFile(workspace.root(), digestFile, "its improvement actions cannot be carried")) {
            throw new InvalidInputException("cycle " + cycle + " has no digest: run `planning digest` first",
                    SourceLocation.ofFile(digestPath));
        }
        // Read once (digest41): the actions carried are of the bytes checked against the log. Fail closed (improve40):
        // a digest the cycle's log records no publication of, or one edited after it was published, would carry
        // actions nobody decided into the next plan. The log is the one status read.
        DigestSummary digest = DigestPublication.read(digestFile, digestPath, cycle, Optional.of(status.history()),
                "digest", "improvement actions in the next cycle's plan").published(status.history(),
                        layout.eventLog(cycle), "its improvement actions would be tasks of the next cycle's plan");
        CycleState nextState = workspace.status(next).state();
        if (nextState != CycleState.PLANNED) {
            throw new InvalidInputException("the next cycle " + next + " is already " + nextState
                    + ": improvement actions can only be carried into a plan that is still PLANNED");
        }
        CycleArtifacts artifacts = new CycleArtifacts(workspace.root(), layout);
        Optional<String> existingPath = artifacts.taskBreakdownPath(next);
        TaskBreakdown plan = existingPath.map(this::readPlan)
                .orElseGet(() -> new TaskBreakdown("1.0.0", next.cycleId(), next.stream(), Optional.empty(), List.of(),
                        layout.taskBreakdown(next)));
        List<Task> tasks = new ArrayList<>(plan.tasks());
        List<String> carried = new ArrayList<>();
        List<String> already = new ArrayList<>();
        for (ImprovementAction action : digest.improvementActions()) {
            String origin = origin(digestPath, action);
            if (tasks.stream().anyMatch(t -> t.origin().filter(origin::equals).isPresent())) {
                already.add(action.id());
                continue;
            }
            if (plan.task(action.id()).isPresent()) {
                throw new InvalidInputException("the next plan already has a task " + action.id()
                        + " that is not this improvement action (its origin differs); rename one of them",
                        plan.task(action.id()).get().location());
            }
            tasks.add(task(action, origin, cycle));
            carried.add(action.id());
        }
        Optional<TransitionResult> completion = Optional.empty();
        if (status.state() == CycleState.IMPROVE) {
            TransitionResult result = workspace.advance(cycle, CycleState.COMPLETED);
            completion = Optional.of(result);
            if (!result.accepted()) {
                return new ImproveResult(cycle, next, completion, plan.source(), List.of(), already);
            }
        }
        if (!carried.isEmpty()) {
            TaskBreakdown merged = new TaskBreakdown(plan.version(), plan.cycleId(), plan.stream(), plan.generatedAt(),
                    tasks, plan.source());
            Path file = SafePaths.resolve(workspace.root(), plan.source());
            if (existingPath.isPresent()) {
                TaskBreakdownWriter.write(file, merged);
            } else {
                TaskBreakdownWriter.writeNew(file, merged);
            }
        }
        carryStoryMap(artifacts, cycle, next);
        workspace.create(next);
        return new ImproveResult(cycle, next, completion, plan.source(), carried, already);
    }

    /**
     * Opens the next cycle with this cycle's story map when it has none of its own: the product's
     * map outlives a cycle, and a cycle without one would pass lint only to fail the parity gate's
     * {@code parity.no-story-map} at its first transition.
     */
    private void carryStoryMap(CycleArtifacts artifacts, CycleRef cycle, CycleRef next) {
        Path target = SafePaths.resolve(workspace.root(), layout.storyMap(next));
        // One that cannot be examined is refused, never taken for absent and written over.
        if (DirectoryEntries.attributes(workspace.root(), target, "whether the next cycle has a story map cannot be told")
                .isPresent()) {
            return;
        }
        artifacts.storyMap(cycle).ifPresent(map -> StoryMapWriter.writeNew(target, new StoryMap(map.version(),
                next.cycleId(), next.stream(), map.title().replace(cycle.cycleId(), next.cycleId()), map.activities(),
                map.slices(), map.narrative(), layout.storyMap(next))));
    }

    /** The origin a carried task cites: the digest file and the action's id. */
    public static String origin(String digestPath, ImprovementAction action) {
        return "digest:" + digestPath + "#" + action.id();
    }

    private static List<Finding> errors(ReadResult<?> read) {
        List<Finding> errors = read.findings().stream()
                .filter(f -> f.severity() == dev.planning.api.gate.Severity.ERROR).toList();
        return errors.isEmpty() ? read.findings() : errors;
    }

    private TaskBreakdown readPlan(String path) {
        ReadResult<TaskBreakdown> read = new TaskBreakdownReader().read(SafePaths.resolve(workspace.root(), path), path);
        if (read.model().isEmpty()) {
            throw ErrorList.exception("the next cycle's plan does not read cleanly, so improvement actions"
                    + " cannot be merged into it", errors(read), SourceLocation.ofFile(path));
        }
        return read.model().get();
    }

    private static Task task(ImprovementAction action, String origin, CycleRef from) {
        Task.Builder builder = Task.builder(action.id(), action.action())
                .description("Improvement action carried from the digest of cycle " + from.cycleId() + ".")
                .owner(action.owner())
                .tags(new Tags(action.tags().stream().map(Tag::parse).toList()))
                .origin(origin);
        action.due().ifPresent(builder::due);
        return builder.build();
    }
}
