package dev.planning.engine.internal.eventlog;

import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.lifecycle.CycleRef;
import java.nio.file.Path;

/**
 * Appends events to one cycle's log until it has recorded its share, re-reading the head after
 * every lost race. Run in threads, and as {@code main} in separate JVMs to race across processes.
 */
final class AppendRacer {

    private AppendRacer() {
    }

    /** Arguments: workspace directory, number of events, id prefix. Prints the conflicts it met. */
    public static void main(String[] args) {
        int conflicts = race(new FileEventStore(Path.of(args[0])), TestEvents.CYCLE, Integer.parseInt(args[1]),
                args[2]);
        System.out.println("conflicts " + conflicts);
    }

    static int race(FileEventStore store, CycleRef cycle, int count, String prefix) {
        int conflicts = 0;
        int done = 0;
        while (done < count) {
            String head = TestEvents.head(store.read(cycle));
            try {
                store.append(cycle, TestEvents.event(prefix + "_" + done), head);
                done++;
            } catch (ConcurrentTransitionException e) {
                conflicts++;
            }
        }
        return conflicts;
    }
}
