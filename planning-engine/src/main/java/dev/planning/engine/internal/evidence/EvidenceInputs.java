package dev.planning.engine.internal.evidence;

import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.cycle.CycleArtifacts;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.api.WorkspaceLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The files a gate of a cycle judges: the cycle's plan files (task breakdown, story map, decision
 * log), its contracts file, the capacity model, and the plans of the other streams that the gates
 * see ({@link CycleArtifacts#otherStreamPaths}). The built-in gates read nothing else of the
 * workspace at planning and handoff (parity_coverage reads outcomes only after execution), so
 * these files, with the rulebook, are every input of a verdict at sealing.
 *
 * <p>Each gate evidence file records their SHA-256 ({@code inputs}); the manifest seals every one
 * of them, and {@code verify} checks that the two agree before it re-derives the verdict.
 */
public final class EvidenceInputs {

    private final Path workspace;
    private final WorkspaceLayout layout;
    private final CycleArtifacts artifacts;

    public EvidenceInputs(Path workspace, WorkspaceLayout layout) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.artifacts = new CycleArtifacts(workspace, layout);
    }

    /** The inputs of the cycle's verdicts that exist now, workspace-relative, in a stable order. */
    public List<String> paths(CycleRef cycle) {
        Set<String> paths = new LinkedHashSet<>(artifacts.artifactPaths(cycle));
        for (String optional : List.of(layout.contracts(cycle), layout.capacityModel())) {
            if (Files.isRegularFile(SafePaths.resolve(workspace, optional))) {
                paths.add(optional);
            }
        }
        paths.addAll(artifacts.otherStreamPaths(cycle).values());
        return List.copyOf(paths);
    }

    /** The SHA-256 of each input that exists now, by path. */
    public Map<String, String> digests(CycleRef cycle) {
        List<String> paths = paths(cycle);
        List<Path> files = paths.stream().map(p -> SafePaths.resolve(workspace, p)).toList();
        Map<Path, Sha256.FileDigest> digests = Sha256.files(files);
        Map<String, String> result = new LinkedHashMap<>();
        for (int i = 0; i < paths.size(); i++) {
            result.put(paths.get(i), digests.get(files.get(i)).sha256());
        }
        return result;
    }
}
