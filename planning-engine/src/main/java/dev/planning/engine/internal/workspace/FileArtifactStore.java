package dev.planning.engine.internal.workspace;

import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.store.ArtifactStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The default {@link ArtifactStore}: the files of a workspace directory. Every path goes through
 * {@link SafePaths}, every write through {@link AtomicFiles}.
 *
 * <pre>{@code
 * ArtifactStore store = new FileArtifactStore(Path.of("."));
 * store.writeOnce("frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml", bytes);
 * }</pre>
 */
public final class FileArtifactStore implements ArtifactStore {

    private final Path workspace;

    /** @param workspace the workspace root; must exist */
    public FileArtifactStore(Path workspace) {
        this.workspace = Objects.requireNonNull(workspace, "workspace").toAbsolutePath().normalize();
    }

    /** The workspace root, absolute. */
    public Path workspace() {
        return workspace;
    }

    @Override
    public Optional<byte[]> read(String path) {
        Path file = SafePaths.resolve(workspace, path);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure(path, "cannot be read", e);
        }
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(SafePaths.resolve(workspace, path));
    }

    @Override
    public void write(String path, byte[] content) {
        AtomicFiles.write(SafePaths.resolve(workspace, path), content);
    }

    @Override
    public void writeOnce(String path, byte[] content) {
        AtomicFiles.writeNew(SafePaths.resolve(workspace, path), content);
    }

    @Override
    public List<String> list(String directory) {
        Path dir = SafePaths.resolve(workspace, directory);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile)
                    .map(file -> SafePaths.relativize(workspace, file))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw failure(directory, "cannot be listed", e);
        }
    }

    private static PlanningException failure(String path, String what, IOException e) {
        return new PlanningException(path + " " + what + " (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                + ")", SourceLocation.ofFile(path), e);
    }
}
