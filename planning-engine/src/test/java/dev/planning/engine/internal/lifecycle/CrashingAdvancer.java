package dev.planning.engine.internal.lifecycle;

import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.engine.internal.eventlog.FileEventStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Advances one cycle back and forth forever, printing {@code ACK <state>} after each transition
 * returns, until it is killed. The crash-safety test kills it with SIGKILL at random moments.
 */
final class CrashingAdvancer {

    private CrashingAdvancer() {
    }

    public static void main(String[] args) {
        Path workspace = Path.of(args[0]);
        var rulebook = Fixtures.rulebook();
        LifecycleMachine machine = LifecycleMachine.builder()
                .eventStore(new FileEventStore(workspace))
                .rulebook(rulebook)
                .gateContextFactory((cycle, transition) -> new Fixtures.StubContext(cycle, transition, workspace,
                        rulebook, Optional.empty(), Optional.empty(), Map.of(), List.of()))
                .triggeredBy("crash-test")
                .build();
        while (true) {
            CycleState state = machine.status(Fixtures.CYCLE).state();
            CycleState next = state == CycleState.PLANNED ? CycleState.READY_FOR_HANDOFF : CycleState.PLANNED;
            TransitionResult result = machine.advance(Fixtures.CYCLE, next);
            // Acknowledged only once advance has returned, i.e. once the event is durable.
            System.out.println("ACK " + result.stateAfter());
            System.out.flush();
        }
    }
}
