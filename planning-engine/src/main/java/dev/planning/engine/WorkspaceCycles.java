package dev.planning.engine;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.engine.internal.workspace.WorkspaceScanner;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The cycles a workspace lists ({@code PlanningWorkspace.cycles()}): those its planning files name and those
 * its event store holds events of: exactly the cycles {@code exists} answers for (api26: a cycle
 * with events and no task breakdown was not).
 */
final class WorkspaceCycles {

    /** By stream, then cycle id: the order the scanner and the stores list them in. */
    private static final Comparator<CycleRef> ORDER = Comparator.comparing(CycleRef::stream)
            .thenComparing(CycleRef::cycleId);

    private WorkspaceCycles() {
    }

    /** Every cycle a planning file names or the store holds an event of, by stream then cycle id. */
    static List<CycleRef> of(Path root, WorkspaceLayout layout, EventStore store) {
        TreeSet<CycleRef> cycles = new TreeSet<>(ORDER);
        cycles.addAll(new WorkspaceScanner(root, layout).cycles());
        cycles.addAll(withEvents(store));
        return List.copyOf(cycles);
    }

    /**
     * The cycles {@code store} holds events of. A log file whose chain is broken counts (its status reports it
     * broken; the store's own {@code cycles()} refuses it); an empty one, left by an interrupted first append,
     * does not. A store that does not list its cycles has none to add: the listing is then the planning files'.
     */
    private static List<CycleRef> withEvents(EventStore store) {
        if (store instanceof FileEventStore files) {
            return files.logFiles().stream().filter(cycle -> holdsEvents(files, cycle)).toList();
        }
        try {
            return store.cycles();
        } catch (UnsupportedOperationException cannotList) {
            return List.of();
        }
    }

    private static boolean holdsEvents(FileEventStore files, CycleRef cycle) {
        try {
            return !files.read(cycle).isEmpty();
        } catch (EventLogCorruptedException broken) {
            return true;
        }
    }
}
