package dev.planning.engine.internal.lifecycle;

import static dev.planning.api.lifecycle.CycleState.PLANNED;
import static dev.planning.api.lifecycle.CycleState.READY_FOR_HANDOFF;
import static dev.planning.engine.internal.lifecycle.Fixtures.CYCLE;
import static dev.planning.engine.internal.lifecycle.Fixtures.gate;
import static dev.planning.engine.internal.lifecycle.Fixtures.machine;
import static dev.planning.engine.internal.lifecycle.Fixtures.rulebook;
import static dev.planning.engine.internal.lifecycle.Fixtures.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.InvalidTransitionException;
import dev.planning.api.event.EventType;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.lifecycle.TransitionResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleMachineConcurrencyTest {

    private static final int THREADS = 8;

    @TempDir
    Path workspace;

    @Test
    void ofManyConcurrentAdvancesExactlyOneIsRecorded() {
        assertTimeoutPreemptively(Duration.ofMinutes(10), () -> race(false));
    }

    @Test
    void ofManyConcurrentAdvancesOnAnExistingCycleExactlyOneIsRecorded() {
        assertTimeoutPreemptively(Duration.ofMinutes(10), () -> race(true));
    }

    private void race(boolean createFirst) throws Exception {
        // Every attempt waits inside its gate until all have read the log, so they really overlap.
        CountDownLatch allInGates = new CountDownLatch(THREADS);
        List<LifecycleMachine> machines = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            machines.add(machine(workspace, rulebook(step(PLANNED, READY_FOR_HANDOFF, "slow")))
                    .gate(gate("slow", GateStatus.PASS, context -> {
                        allInGates.countDown();
                        await(allInGates);
                    })).eventIds(idsFor(i)).build());
        }
        if (createFirst) {
            machines.get(0).create(CYCLE);
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<TransitionResult>> futures = new ArrayList<>();
        try {
            for (LifecycleMachine machine : machines) {
                futures.add(pool.submit(() -> machine.advance(CYCLE, READY_FOR_HANDOFF)));
            }
            int accepted = 0;
            int lost = 0;
            for (Future<TransitionResult> future : futures) {
                try {
                    accepted += future.get().accepted() ? 1 : 0;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOfAny(ConcurrentTransitionException.class,
                            InvalidTransitionException.class);
                    lost++;
                }
            }
            assertThat(accepted).isEqualTo(1);
            assertThat(lost).isEqualTo(THREADS - 1);
        } finally {
            pool.shutdownNow();
        }

        CycleStatus status = machines.get(0).status(CYCLE);
        assertThat(status.state()).isEqualTo(READY_FOR_HANDOFF);
        assertThat(status.history()).extracting(r -> r.event().type())
                .containsExactly(EventType.CYCLE_CREATED, EventType.STATE_TRANSITION);
        for (int i = 1; i < status.history().size(); i++) {
            RecordedEvent event = status.history().get(i);
            assertThat(event.prevHash()).isEqualTo(status.history().get(i - 1).hash());
        }
    }

    private static Supplier<String> idsFor(int machine) {
        AtomicInteger next = new AtomicInteger();
        return () -> "evt_m" + machine + "_" + next.incrementAndGet();
    }

    private static void await(CountDownLatch latch) {
        try {
            // Bounded: a machine that lost before reaching its gate must not block the others forever.
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
