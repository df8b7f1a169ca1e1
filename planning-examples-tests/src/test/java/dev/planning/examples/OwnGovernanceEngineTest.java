package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.artifact.Priority;
import dev.planning.api.artifact.Task;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.governance.GovernanceEngineFactory;
import dev.planning.api.governance.Violation;
import dev.planning.api.governance.ViolationSeverity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.engine.Planning;
import dev.planning.rules.GovernanceGates;
import dev.planning.testkit.gate.GateContextFixture;
import dev.planning.testkit.gate.GateContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A governance engine of the embedder's own (no DRL: every P0 task must have an owner), passed to
 * the workspace with {@code GovernanceGates.withEngine}, tested on the gate fixture and through a
 * workspace; public packages only.
 */
class OwnGovernanceEngineTest {

    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");

    /** Every P0 task without an owner is a critical violation. */
    private static final GovernanceEngineFactory P0_OWNED = rulebook -> input -> new GovernanceDecision(
            rulebook.hash(),
            input.tasks().tasks().stream()
                    .filter(t -> t.priority().filter(p -> p == Priority.P0).isPresent() && t.owner().isEmpty())
                    .map(t -> new Violation("p0-owned", t.id(), ViolationSeverity.CRITICAL,
                            t.id() + " is P0 and has no owner", Map.of(), Optional.empty()))
                    .toList(),
            List.of(), List.of(), Map.of("p0-owned", 1), Map.of());

    /** Judges nothing wrong, whatever the plan. */
    private static final GovernanceEngineFactory LENIENT = rulebook -> input -> new GovernanceDecision(
            rulebook.hash(), List.of(), List.of(), List.of(), Map.of(), Map.of());

    @TempDir
    Path dir;

    /** The gate the own engine makes keeps every promise of the Gate SPI, on the kit's contexts and a failing plan. */
    @Nested
    class TheOwnEnginesGate extends GateContract {
        @Override
        protected Gate newGate() {
            return GovernanceGates.withEngine(P0_OWNED);
        }

        @Override
        protected List<GateContext> contexts() {
            return List.of(GateContextFixture.builder(FE)
                    .tasks(Task.builder("FE-2", "Refunds").priority(Priority.P0).build()).build());
        }
    }

    @Test
    void theGateFailsWhatTheOwnEngineFindsCritical() {
        Gate gate = GovernanceGates.withEngine(P0_OWNED);

        GateResult result = gate.evaluate(GateContextFixture.builder(FE)
                .tasks(Task.builder("FE-1", "Checkout").priority(Priority.P0).owner("alice").build(),
                        Task.builder("FE-2", "Refunds").priority(Priority.P0).build(),
                        Task.builder("FE-3", "Banner").priority(Priority.P2).build())
                .build());

        assertThat(gate.name()).isEqualTo("governance");
        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.findings()).filteredOn(f -> f.severity().name().equals("ERROR"))
                .extracting(f -> f.taskId().orElse("")).containsExactly("FE-2");
    }

    @Test
    void theWorkspaceJudgesWithTheEngineItWasGiven() {
        Path strict = Examples.copy("fe-critical", dir.resolve("strict"));
        Path lenient = Examples.copy("fe-critical", dir.resolve("lenient"));
        CycleRef cycle = Planning.builder().workspace(strict).build().cycles().get(0);

        PlanningWorkspace byDefault = Planning.builder().workspace(strict).build();
        PlanningWorkspace withLenient = Planning.builder().workspace(lenient)
                .gate(GovernanceGates.withEngine(LENIENT)).build();

        TransitionResult refused = byDefault.advance(cycle, CycleState.READY_FOR_HANDOFF);
        TransitionResult accepted = withLenient.advance(cycle, CycleState.READY_FOR_HANDOFF);

        assertThat(refused.accepted()).as("the example's DRL finds an unwaived critical violation").isFalse();
        assertThat(refused.failedGates()).extracting(GateResult::gate).contains("governance");
        assertThat(accepted.gateResults()).extracting(GateResult::gate).contains("governance");
        assertThat(accepted.accepted()).as("the lenient engine replaced Drools for the governance gate").isTrue();
    }

    @Test
    void refusesANullFactory() {
        assertThatThrownBy(() -> GovernanceGates.withEngine(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("factory");
    }
}
