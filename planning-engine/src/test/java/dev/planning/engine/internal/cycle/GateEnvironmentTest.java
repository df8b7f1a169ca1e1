package dev.planning.engine.internal.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.fixtures.GateEnvironments;
import dev.planning.engine.fixtures.GateWorkspace;
import dev.planning.engine.internal.rulebook.RulebookFiles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * api40: a gate environment is never built without the event logs. One built without them (the constructors that
 * filled in {@code CycleLogs.NONE}) read no cycle's creation and checked no previous cycle's log: deployments and
 * outcomes were judged against nothing by any tool that forgot to give them.
 */
class GateEnvironmentTest {

    @TempDir
    Path root;

    @Test
    void theOnlyWayToBuildOneNamesTheEventLogs() {
        Constructor<?>[] constructors = GateEnvironment.class.getDeclaredConstructors();
        List<Method> factories = Arrays.stream(GateEnvironment.class.getDeclaredMethods())
                .filter(method -> Modifier.isStatic(method.getModifiers()))
                .filter(method -> method.getReturnType() == GateEnvironment.class).toList();

        assertThat(constructors).singleElement()
                .satisfies(only -> assertThat(only.getParameterTypes()).contains(CycleLogs.class));
        assertThat(factories).isEmpty();
    }

    @Test
    void anEnvironmentWithoutLogsIsRefused() {
        Rulebook rulebook = new GateWorkspace(root).rulebook();

        assertThatThrownBy(() -> new GateEnvironment(root, WorkspaceLayout.DEFAULT, rulebook,
                new CycleArtifacts(root, WorkspaceLayout.DEFAULT), Clock.systemUTC(), TrustedKeys::none,
                SealedManifests.NONE, new RulebookFiles(rulebook), null))
                .isInstanceOf(NullPointerException.class).hasMessage("logs");
    }

    @Test
    void cycleLogsHaveNoValueForNoLogsAndNoDefaultCreation() throws NoSuchMethodException {
        assertThat(CycleLogs.class.getDeclaredFields()).isEmpty();
        assertThat(CycleLogs.class.getMethod("created", CycleRef.class).isDefault()).isFalse();
    }

    @Test
    void theSameEnvironmentUnderAnotherRulebookKeepsItsLogs() {
        GateWorkspace workspace = new GateWorkspace(root);
        GateEnvironment environment = GateEnvironments.over(root, WorkspaceLayout.DEFAULT, workspace.rulebook());

        assertThat(environment.withRulebook(workspace.threshold("min", 1).rulebook()).logs())
                .isSameAs(environment.logs());
    }

    /**
     * time41: an environment that serves no sealed manifest ({@link SealedManifests#NONE}: a rules diff, a recomputed
     * verdict) refuses a gate that reads one, as it refuses one that verifies it; it answered "not sealed", so a gate
     * reading the manifest judged a sealed cycle as not sealed and could pass.
     */
    @Test
    void aGateReadingTheManifestInAnEnvironmentWithoutManifestsIsRefused() {
        GateWorkspace workspace = new GateWorkspace(root);
        GateEnvironment environment = GateEnvironments.over(root, WorkspaceLayout.DEFAULT, workspace.rulebook());
        CycleRef cycle = new CycleRef("fe", "2025-09-02");
        ArtifactGateContext context = new ArtifactGateContext(environment, cycle,
                Lifecycle.find(CycleState.PACKAGED, CycleState.EXECUTED).orElseThrow());

        assertThatThrownBy(context::manifest).isInstanceOf(PlanningException.class)
                .hasMessageContaining("serves no sealed manifest");
        assertThatThrownBy(context::verifyManifest).isInstanceOf(PlanningException.class);
    }
}
