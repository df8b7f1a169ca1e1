package dev.planning.engine.internal.lifecycle;

import static dev.planning.api.lifecycle.CycleState.PLANNED;
import static dev.planning.api.lifecycle.CycleState.READY_FOR_HANDOFF;
import static dev.planning.engine.internal.lifecycle.Fixtures.CYCLE;
import static dev.planning.engine.internal.lifecycle.Fixtures.gate;
import static dev.planning.engine.internal.lifecycle.Fixtures.machine;
import static dev.planning.engine.internal.lifecycle.Fixtures.rulebook;
import static dev.planning.engine.internal.lifecycle.Fixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateStatus;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriorResultsTest {

    @TempDir
    Path workspace;

    @Test
    void eachGateSeesTheResultsOfTheGatesBeforeIt() {
        List<List<String>> seen = new ArrayList<>();
        LifecycleMachine machine = machine(workspace, rulebook(step(PLANNED, READY_FOR_HANDOFF, "first", "second", "third")))
                .gate(gate("first", GateStatus.PASS, c -> seen.add(names(c))))
                .gate(gate("second", GateStatus.WARN, c -> seen.add(names(c))))
                .gate(gate("third", GateStatus.PASS, c -> seen.add(names(c))))
                .build();

        machine.advance(CYCLE, READY_FOR_HANDOFF);

        assertThat(seen).containsExactly(List.of(), List.of("first:PASS"), List.of("first:PASS", "second:WARN"));
    }

    @Test
    void theDelegatingContextOverridesEveryMethodOfGateContext() {
        // A default method added to GateContext later must be delegated too, or the engine's own
        // context would be hidden behind the interface default.
        List<String> missing = Arrays.stream(GateContext.class.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .filter(m -> !declares(PriorResultsContext.class, m))
                .map(Method::getName)
                .toList();

        assertThat(missing).isEmpty();
    }

    private static boolean declares(Class<?> type, Method method) {
        try {
            type.getDeclaredMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static List<String> names(GateContext context) {
        return context.priorResults().stream().map(r -> r.gate() + ":" + r.status()).toList();
    }

}
