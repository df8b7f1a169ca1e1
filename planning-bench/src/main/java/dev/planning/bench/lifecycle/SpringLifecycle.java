package dev.planning.bench.lifecycle;

import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.lifecycle.Transition;
import java.util.EnumSet;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.StateMachineEventResult;
import org.springframework.statemachine.config.StateMachineBuilder;
import org.springframework.statemachine.support.DefaultStateMachineContext;
import reactor.core.publisher.Mono;

/**
 * The benchmark's peer: the same lifecycle ({@link Lifecycle#transitions()}, every forward,
 * backward and self transition, each triggered by its name) as a Spring Statemachine 4 machine,
 * driven through its reactive API.
 *
 * <pre>{@code
 * StateMachine<CycleState, String> machine = SpringLifecycle.build();
 * CycleState reached = SpringLifecycle.runCycle(machine);   // PLANNED -> ... -> COMPLETED, then back to PLANNED
 * }</pre>
 *
 * @since 0.1
 */
public final class SpringLifecycle {

    private SpringLifecycle() {
    }

    /** A started machine in {@code PLANNED}. */
    public static StateMachine<CycleState, String> build() {
        try {
            StateMachineBuilder.Builder<CycleState, String> builder = StateMachineBuilder.builder();
            builder.configureConfiguration().withConfiguration().autoStartup(false);
            builder.configureStates().withStates()
                    .initial(CycleState.PLANNED)
                    .states(EnumSet.allOf(CycleState.class));
            var transitions = builder.configureTransitions();
            for (Transition t : Lifecycle.transitions()) {
                if (t.from() == t.to()) {
                    transitions.withInternal().source(t.from()).event(t.name());
                } else {
                    transitions.withExternal().source(t.from()).target(t.to()).event(t.name());
                }
            }
            StateMachine<CycleState, String> machine = builder.build();
            machine.startReactively().block();
            return machine;
        } catch (Exception e) {
            throw new IllegalStateException("cannot configure the Spring state machine: " + e.getMessage(), e);
        }
    }

    /**
     * Moves the machine from {@code PLANNED} through the six forward transitions, checking each
     * was accepted, then resets it to {@code PLANNED} for the next cycle.
     */
    public static CycleState runCycle(StateMachine<CycleState, String> machine) {
        for (CycleState to : Machines.FORWARD) {
            CycleState from = machine.getState().getId();
            String event = Lifecycle.find(from, to).orElseThrow().name();
            StateMachineEventResult<CycleState, String> result = machine
                    .sendEvent(Mono.just(MessageBuilder.withPayload(event).build()))
                    .blockLast();
            if (result == null || result.getResultType() != StateMachineEventResult.ResultType.ACCEPTED) {
                throw new IllegalStateException("Spring machine refused " + from + " -> " + to);
            }
        }
        CycleState reached = machine.getState().getId();
        reset(machine);
        return reached;
    }

    private static void reset(StateMachine<CycleState, String> machine) {
        machine.stopReactively().block();
        machine.getStateMachineAccessor().doWithAllRegions(access -> access
                .resetStateMachineReactively(new DefaultStateMachineContext<>(CycleState.PLANNED, null, null, null))
                .block());
        machine.startReactively().block();
    }
}
