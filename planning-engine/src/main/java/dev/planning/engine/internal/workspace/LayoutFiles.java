package dev.planning.engine.internal.workspace;

import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.store.ArtifactKind;
import dev.planning.api.store.WorkspaceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link WorkspaceFiles} of a workspace directory laid out by a {@link WorkspaceLayout}: what
 * the engine's gate contexts hand to gates. Every path goes through {@link SafePaths}.
 */
public final class LayoutFiles implements WorkspaceFiles {

    private final Path root;
    private final WorkspaceLayout layout;

    /** Files larger than this are not read ({@link #read}); the bound evidence and outcomes are read to. */
    public static final long MAX_BYTES = 32L * 1024 * 1024;

    /** Why a file that cannot be examined is refused rather than taken for absent. */
    private static final String WITHOUT = "whether it is there decides what the checks find";

    private static final String BREAKDOWN = "the cycle's task breakdown cannot be told without it";

    /**
     * @param root   the workspace root, absolute
     * @param layout where artifacts live
     */
    public LayoutFiles(Path root, WorkspaceLayout layout) {
        this.root = Objects.requireNonNull(root, "root");
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    /** The layout these files follow. */
    public WorkspaceLayout layout() {
        return layout;
    }

    @Override
    public String path(CycleRef cycle, ArtifactKind kind) {
        Objects.requireNonNull(cycle, "cycle");
        return switch (Objects.requireNonNull(kind, "kind")) {
            case TASK_BREAKDOWN -> layout.taskBreakdownCandidates(cycle).stream()
                    .filter(p -> DirectoryEntries.isRegularFile(root, SafePaths.resolve(root, p), BREAKDOWN))
                    .findFirst().orElse(layout.taskBreakdown(cycle));
            case STORY_MAP -> layout.storyMap(cycle);
            case DECISION_LOG -> layout.decisionLog(cycle);
            case CONTRACTS -> layout.contracts(cycle);
            case CAPACITY_MODEL -> layout.capacityModel();
            case MANIFEST -> layout.manifest(cycle);
            case DIGEST -> layout.digest(cycle);
            case RETROSPECTIVE -> layout.retrospective(cycle);
            case EVENT_LOG -> layout.eventLog(cycle);
            case EVIDENCE -> layout.evidenceDir(cycle);
            case OUTCOMES -> layout.outcomesDir(cycle);
        };
    }

    @Override
    public Optional<byte[]> read(String path) {
        Path file = SafePaths.resolve(root, path);
        if (!DirectoryEntries.isRegularFile(root, file, WITHOUT)) {
            return Optional.empty();
        }
        try {
            // Any file of the workspace is anyone's who commits, of any size: read up to the bound.
            if (Files.size(file) > MAX_BYTES) {
                throw new PlanningException("cannot read " + Shown.path(path) + ": it is over the " + (MAX_BYTES >> 20)
                        + " MiB a workspace file is read up to", SourceLocation.ofFile(path), null);
            }
            byte[] bytes = Files.readAllBytes(file);
            dev.planning.engine.internal.hash.JudgedReads.read(file, bytes);
            return Optional.of(bytes);
        } catch (IOException e) {
            throw new PlanningException("cannot read " + Shown.path(path) + ": " + Shown.why(e), SourceLocation.ofFile(path),
                    e);
        }
    }

    @Override
    public boolean exists(String path) {
        return DirectoryEntries.isRegularFile(root, SafePaths.resolve(root, path), WITHOUT);
    }

    @Override
    public List<String> list(String directory) {
        Path dir = SafePaths.resolve(root, directory);
        return DirectoryEntries.sorted(root, dir, WITHOUT).stream()
                .filter(p -> DirectoryEntries.isRegularFile(root, p, WITHOUT))
                .map(p -> SafePaths.relativize(root, p))
                .sorted()
                .toList();
    }

    /**
     * {@inheritDoc} A planning file's name on a dangling link, a link out of the workspace or what is no file
     * is refused, naming it ({@link PlanningFiles}), never listed nor skipped.
     */
    @Override
    public List<CycleRef> cycles(String stream) {
        return PlanningFiles.cycles(root, layout, stream);
    }
}
