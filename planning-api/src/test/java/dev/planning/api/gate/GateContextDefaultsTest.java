package dev.planning.api.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningException;
import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.lifecycle.Transition;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.store.WorkspaceFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A third party's context that implements only the required methods: every input it leaves out
 * refuses, naming the method, instead of answering "nothing".
 */
class GateContextDefaultsTest {

    /** The required methods only; none of the parsed inputs. */
    private static final GateContext MINIMAL = new GateContext() {
        public CycleRef cycle() { return new CycleRef("fe", "2025-09-02"); }
        public Transition transition() { return Lifecycle.find(CycleState.PLANNED, CycleState.READY_FOR_HANDOFF).orElseThrow(); }
        public Path workspace() { return Path.of("").toAbsolutePath(); }
        public Rulebook rulebook() { throw new UnsupportedOperationException(); }
        public Optional<TaskBreakdown> tasks() { return Optional.empty(); }
        public Optional<StoryMap> storyMap() { return Optional.empty(); }
        public Map<String, TaskBreakdown> otherStreams() { return Map.of(); }
        public List<String> artifactPaths() { return List.of(); }
        public WorkspaceFiles files() { throw new UnsupportedOperationException(); }
    };

    @Test
    void waiversNotSuppliedRefuseNamingTheMethod() {
        assertThatThrownBy(MINIMAL::waivers).isExactlyInstanceOf(PlanningException.class)
                .hasMessageContaining("does not supply GateContext.waivers()");
    }

    @Test
    void contractsNotSuppliedRefuseNamingTheMethod() {
        assertThatThrownBy(MINIMAL::contracts).isExactlyInstanceOf(PlanningException.class)
                .hasMessageContaining("does not supply GateContext.contracts()");
    }

    @Test
    void capacityNotSuppliedRefusesNamingTheMethod() {
        assertThatThrownBy(MINIMAL::capacity).isExactlyInstanceOf(PlanningException.class)
                .hasMessageContaining("does not supply GateContext.capacity()");
    }

    @Test
    void manifestNotSuppliedRefusesNamingTheMethod() {
        assertThatThrownBy(MINIMAL::manifest).isExactlyInstanceOf(PlanningException.class)
                .hasMessageContaining("does not supply GateContext.manifest()");
    }

    @Test
    void verificationNotSuppliedRefusesNamingTheMethod() {
        assertThatThrownBy(MINIMAL::verifyManifest).isExactlyInstanceOf(PlanningException.class)
                .hasMessageContaining("GateContext.verifyManifest()");
    }

    @Test
    void rulebookFilesNotSuppliedRefuseNamingTheMethod() {
        // Not "the rulebook has no such file": the governance gate would then judge by fewer rules.
        assertThatThrownBy(() -> MINIMAL.rulebookFile("rules/critical.drl")).isExactlyInstanceOf(PlanningException.class)
                .hasMessageContaining("does not supply GateContext.rulebookFile(String)");
    }

    @Test
    void trustedKeysNotSuppliedTrustNoKey() {
        assertThat(MINIMAL.trustedKeys().keys()).isEmpty();
    }

    @Test
    void lintNotSuppliedRefusesNamingTheMethod() {
        assertThatThrownBy(MINIMAL::lint).isExactlyInstanceOf(PlanningException.class)
                .hasMessageContaining("does not supply GateContext.lint()");
    }

    @Test
    void outcomesNotSuppliedRefuseNamingTheMethod() {
        assertThatThrownBy(MINIMAL::outcomes).isExactlyInstanceOf(PlanningException.class)
                .hasMessageContaining("does not supply GateContext.outcomes()");
    }

    @Test
    void previousCoverageNotSuppliedRefusesNamingTheMethod() {
        assertThatThrownBy(MINIMAL::previousCoverage).isExactlyInstanceOf(PlanningException.class)
                .hasMessageContaining("does not supply GateContext.previousCoverage()");
    }
}
