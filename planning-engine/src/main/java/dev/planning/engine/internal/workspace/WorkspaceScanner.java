package dev.planning.engine.internal.workspace;

import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds the streams and cycles present in a workspace by looking at its files: a stream is a
 * {@code planning-{stream}} directory with a valid stream name; a cycle is any cycle id that names
 * one of the stream's planning files (task breakdown or backlog, story map, decision log).
 *
 * <pre>{@code
 * WorkspaceScanner scanner = new WorkspaceScanner(workspace, WorkspaceLayout.DEFAULT);
 * scanner.streams();          // [be, fe]
 * scanner.cycles("fe");       // [fe/2025-09-02]
 * }</pre>
 */
public final class WorkspaceScanner {

    private static final List<String> PLAN_DIRECTORIES = List.of("tasks", "storymaps", "decisions");

    private final Path workspace;
    private final WorkspaceLayout layout;

    public WorkspaceScanner(Path workspace, WorkspaceLayout layout) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    /** The streams of the workspace, sorted; directories with invalid stream names are skipped. */
    public List<String> streams() {
        Path root = workspace.resolve(layout.streamsRoot());
        TreeSet<String> streams = new TreeSet<>();
        for (Path dir : children(root)) {
            if (Files.isDirectory(dir)) {
                Optional.ofNullable(layout.streamOfDirectory(dir.getFileName().toString()))
                        .filter(WorkspaceScanner::isStream)
                        .ifPresent(streams::add);
            }
        }
        return List.copyOf(streams);
    }

    /** The cycles of one stream that have at least one planning file, sorted by cycle id. */
    public List<CycleRef> cycles(String stream) {
        CycleRef.requireStream(stream);
        Path streamDir = workspace.resolve(layout.streamDir(stream));
        TreeSet<String> cycleIds = new TreeSet<>();
        for (String directory : PLAN_DIRECTORIES) {
            for (Path file : children(streamDir.resolve(directory))) {
                String relative = layout.streamDir(stream) + "/" + directory + "/" + file.getFileName();
                layout.cycleIdOf(stream, relative).ifPresent(cycleIds::add);
            }
        }
        return cycleIds.stream().map(id -> new CycleRef(stream, id)).toList();
    }

    /** Every cycle of every stream, by stream then cycle id. */
    public List<CycleRef> cycles() {
        return streams().stream().flatMap(stream -> cycles(stream).stream()).toList();
    }

    private static boolean isStream(String name) {
        return name.matches("[a-z][a-z0-9-]{0,31}");
    }

    /**
     * The entries of a directory, sorted; none when it does not exist or is not a directory. A
     * directory that exists but cannot be examined or listed (no permission, an I/O error) is
     * refused, not taken for empty: its cycles would otherwise vanish from every count.
     */
    private List<Path> children(Path dir) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(dir, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw unreadable("cannot read", dir, e);
        }
        if (!attributes.isDirectory()) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw unreadable("cannot list", dir, e);
        } catch (UncheckedIOException e) {
            throw unreadable("cannot list", dir, e.getCause());
        }
    }

    private PlanningException unreadable(String what, Path dir, IOException e) {
        String shown = SafePaths.relativize(workspace, dir);
        String why = e instanceof FileSystemException failed && failed.getReason() != null ? failed.getReason()
                : e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName();
        return new PlanningException(what + " " + Shown.path(shown) + " (" + Shown.path(why) + "): the streams and cycles"
                + " of the workspace cannot be told without it; make it readable by the user running planning",
                SourceLocation.ofFile(shown), e);
    }
}
