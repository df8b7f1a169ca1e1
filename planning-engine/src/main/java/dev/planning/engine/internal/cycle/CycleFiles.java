package dev.planning.engine.internal.cycle;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.workspace.WorkspaceNames;
import dev.planning.engine.internal.workspace.WorkspaceScanner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which files are a cycle's plan files and which are the other streams' plans its gates read, told
 * from names alone ({@link WorkspaceNames}): in a work tree for {@link CycleArtifacts}, which then
 * reads them, or among a commit's names, for the inputs the gates would have read there.
 */
public final class CycleFiles {

    /** What cannot be done without a plan file that cannot be examined. */
    static final String WITHOUT = "the cycle's plans cannot be judged without it";

    private final WorkspaceNames names;
    private final WorkspaceLayout layout;

    public CycleFiles(WorkspaceNames names, WorkspaceLayout layout) {
        this.names = Objects.requireNonNull(names, "names");
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    /** The workspace-relative path of the cycle's task breakdown: the first candidate that exists. */
    public Optional<String> taskBreakdownPath(CycleRef cycle) {
        return layout.taskBreakdownCandidates(cycle).stream().filter(this::exists).findFirst();
    }

    /**
     * Whether the workspace file is a regular file; refused, naming it, when it cannot be examined (a
     * directory above it that may not be searched), never taken for absent.
     */
    boolean exists(String path) {
        return names.isRegularFile(path, WITHOUT);
    }

    /** The task breakdown files of the other streams' plans the gates read, by stream. */
    public Map<String, String> otherStreamPaths(CycleRef cycle) {
        Map<String, String> paths = new LinkedHashMap<>();
        otherStreamCycles(cycle).forEach((stream, chosen) ->
                taskBreakdownPath(chosen).ifPresent(path -> paths.put(stream, path)));
        return paths;
    }

    /**
     * For each other stream, the cycle whose plan the gates read: the same cycle id when it exists,
     * otherwise that stream's latest cycle (by cycle id order).
     */
    Map<String, CycleRef> otherStreamCycles(CycleRef cycle) {
        WorkspaceScanner scanner = new WorkspaceScanner(names, layout);
        Map<String, CycleRef> chosenCycles = new LinkedHashMap<>();
        for (String stream : scanner.streams()) {
            if (stream.equals(cycle.stream())) {
                continue;
            }
            List<CycleRef> cycles = scanner.cycles(stream);
            CycleRef same = new CycleRef(stream, cycle.cycleId());
            Optional<CycleRef> chosen = cycles.contains(same)
                    ? Optional.of(same)
                    : cycles.stream().reduce((first, second) -> second);
            chosen.ifPresent(c -> chosenCycles.put(stream, c));
        }
        return chosenCycles;
    }

    /** The cycle's artifact files that exist: task breakdown, story map, decision log. */
    public List<String> artifactPaths(CycleRef cycle) {
        List<String> paths = new ArrayList<>();
        taskBreakdownPath(cycle).ifPresent(paths::add);
        for (String path : List.of(layout.storyMap(cycle), layout.decisionLog(cycle))) {
            if (exists(path)) {
                paths.add(path);
            }
        }
        return paths;
    }
}
