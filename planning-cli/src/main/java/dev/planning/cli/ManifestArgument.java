package dev.planning.cli;

import dev.planning.api.InvalidInputException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.Planning;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A manifest file named on the command line, and the workspace it belongs to: the one given with
 * {@code -w}, or the directory the manifest's standard place ({@code frameworks/planning-S/manifests/...})
 * lies under.
 */
final class ManifestArgument {

    private ManifestArgument() {
    }

    /** What a manifest file says about where it belongs. */
    record Located(Path file, HandoffManifest manifest, CycleRef cycle, Optional<Path> workspace) {
    }

    /**
     * Reads the manifest for its cycle and infers its workspace. The workspace then reads it again
     * with its artifact paths checked against the workspace.
     *
     * @throws InvalidInputException when the file is not a valid manifest
     */
    static Located locate(Path manifestFile) {
        Path file = manifestFile.toAbsolutePath().normalize();
        // Only the cycle's identity is needed here, before the workspace is known.
        HandoffManifest manifest = Planning.readManifest(manifestFile);
        CycleRef cycle = new CycleRef(manifest.stream(), manifest.cycleId());
        String place = WorkspaceLayout.DEFAULT.manifest(cycle);
        Optional<Path> workspace = Optional.empty();
        String normalized = file.toString().replace(file.getFileSystem().getSeparator(), "/");
        if (normalized.endsWith("/" + place)) {
            Path root = file;
            for (int i = 0; i < place.split("/").length; i++) {
                root = root.getParent();
            }
            workspace = Optional.of(root);
        }
        return new Located(file, manifest, cycle, workspace);
    }
}
