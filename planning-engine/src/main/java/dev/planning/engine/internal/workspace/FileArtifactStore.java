package dev.planning.engine.internal.workspace;

import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.store.ArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The default {@link ArtifactStore}: the files of a workspace directory. Every path goes through
 * {@link SafePaths}, every write through {@link AtomicFiles}. A file is read up to {@link #MAX_BYTES}
 * (32 MiB, the bound {@link LayoutFiles#read} and the workspace's other readers keep): anyone who
 * commits may write a file of any size, and a larger one is refused unread, with a
 * {@link PlanningException}, instead of filling the heap.
 *
 * <pre>{@code
 * ArtifactStore store = new FileArtifactStore(Path.of("."));
 * store.writeOnce("frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml", bytes);
 * }</pre>
 */
public final class FileArtifactStore implements ArtifactStore {

    /** Files larger than this are not read ({@link #read}): the bound of {@link LayoutFiles#MAX_BYTES}. */
    public static final long MAX_BYTES = LayoutFiles.MAX_BYTES;

    private final Path workspace;

    /** @param workspace the workspace root; must exist */
    public FileArtifactStore(Path workspace) {
        this.workspace = Objects.requireNonNull(workspace, "workspace").toAbsolutePath().normalize();
    }

    /** The workspace root, absolute. */
    public Path workspace() {
        return workspace;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reads at most {@link #MAX_BYTES}: a file whose size is over it is refused before a byte is
     * read, and one that grows past it while being read is refused too (the read stops one byte past
     * the bound).
     *
     * @throws PlanningException when the file is over {@link #MAX_BYTES} or cannot be read
     */
    @Override
    public Optional<byte[]> read(String path) {
        Path file = SafePaths.resolve(workspace, path);
        try {
            if (!DirectoryEntries.isRegularFile(workspace, file, "the gates read it")) {
                return Optional.empty();
            }
            if (Files.size(file) > MAX_BYTES) {
                throw overBound(path);
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                throw overBound(path);
            }
            return Optional.of(bytes);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure(path, "cannot be read", e);
        }
    }

    @Override
    public boolean exists(String path) {
        return DirectoryEntries.attributes(workspace, SafePaths.resolve(workspace, path),
                "whether it is there decides what the gates find").isPresent();
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
        // A directory (or file in it) that cannot be examined is refused, never taken for empty.
        String without = "the gates read what it holds";
        return DirectoryEntries.sorted(workspace, dir, without).stream()
                .filter(file -> DirectoryEntries.isRegularFile(workspace, file, without))
                .map(file -> SafePaths.relativize(workspace, file))
                .sorted()
                .toList();
    }

    private static PlanningException overBound(String path) {
        return new PlanningException("cannot read " + Shown.path(path) + ": it is over the " + (MAX_BYTES >> 20)
                + " MiB a workspace file is read up to", SourceLocation.ofFile(path), null);
    }

    private static PlanningException failure(String path, String what, IOException e) {
        return new PlanningException(Shown.path(path) + " " + what + " (" + e.getClass().getSimpleName() + ": "
                + Shown.why(e) + ")", SourceLocation.ofFile(path), e);
    }
}
