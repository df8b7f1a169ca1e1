package dev.planning.engine.internal.lifecycle;

import static dev.planning.api.lifecycle.CycleState.PLANNED;
import static dev.planning.api.lifecycle.CycleState.READY_FOR_HANDOFF;
import static dev.planning.engine.internal.lifecycle.Fixtures.CYCLE;
import static dev.planning.engine.internal.lifecycle.Fixtures.gate;
import static dev.planning.engine.internal.lifecycle.Fixtures.machine;
import static dev.planning.engine.internal.lifecycle.Fixtures.rulebook;
import static dev.planning.engine.internal.lifecycle.Fixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.engine.fixtures.TestClock;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transition reads the clock once: its gates judge as of that instant, and its evidence names it.
 * {@code verify} judges a sealed verdict again as of the evidence's time, so a gate that saw another
 * day (a run across midnight UTC, a waiver expiring that day) would turn an honest handoff into
 * {@code VERDICT_CHANGED}.
 */
class OneClockReadingTest {

    @TempDir
    Path workspace;

    @Test
    void everyGateOfARunAcrossMidnightJudgesTheDayItsEvidenceNames() {
        Clock ticking = new TestClock(Instant.parse("2025-09-01T23:59:59Z"), Duration.ofSeconds(1));
        Rulebook rulebook = rulebook(step(PLANNED, READY_FOR_HANDOFF, "first", "second"));
        List<LocalDate> days = new ArrayList<>();
        List<Instant> instants = new ArrayList<>();
        List<Instant> evidenceAt = new ArrayList<>();
        LifecycleMachine machine = machine(workspace, rulebook)
                // The engine's context answers by the engine's clock, as FileWorkspace's does.
                .gateContextFactory((cycle, transition) -> onClock(new Fixtures.StubContext(cycle, transition,
                        workspace, rulebook, Optional.empty(), Optional.empty(), Map.of(), List.of()), ticking))
                .clock(ticking)
                .evidenceWriter((cycle, transition, result, at, hash) -> {
                    evidenceAt.add(at);
                    return Optional.empty();
                })
                .gate(gate("first", GateStatus.PASS, c -> {
                    days.add(c.today());
                    instants.add(c.clock().instant());
                }))
                .gate(gate("second", GateStatus.PASS, c -> {
                    days.add(c.today());
                    instants.add(c.clock().instant());
                }))
                .build();

        machine.advance(CYCLE, READY_FOR_HANDOFF);

        assertThat(evidenceAt).hasSize(2).containsOnly(evidenceAt.get(0));
        assertThat(instants).containsOnly(evidenceAt.get(0));
        assertThat(days).containsOnly(LocalDate.ofInstant(evidenceAt.get(0), ZoneOffset.UTC));
    }

    @Test
    void theEventNamesTheInstantItsGatesJudgedAndIsStampedNoEarlier() {
        Clock ticking = new TestClock(Instant.parse("2025-09-01T23:59:59.999Z"), Duration.ofMillis(1));
        Rulebook rulebook = rulebook(step(PLANNED, READY_FOR_HANDOFF, "first"));
        List<Instant> judged = new ArrayList<>();
        LifecycleMachine machine = machine(workspace, rulebook).clock(ticking)
                .gate(gate("first", GateStatus.PASS, c -> judged.add(c.clock().instant()))).build();

        machine.advance(CYCLE, READY_FOR_HANDOFF);

        List<RecordedEvent> log = machine.history(CYCLE);
        PlanningEvent moved = log.get(1).event();
        assertThat(moved.details()).containsEntry(LifecycleMachine.JUDGED_AT, judged.get(0).toString());
        assertThat(moved.timestamp()).isAfter(judged.get(0));
        // The CYCLE_CREATED the attempt opens the log with is stamped at that instant, not after it.
        assertThat(log.get(0).event().timestamp()).isEqualTo(judged.get(0));
    }

    /**
     * The gates judge as of the machine's clock whatever the log says: a log whose last event is dated
     * after the clock (a clock set back, or a log written ahead) does not move the gates' day, and no
     * {@code judged_at} earlier than that event, which the history check would refuse, is recorded. The
     * event itself is dated no earlier than the event it follows (time40).
     */
    @Test
    void aClockBehindTheLogsLastEventJudgesByItselfAndRecordsNoJudgedInstant() {
        Instant created = Instant.parse("2025-09-02T00:00:00Z");
        Clock back = new TestClock(created, Duration.ofSeconds(-1));
        Rulebook rulebook = rulebook(step(PLANNED, READY_FOR_HANDOFF, "first"));
        List<Instant> judged = new ArrayList<>();
        LifecycleMachine machine = machine(workspace, rulebook).clock(back)
                .gate(gate("first", GateStatus.PASS, c -> judged.add(c.clock().instant()))).build();
        machine.create(CYCLE);

        machine.advance(CYCLE, READY_FOR_HANDOFF);

        PlanningEvent moved = machine.history(CYCLE).get(1).event();
        assertThat(judged).containsExactly(created.minusSeconds(1));
        assertThat(moved.details()).doesNotContainKey(LifecycleMachine.JUDGED_AT);
        // Stamped no earlier than the CYCLE_CREATED it follows, though the clock read a second before it.
        assertThat(moved.timestamp()).isEqualTo(created);
    }

    /**
     * A clock running behind the log dates no move before the event it follows, a move without gates included:
     * the log reads in order, as a fact recorded into it does ({@code DeploymentScopeAttackTest}), and
     * {@code cycle_days}, which spans the log's first and last events, does not read shorter (time40: the
     * move was stamped at the clock's reading, an hour before the move it followed).
     */
    @Test
    void aClockRunningBehindTheLogDatesNoMoveBeforeTheEventItFollows() {
        Instant start = Instant.parse("2025-09-02T10:00:00Z");
        TestClock clock = new TestClock(start, Duration.ZERO);
        Rulebook rulebook = rulebook(step(PLANNED, READY_FOR_HANDOFF, "first"), step(READY_FOR_HANDOFF, PLANNED));
        LifecycleMachine machine = machine(workspace, rulebook).clock(clock)
                .gate(gate("first", GateStatus.PASS, c -> { })).build();
        machine.advance(CYCLE, READY_FOR_HANDOFF);
        clock.set(start.minus(Duration.ofHours(1)));

        machine.advance(CYCLE, PLANNED);
        machine.advance(CYCLE, READY_FOR_HANDOFF);

        List<RecordedEvent> log = machine.history(CYCLE);
        assertThat(log).hasSize(4);
        for (int i = 1; i < log.size(); i++) {
            assertThat(log.get(i).event().timestamp()).as("event %d", i + 1)
                    .isAfterOrEqualTo(log.get(i - 1).event().timestamp());
        }
    }

    /** The context with {@code clock()} answered by {@code clock}; {@code today()} follows it. */
    private static GateContext onClock(GateContext delegate, Clock clock) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("clock")) {
                return clock;
            }
            if (method.isDefault() && method.getName().equals("today")) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (GateContext) Proxy.newProxyInstance(GateContext.class.getClassLoader(),
                new Class<?>[] {GateContext.class}, handler);
    }
}
