package dev.planning.engine.internal.cycle;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.gate.LintReport;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.engine.internal.artifact.StoryMapReader;
import dev.planning.engine.internal.artifact.TaskBreakdownReader;
import dev.planning.engine.internal.lint.CycleLint;
import dev.planning.engine.internal.lint.CycleLinter;
import dev.planning.engine.internal.lint.LintRules;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.WorkspaceNames;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and reads the artifacts of cycles in one workspace. Parsed task breakdowns are kept while
 * their files' bytes do not change, so that repeated gate runs (and the other streams' plans every
 * run reads) do not parse the same plan again.
 *
 * <p>Readers return models only for valid files; their problems are schema_lint's to report, so
 * here an invalid file simply yields no model. A file that is there but cannot be examined or read
 * (no permission, an I/O error) is refused, naming it ({@code DirectoryEntries}): taken for no
 * model, another stream's plan would drop out of the cross-stream check unseen.
 */
public final class CycleArtifacts {

    private final Path workspace;
    private final WorkspaceLayout layout;
    private final PlanCache<TaskBreakdown> plans = PlanCache.taskBreakdowns(new TaskBreakdownReader());
    private final PlanCache<StoryMap> storyMaps = PlanCache.storyMaps(new StoryMapReader());
    private final LintMemo lints = new LintMemo();
    private final CycleFiles files;

    public CycleArtifacts(Path workspace, WorkspaceLayout layout) {
        this.workspace = workspace;
        this.layout = layout;
        this.files = new CycleFiles(WorkspaceNames.of(workspace), layout);
    }

    /** The workspace-relative path of the cycle's task breakdown: the first candidate that exists. */
    public Optional<String> taskBreakdownPath(CycleRef cycle) {
        return files.taskBreakdownPath(cycle);
    }

    /** What cannot be done without a plan file that cannot be examined or read. */
    private static final String WITHOUT = CycleFiles.WITHOUT;

    /**
     * The cycle's task breakdown, when it exists and is valid (its problems are schema_lint's to
     * report); refused, naming it, when it is there but its bytes cannot be read.
     */
    public Optional<TaskBreakdown> taskBreakdown(CycleRef cycle) {
        return taskBreakdownPath(cycle).flatMap(p -> read(plans, p));
    }

    private <T> Optional<T> read(PlanCache<T> cache, String path) {
        Path file = SafePaths.resolve(workspace, path);
        try {
            return cache.read(file, path);
        } catch (PlanCache.Unreadable e) {
            throw DirectoryEntries.cannotRead(workspace, file, WITHOUT, e.getCause());
        }
    }

    /**
     * The cycle's lint under a rulebook (its taxonomy and rule names; no waiver expiry), as the
     * {@code schema_lint} gate judges it: reused while the files the linter reads and the rulebook's
     * hash are unchanged ({@link LintMemo}).
     */
    public LintReport lint(CycleRef cycle, Rulebook rulebook) {
        CycleLinter linter = new CycleLinter(layout);
        return lints.get(workspace, cycle, rulebook.hash(), linter.inputs(cycle), () -> {
            CycleLint lint = linter.lint(workspace, cycle, LintRules.of(rulebook));
            return new LintReport(lint.filesChecked(), lint.findings());
        });
    }

    /** The cycle's story map, when it exists and can be read. */
    public Optional<StoryMap> storyMap(CycleRef cycle) {
        String path = layout.storyMap(cycle);
        return files.exists(path) ? read(storyMaps, path) : Optional.empty();
    }

    /**
     * The plans of the workspace's other streams: for each, the plan of the same cycle id when it
     * exists, otherwise that stream's latest cycle (by cycle id order).
     */
    public Map<String, TaskBreakdown> otherStreams(CycleRef cycle) {
        Map<String, TaskBreakdown> plans = new LinkedHashMap<>();
        otherStreamCycles(cycle).forEach((stream, chosen) ->
                taskBreakdown(chosen).ifPresent(plan -> plans.put(stream, plan)));
        return plans;
    }

    /** The task breakdown files {@link #otherStreams} reads, by stream. */
    public Map<String, String> otherStreamPaths(CycleRef cycle) {
        return files.otherStreamPaths(cycle);
    }

    private Map<String, CycleRef> otherStreamCycles(CycleRef cycle) {
        return files.otherStreamCycles(cycle);
    }

    /** The cycle's artifact files that exist: task breakdown, story map, decision log. */
    public List<String> artifactPaths(CycleRef cycle) {
        return files.artifactPaths(cycle);
    }
}
