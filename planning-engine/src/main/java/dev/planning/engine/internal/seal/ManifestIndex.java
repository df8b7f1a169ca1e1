package dev.planning.engine.internal.seal;

import dev.planning.api.InvalidInputException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.WorkspaceScanner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sealed manifests of a workspace by manifest id, for following {@code prior_manifest_id}.
 * Every file claiming an id is kept: an id claimed twice names no manifest, and verify reports it.
 */
final class ManifestIndex {

    private static final String SUFFIX = "-handoff_manifest.yaml";

    private final Map<String, List<String>> pathsById;

    private ManifestIndex(Map<String, List<String>> pathsById) {
        this.pathsById = pathsById;
    }

    /** Reads every stream's manifests; unreadable ones are left out (verifying them reports why). */
    static ManifestIndex scan(Path workspace, WorkspaceLayout layout) {
        return scan(workspace, layout, null, null);
    }

    /**
     * Reads every stream's manifests, as {@link #scan(Path, WorkspaceLayout)}, except the one at
     * {@code knownPath}, which the caller read already as {@code known} (its verification reads it once).
     *
     * @param knownPath the workspace-relative path of the manifest the caller read, or {@code null}
     * @param known     that manifest, or {@code null}
     */
    static ManifestIndex scan(Path workspace, WorkspaceLayout layout, String knownPath, HandoffManifest known) {
        Map<String, List<String>> byId = new LinkedHashMap<>();
        ManifestReader reader = new ManifestReader(workspace);
        for (String stream : new WorkspaceScanner(workspace, layout).streams()) {
            String dir = layout.streamDir(stream) + "/manifests";
            Path directory = SafePaths.resolve(workspace, dir);
            for (Path file : DirectoryEntries.sorted(workspace, directory,
                    "a manifest there could claim the id of another unseen")) {
                String name = file.getFileName().toString();
                // One listed but not examinable (a directory that may be read, not searched) is refused.
                if (!name.endsWith(SUFFIX) || !DirectoryEntries.isRegularFile(workspace, file,
                        "a manifest there could claim the id of another unseen")) {
                    continue;
                }
                String relative = dir + "/" + name;
                try {
                    String id = known != null && relative.equals(knownPath) ? known.manifestId()
                            : ManifestForms.read(reader, workspace, file, relative).read().manifest().manifestId();
                    byId.computeIfAbsent(id, key -> new ArrayList<>()).add(relative);
                } catch (InvalidInputException unreadable) {
                    // Not indexable; whoever verifies that manifest gets the error.
                }
            }
        }
        return new ManifestIndex(byId);
    }

    /**
     * The workspace-relative path of the manifest with this id; empty when no file, or more than
     * one file, claims it (a forged file must not shadow a real manifest: see {@link #claims}).
     */
    Optional<String> path(String manifestId) {
        List<String> paths = claims(manifestId);
        return paths.size() == 1 ? Optional.of(paths.get(0)) : Optional.empty();
    }

    /** Every manifest file of the workspace that claims this id, in file order. */
    List<String> claims(String manifestId) {
        return List.copyOf(pathsById.getOrDefault(manifestId, List.of()));
    }
}
