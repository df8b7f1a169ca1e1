package dev.planning.engine;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.Shown;
import dev.planning.engine.internal.workspace.WorkspaceScanner;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The cycles a workspace lists ({@code PlanningWorkspace.cycles()}) and whether one exists
 * ({@code PlanningWorkspace.exists}), from one definition: a cycle exists when one of its planning files is a
 * regular file or its log holds an event, and a log whose chain is broken holds one (cycles27: {@code exists}
 * threw for such a cycle while {@code cycles()} listed it). A planning file's name on a dangling symbolic link, a
 * link out of the workspace or what is no file is refused, naming it, by both (cycles27: the listing went by names
 * and listed a dangling link's cycle, which {@code exists} did not find).
 */
final class WorkspaceCycles {

    /** By stream, then cycle id: the order the scanner and the stores list them in. */
    private static final Comparator<CycleRef> ORDER = Comparator.comparing(CycleRef::stream)
            .thenComparing(CycleRef::cycleId);

    /** What cannot be done without a planning file that cannot be examined. */
    private static final String WITHOUT = "the workspace's cycles cannot be told without it";

    private WorkspaceCycles() {
    }

    /** Every cycle that {@link #exists}, by stream then cycle id. */
    static List<CycleRef> of(Path root, WorkspaceLayout layout, EventStore store) {
        TreeSet<CycleRef> cycles = new TreeSet<>(ORDER);
        Path real = SafePaths.realWorkspace(root);
        for (CycleRef named : new WorkspaceScanner(root, layout).cycles()) {
            if (hasPlanningFile(real, layout, named)) {
                cycles.add(named);
            }
        }
        cycles.addAll(withEvents(store));
        return List.copyOf(cycles);
    }

    /**
     * Whether the cycle exists: one of its planning files is a regular file, or its log holds at least one
     * event (a log whose chain is broken holds one: the cycle exists, and reading it refuses it).
     *
     * @throws InvalidInputException when one of its planning files is a dangling link, a link out of the
     *                               workspace or no file
     */
    static boolean exists(Path root, WorkspaceLayout layout, EventStore store, CycleRef cycle) {
        return hasPlanningFile(SafePaths.realWorkspace(root), layout, cycle) || holdsEvents(store, cycle);
    }

    /** Whether one of the cycle's planning files is a regular file; every one is examined, so each refusal is had. */
    private static boolean hasPlanningFile(Path real, WorkspaceLayout layout, CycleRef cycle) {
        boolean found = false;
        for (String path : layout.planningFiles(cycle)) {
            found |= isPlanningFile(real, path);
        }
        return found;
    }

    /**
     * Whether a planning file is there, as every reader of it sees it ({@link SafePaths}: a link inside the
     * workspace followed). Refused, naming it: a link whose target is missing (no file to read, never a cycle
     * nor silently none), a path through a link out of the workspace, and a name on what is no regular file
     * (a directory), as the event-log listing refuses a log's name on them.
     */
    private static boolean isPlanningFile(Path real, String path) {
        Path file = real.resolve(path);
        Optional<BasicFileAttributes> entry = DirectoryEntries.attributes(real, file, WITHOUT,
                LinkOption.NOFOLLOW_LINKS);
        if (entry.isEmpty()) {
            return false;
        }
        if (entry.get().isSymbolicLink() && DirectoryEntries.attributes(real, file, WITHOUT).isEmpty()) {
            throw new InvalidInputException("planning file " + Shown.path(path) + " is a symbolic link whose target"
                    + " does not exist: a dangling link is no cycle's file, and the workspace's cycles cannot be told"
                    + " while it is there; remove the link or restore its target", SourceLocation.ofFile(path));
        }
        // Refuses a link out of the workspace, naming the path, as every reader of the file does.
        SafePaths.resolveUnder(real, path);
        if (!DirectoryEntries.isRegularFile(real, file, WITHOUT)) {
            throw new InvalidInputException("planning file " + Shown.path(path) + " is no regular file (a directory?):"
                    + " the workspace's cycles cannot be told without telling what it holds; remove it or put the"
                    + " file there", SourceLocation.ofFile(path));
        }
        return true;
    }

    /**
     * The cycles {@code store} holds events of. A log file whose chain is broken counts (its status reports it
     * broken; the store's own {@code cycles()} refuses it); an empty one, left by an interrupted first append,
     * does not. A store that does not list its cycles has none to add: the listing is then the planning files'.
     * A store's answer is checked: no list, or a {@code null} in it, is refused, never passed on.
     */
    private static List<CycleRef> withEvents(EventStore store) {
        if (store instanceof FileEventStore files) {
            return files.logFiles().stream().filter(cycle -> holdsEvents(files, cycle)).toList();
        }
        List<CycleRef> listed;
        try {
            listed = store.cycles();
        } catch (UnsupportedOperationException cannotList) {
            return List.of();
        }
        if (listed == null || listed.stream().anyMatch(Objects::isNull)) {
            throw new PlanningException("the event store " + store.getClass().getName() + " listed "
                    + (listed == null ? "no list" : "a null cycle") + " from EventStore.cycles(): the workspace's"
                    + " cycles cannot be told from it; the store must list a CycleRef for each cycle with an event");
        }
        return listed;
    }

    private static boolean holdsEvents(EventStore store, CycleRef cycle) {
        try {
            return !store.read(cycle).isEmpty();
        } catch (EventLogCorruptedException broken) {
            return true;
        }
    }
}
