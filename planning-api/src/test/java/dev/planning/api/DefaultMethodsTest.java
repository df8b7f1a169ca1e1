package dev.planning.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.rulebook.SigningPolicy;
import dev.planning.api.rulebook.SigningRequirement;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import dev.planning.api.store.EventStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code default} methods an implementation written outside the project inherits fail closed:
 * they refuse, or answer what makes every signature count as missing, never an answer that reads
 * as "nothing pending" or "no cycles". Each interface is implemented by a proxy that runs the
 * defaults and fails on any other method, as an outside implementation that predates them would.
 */
class DefaultMethodsTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    @Test
    void aWorkspaceThatDoesNotOverrideQueriesRefusesThem() {
        PlanningWorkspace workspace = defaultsOnly(PlanningWorkspace.class);

        assertThatThrownBy(() -> workspace.queries(TrustedKeys.none()))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("queries(TrustedKeys)");
    }

    @Test
    void aWorkspaceThatDoesNotOverrideKpisRefusesThem() {
        PlanningWorkspace workspace = defaultsOnly(PlanningWorkspace.class);

        assertThatThrownBy(() -> workspace.kpis(CYCLE))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("kpis(CycleRef)");
    }

    @Test
    void aWorkspaceThatDoesNotOverrideTrustedKeysTrustsNoKey() {
        PlanningWorkspace workspace = defaultsOnly(PlanningWorkspace.class);

        // No keys: no signature counts, so every required role reads as missing.
        assertThat(workspace.trustedKeys()).isEmpty();
    }

    @Test
    void aStoreThatDoesNotListItsCyclesRefusesToRatherThanListingNone() {
        EventStore store = defaultsOnly(EventStore.class);

        assertThatThrownBy(store::cycles).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("EventStore.cycles()");
        assertThat(store.location(CYCLE)).isEqualTo("event log of fe/2025-09-02");
    }

    @Test
    void pendingSignaturesOfAPolicyAreRefusedByTheDefaultNeverAnsweredFromTheRolesThatSigned() {
        CycleQueries queries = defaultsOnly(CycleQueries.class);
        SigningPolicy policy = new SigningPolicy(List.of(new SigningRequirement(List.of("PM"), 2)));

        assertThatThrownBy(() -> queries.pendingSignatures(policy)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("CycleQueries.pendingSignatures(SigningPolicy)");
        assertThatThrownBy(() -> queries.pendingSignatures((SigningPolicy) null))
                .isInstanceOf(NullPointerException.class).hasMessage("policy");
    }

    @Test
    void pendingSignaturesOfTheWorkspaceAreRefusedByTheDefaultNeverAnsweredWithNone() {
        CycleQueries queries = defaultsOnly(CycleQueries.class);

        assertThatThrownBy(queries::pendingSignatures).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("CycleQueries.pendingSignatures()").hasMessageContaining("rulebook");
    }

    /** An implementation of {@code type} with only its defaults: any other method fails the test. */
    private static <T> T defaultsOnly(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (method.getName().equals("toString") && method.getParameterCount() == 0) {
                return "an outside " + type.getSimpleName();
            }
            throw new AssertionError("not a default: " + method);
        }));
    }
}
