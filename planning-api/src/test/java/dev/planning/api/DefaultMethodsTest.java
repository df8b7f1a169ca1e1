package dev.planning.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.rulebook.SigningPolicy;
import dev.planning.api.rulebook.SigningRequirement;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import dev.planning.api.store.EventStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /**
     * cycles27: the default {@code exists} answers as the engine's workspaces do: a cycle whose log is broken
     * exists (it threw), and a story map's name on a dangling link is refused naming it (it was taken for none).
     */
    @Test
    void theDefaultExistsCountsABrokenLogAndRefusesADanglingLink(@TempDir Path root) throws Exception {
        PlanningWorkspace broken = workspaceOn(root, () -> {
            throw new EventLogCorruptedException("line 1 is not a readable planning event",
                    new SourceLocation(WorkspaceLayout.DEFAULT.eventLog(CYCLE), 1, 0));
        });
        PlanningWorkspace empty = workspaceOn(root, () -> new CycleStatus(CYCLE, CycleState.PLANNED, List.of()));

        assertThat(broken.exists(CYCLE)).as("a broken log").isTrue();
        assertThat(empty.exists(CYCLE)).as("nothing").isFalse();
        Path link = root.resolve(WorkspaceLayout.DEFAULT.storyMap(CYCLE));
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, link.resolveSibling("gone.md"));
        assertThatThrownBy(() -> empty.exists(CYCLE)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(WorkspaceLayout.DEFAULT.storyMap(CYCLE)
                        + " is a symbolic link whose target does not exist");
    }

    /** A workspace at {@code root} in the default layout whose status is {@code status}'s; the rest its defaults. */
    private static PlanningWorkspace workspaceOn(Path root, Supplier<CycleStatus> status) {
        return (PlanningWorkspace) Proxy.newProxyInstance(PlanningWorkspace.class.getClassLoader(),
                new Class<?>[] {PlanningWorkspace.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "root" -> root;
                    case "layout" -> WorkspaceLayout.DEFAULT;
                    case "status" -> status.get();
                    default -> {
                        if (!method.isDefault()) {
                            throw new AssertionError("not a default: " + method);
                        }
                        yield InvocationHandler.invokeDefault(proxy, method, args);
                    }
                });
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
