package dev.planning.engine;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.engine.internal.workspace.PlanningFiles;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.WorkspaceScanner;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The cycles a workspace lists ({@code PlanningWorkspace.cycles()}) and whether one exists
 * ({@code PlanningWorkspace.exists}), from one definition: a cycle exists when one of its planning files is a
 * regular file or its log holds an event, and a log whose chain is broken holds one (cycles27: {@code exists}
 * threw for such a cycle while {@code cycles()} listed it). A planning file's name on a dangling symbolic link, a
 * link out of the workspace or what is no file is refused, naming it, by both (cycles27: the listing went by names
 * and listed a dangling link's cycle, which {@code exists} did not find). The planning files are judged by
 * {@link PlanningFiles}, as the gates' previous cycle and {@code planning lint} judge them.
 */
final class WorkspaceCycles {

    /** By stream, then cycle id: the order the scanner and the stores list them in. */
    private static final Comparator<CycleRef> ORDER = Comparator.comparing(CycleRef::stream)
            .thenComparing(CycleRef::cycleId);

    private WorkspaceCycles() {
    }

    /** Every cycle that {@link #exists}, by stream then cycle id. */
    static List<CycleRef> of(Path root, WorkspaceLayout layout, EventStore store) {
        TreeSet<CycleRef> cycles = new TreeSet<>(ORDER);
        Path real = SafePaths.realWorkspace(root);
        for (CycleRef named : new WorkspaceScanner(root, layout).cycles()) {
            if (PlanningFiles.present(real, layout, named)) {
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
        return PlanningFiles.present(SafePaths.realWorkspace(root), layout, cycle) || holdsEvents(store, cycle);
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
