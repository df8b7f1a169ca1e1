package dev.planning.engine.internal.workspace;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

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

    /** What cannot be done without an entry of the streams directory that cannot be examined. */
    private static final String WITHOUT = "the streams and cycles of the workspace cannot be told without it";

    private final WorkspaceNames names;
    private final WorkspaceLayout layout;

    public WorkspaceScanner(Path workspace, WorkspaceLayout layout) {
        this(WorkspaceNames.of(Objects.requireNonNull(workspace, "workspace")), layout);
    }

    /** A scanner of names alone (a work tree's, or a commit's: {@link WorkspaceNames#ofFiles}). */
    public WorkspaceScanner(WorkspaceNames names, WorkspaceLayout layout) {
        this.names = Objects.requireNonNull(names, "names");
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    /** The streams of the workspace, sorted; directories with invalid stream names are skipped. */
    public List<String> streams() {
        String root = layout.streamsRoot();
        TreeSet<String> streams = new TreeSet<>();
        for (String name : names.entries(root, WITHOUT)) {
            // An entry that cannot be examined (a streams directory that may be read, not searched) is
            // refused, never skipped: its cycles would vanish from every scan.
            if (names.isDirectory(root + "/" + name, WITHOUT)) {
                Optional.ofNullable(layout.streamOfDirectory(name))
                        .filter(WorkspaceScanner::isStream)
                        .ifPresent(streams::add);
            }
        }
        return List.copyOf(streams);
    }

    /** The cycles of one stream that have at least one planning file, sorted by cycle id. */
    public List<CycleRef> cycles(String stream) {
        CycleRef.requireStream(stream);
        String streamDir = layout.streamDir(stream);
        TreeSet<String> cycleIds = new TreeSet<>();
        for (String directory : PLAN_DIRECTORIES) {
            for (String file : names.entries(streamDir + "/" + directory, WITHOUT)) {
                String relative = streamDir + "/" + directory + "/" + file;
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
}
