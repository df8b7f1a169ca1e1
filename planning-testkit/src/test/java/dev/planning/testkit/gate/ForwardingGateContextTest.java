package dev.planning.testkit.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningException;
import dev.planning.api.artifact.Contract;
import dev.planning.api.artifact.Task;
import dev.planning.api.gate.GateContext;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.signing.TrustedKeys;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForwardingGateContextTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    private static final GateContext FULL = GateContextFixture.builder(CYCLE)
            .transition(CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED)
            .tasks(Task.builder("FE-1", "Checkout").build())
            .waivers(new Waiver("owners", "FE-1", "hiring", "lead", LocalDate.of(2025, 9, 30)))
            .judgedAt(Instant.parse("2025-09-05T12:00:00Z"))
            .rulebookFile("rules/governance.drl", "package governance;\n")
            .build();

    private static List<Method> contextMethods() {
        return Arrays.stream(GateContext.class.getMethods()).filter(m -> !Modifier.isStatic(m.getModifiers())).toList();
    }

    @Test
    void declaresEveryMethodOfGateContextDefaultsIncluded() {
        // A default method added to GateContext later must be forwarded too, or a wrapped context
        // would answer with the interface's default (a refusal, or no trusted key) instead of its own.
        List<String> missing = contextMethods().stream()
                .filter(m -> !declares(ForwardingGateContext.class, m))
                .map(Method::getName)
                .toList();

        assertThat(missing).isEmpty();
    }

    @Test
    void passesEachCallToTheSameMethodOfTheOtherContextAndReturnsItsAnswer() throws Exception {
        List<String> calls = new ArrayList<>();
        GateContext recording = (GateContext) Proxy.newProxyInstance(GateContext.class.getClassLoader(),
                new Class<?>[] {GateContext.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    try {
                        return method.invoke(FULL, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        GateContext forwarding = new ForwardingGateContext(recording);

        for (Method method : contextMethods()) {
            calls.clear();
            Object expected = answer(method, FULL);
            Object forwarded = answer(method, forwarding);

            assertThat(calls).as(method.getName()).containsExactly(method.getName());
            assertThat(forwarded).as(method.getName()).isEqualTo(expected);
        }
    }

    @Test
    void anOverrideChangesOneAnswerAndSuperGivesTheOtherContexts() {
        GateContext noWaivers = new ForwardingGateContext(FULL) {
            @Override
            public List<Waiver> waivers() {
                assertThat(super.waivers()).hasSize(1);
                return List.of();
            }
        };

        assertThat(noWaivers.waivers()).isEmpty();
        assertThat(noWaivers.tasks()).isEqualTo(FULL.tasks());
        assertThat(noWaivers.today()).isEqualTo(LocalDate.of(2025, 9, 5));
    }

    @Test
    void requiredOnlyPassesTheRequiredMethodsAndLeavesEveryDefaultToTheInterface() {
        GateContext minimal = ForwardingGateContext.requiredOnly(FULL);

        assertThat(minimal.cycle()).isEqualTo(CYCLE);
        assertThat(minimal.transition()).isEqualTo(FULL.transition());
        assertThat(minimal.tasks()).isEqualTo(FULL.tasks());
        assertThat(minimal.files()).isSameAs(FULL.files());
        assertThat(minimal.judgedAt()).isEmpty();
        assertThat(minimal.trustedKeys()).isEqualTo(TrustedKeys.none());
        assertThatThrownBy(minimal::waivers).isInstanceOf(PlanningException.class)
                .hasMessageContaining("GateContext.waivers()");
        assertThatThrownBy(minimal::contracts).isInstanceOf(PlanningException.class)
                .hasMessageContaining("GateContext.contracts()");
        assertThatThrownBy(minimal::capacity).isInstanceOf(PlanningException.class)
                .hasMessageContaining("GateContext.capacity()");
        assertThatThrownBy(minimal::verifyManifest).isInstanceOf(PlanningException.class)
                .hasMessageContaining("GateContext.verifyManifest()");
    }

    @Test
    void anEmbeddersContextThatSuppliesOneInputMoreStillRefusesTheOthers() {
        GateContext withContracts = new ForwardingGateContext(ForwardingGateContext.requiredOnly(FULL)) {
            @Override
            public List<Contract> contracts() {
                return List.of();
            }
        };

        assertThat(withContracts.contracts()).isEmpty();
        assertThatThrownBy(withContracts::capacity).isInstanceOf(PlanningException.class)
                .hasMessageContaining("GateContext.capacity()");
    }

    @Test
    void refusesNoContext() {
        assertThatThrownBy(() -> new ForwardingGateContext(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("delegate");
        assertThatThrownBy(() -> ForwardingGateContext.requiredOnly(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("delegate");
    }

    /**
     * What a method answers (given a rule file's name where it takes one; bytes as their text, since
     * arrays compare by identity), or the refusal it throws as "Class: message", so refusals compare too.
     */
    private static Object answer(Method method, GateContext context) throws IllegalAccessException {
        Object[] args = Arrays.stream(method.getParameterTypes())
                .map(type -> type == String.class ? "rules/governance.drl" : null).toArray();
        try {
            Object answer = method.invoke(context, args);
            return answer instanceof Optional<?> optional && optional.orElse(null) instanceof byte[] bytes
                    ? Optional.of(new String(bytes, StandardCharsets.UTF_8)) : answer;
        } catch (InvocationTargetException e) {
            return e.getCause().getClass().getName() + ": " + e.getCause().getMessage();
        }
    }

    private static boolean declares(Class<?> type, Method method) {
        try {
            type.getDeclaredMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
