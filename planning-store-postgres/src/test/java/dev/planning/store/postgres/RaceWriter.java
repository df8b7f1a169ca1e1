package dev.planning.store.postgres;

import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import java.time.Duration;
import java.util.List;

/**
 * A child process of {@link RaceTest}: appends to one cycle until it has won {@code args[2]}
 * times, re-reading the head after each loss; prints {@code wins losses}. With {@code args[2]}
 * {@code once}: reads the head, makes one append expecting it, and prints {@code 1 0} when it won,
 * {@code 0 1} when it got {@link ConcurrentTransitionException}.
 */
public final class RaceWriter {

    private RaceWriter() {
    }

    /** The test holds the cycle's row until every child's append waits for it: longer than the default bound. */
    private static final Duration WAIT = Duration.ofMinutes(3);

    public static void main(String[] args) {
        CycleRef cycle = new CycleRef("fe", "race");
        if (args[2].equals("once")) {
            appendOnce(args[0], args[1], cycle);
            return;
        }
        int target = Integer.parseInt(args[2]);
        int wins = 0;
        int losses = 0;
        try (PostgresStore store = PostgresStore.builder().jdbcUrl(args[0]).repository(args[1]).poolSize(1)
                .migrate(false).lockTimeout(WAIT).build()) {
            while (wins < target) {
                List<RecordedEvent> log = store.eventStore().read(cycle);
                String head = log.get(log.size() - 1).hash();
                try {
                    store.eventStore().append(cycle, Events.moved(cycle, CycleState.PLANNED, CycleState.PLANNED), head);
                    wins++;
                } catch (ConcurrentTransitionException lost) {
                    losses++;
                }
            }
        }
        System.out.println(wins + " " + losses);
    }

    private static void appendOnce(String url, String repository, CycleRef cycle) {
        try (PostgresStore store = PostgresStore.builder().jdbcUrl(url).repository(repository).poolSize(1)
                .migrate(false).lockTimeout(WAIT).build()) {
            List<RecordedEvent> log = store.eventStore().read(cycle);
            String head = log.get(log.size() - 1).hash();
            try {
                store.eventStore().append(cycle, Events.moved(cycle, CycleState.PLANNED, CycleState.PLANNED), head);
                System.out.println("1 0");
            } catch (ConcurrentTransitionException lost) {
                System.out.println("0 1");
            }
        }
    }
}
