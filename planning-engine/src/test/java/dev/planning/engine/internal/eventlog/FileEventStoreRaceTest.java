package dev.planning.engine.internal.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.fixtures.ChildJvms;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
@Tag("race")
@Tag("subprocess")
class FileEventStoreRaceTest {

    @TempDir
    Path workspace;

    @Test
    void racingStoreInstancesNeverForkTheChain() {
        int writers = 4;
        int each = 25;
        assertTimeoutPreemptively(Duration.ofMinutes(10), () -> {
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                CyclicBarrier start = new CyclicBarrier(writers);
                List<Future<Integer>> results = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    String prefix = "w" + w;
                    // One instance per writer, as separate processes would have.
                    FileEventStore store = new FileEventStore(workspace);
                    Callable<Integer> writer = () -> {
                        start.await();
                        return AppendRacer.race(store, TestEvents.CYCLE, each, prefix);
                    };
                    results.add(pool.submit(writer));
                }
                for (Future<Integer> result : results) {
                    result.get();
                }
            } finally {
                pool.shutdownNow();
            }
        });

        assertWholeChain(writers * each);
    }

    @Test
    void racingJvmsNeverForkTheChain() throws Exception {
        int each = 30;
        // Outside the guard: when the timeout fires (or an assertion fails), closing kills the children.
        try (ChildJvms children = new ChildJvms()) {
            assertTimeoutPreemptively(Duration.ofMinutes(10), () -> {
                List<Process> processes = new ArrayList<>();
                for (String prefix : List.of("jvmA", "jvmB")) {
                    processes.add(children.start(AppendRacer.class, workspace.toString(), String.valueOf(each), prefix));
                }
                AppendRacer.race(new FileEventStore(workspace), TestEvents.CYCLE, each, "here");
                for (Process process : processes) {
                    String output = ChildJvms.output(process);
                    assertThat(process.exitValue()).as(output).isZero();
                    assertThat(output).contains("conflicts");
                }
            });
        }

        assertWholeChain(3 * each);
    }

    /**
     * Writers racing the first event of a new stream all find its events directory missing; whichever of them
     * makes it, the others must append (or lose the race on the head), never fail on the lock
     * file of a directory that appeared meanwhile.
     */
    @Test
    void racingFirstEventsOfNewStreamsNeverFailOnTheMissingDirectory() {
        int writers = 4;
        int cycles = 200;
        assertTimeoutPreemptively(Duration.ofMinutes(10), () -> {
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                for (int c = 0; c < cycles; c++) {
                    CycleRef cycle = new CycleRef("s" + c, "2025-10-01");
                    CyclicBarrier start = new CyclicBarrier(writers);
                    List<Future<Boolean>> results = new ArrayList<>();
                    for (int w = 0; w < writers; w++) {
                        FileEventStore store = new FileEventStore(workspace);
                        PlanningEvent event = firstEvent(cycle, "w" + w);
                        results.add(pool.submit(() -> {
                            start.await();
                            try {
                                store.append(cycle, event, RecordedEvent.GENESIS);
                                return true;
                            } catch (ConcurrentTransitionException lostTheRace) {
                                return false;
                            }
                        }));
                    }
                    int won = 0;
                    for (Future<Boolean> result : results) {
                        won += result.get() ? 1 : 0;
                    }
                    assertThat(won).as("writers whose first event of %s landed", cycle).isEqualTo(1);
                    assertThat(new FileEventStore(workspace).read(cycle)).hasSize(1);
                }
            } finally {
                pool.shutdownNow();
            }
        });
    }

    private static PlanningEvent firstEvent(CycleRef cycle, String id) {
        return new PlanningEvent(id, Instant.parse("2025-10-01T10:00:00Z"), EventType.STATE_TRANSITION,
                Optional.empty(), Optional.of(CycleState.PLANNED), cycle.toString(), "ci", Map.of(),
                Map.of("transition", "plan"));
    }

    private void assertWholeChain(int expected) {
        List<RecordedEvent> events = new FileEventStore(workspace).read(TestEvents.CYCLE);
        assertThat(events).hasSize(expected);
        assertThat(events).extracting(e -> e.event().id()).doesNotHaveDuplicates();
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).prevHash()).isEqualTo(events.get(i - 1).hash());
        }
    }
}
