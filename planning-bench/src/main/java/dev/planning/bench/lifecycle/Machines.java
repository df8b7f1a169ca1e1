package dev.planning.bench.lifecycle;

import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.rulebook.GateProfile;
import dev.planning.api.rulebook.GateStep;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.lifecycle.LifecycleMachine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's lifecycle machine set up to measure transitions alone: a rulebook whose profile
 * names no gate for any transition, a fixed clock, and sequential event ids, so that a transition
 * costs reading and folding the log, checking the move, building the event and appending it.
 *
 * @since 0.1
 */
public final class Machines {

    /** The forward chain from {@code PLANNED}: the six transitions of one cycle. */
    public static final List<CycleState> FORWARD = List.of(CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED,
            CycleState.EXECUTED, CycleState.VALIDATED, CycleState.IMPROVE, CycleState.COMPLETED);

    private Machines() {
    }

    /** A machine over {@code store} that runs no gates. */
    public static LifecycleMachine withoutGates(EventStore store) {
        AtomicLong ids = new AtomicLong();
        return LifecycleMachine.builder()
                .eventStore(store)
                .rulebook(gatelessRulebook())
                .gateContextFactory((cycle, transition) -> {
                    throw new IllegalStateException("no gate runs, so no context is needed");
                })
                .clock(Clock.fixed(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC))
                .eventIds(() -> "evt_" + ids.incrementAndGet())
                .triggeredBy("bench")
                .build();
    }

    /** Opens a cycle and moves it through the six forward transitions to {@code COMPLETED}. */
    public static CycleState runCycle(LifecycleMachine machine, CycleRef cycle) {
        machine.create(cycle);
        return advanceToCompleted(machine, cycle);
    }

    /** Moves a cycle just created (in {@code PLANNED}) through the six forward transitions. */
    public static CycleState advanceToCompleted(LifecycleMachine machine, CycleRef cycle) {
        CycleState state = CycleState.PLANNED;
        for (CycleState to : FORWARD) {
            if (!machine.advance(cycle, to).accepted()) {
                throw new IllegalStateException(cycle + " refused " + state + " -> " + to);
            }
            state = to;
        }
        return state;
    }

    private static Rulebook gatelessRulebook() {
        List<GateStep> steps = Lifecycle.transitions().stream()
                .map(t -> new GateStep(t.from(), t.to(), List.of(), Optional.empty()))
                .toList();
        return new Rulebook(Path.of("rulebook"), "0".repeat(64), "1.0.0", Map.of("none", new GateProfile("none", steps)),
                Map.of(), "none", Map.of(), List.of(), Map.of(), List.of());
    }
}
