package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seventh review (2026-12-04): an embedder's governance engine, passed with
 * {@code GovernanceGates.withEngine}, that goes wrong in the ways engines of one's own do (a factory
 * that throws or returns nothing, an engine that returns nothing, a decision about another rulebook
 * or that waives without a waiver) never lets the {@code fe-critical} example, which the rulebook's
 * DRL refuses, move on: the governance gate fails, the transition is refused.
 */
class OwnGovernanceEngineAttackTest {

    @TempDir
    Path dir;

    private TransitionResult advanceWith(GovernanceEngineFactory factory) {
        Path workspace = Examples.copy("fe-critical", dir.resolve("ws"));
        PlanningWorkspace ws = Planning.builder().workspace(workspace).gate(GovernanceGates.withEngine(factory)).build();
        CycleRef cycle = ws.cycles().get(0);
        return ws.advance(cycle, CycleState.READY_FOR_HANDOFF);
    }

    private static void assertRefusedByGovernance(TransitionResult result) {
        assertThat(result.accepted()).isFalse();
        assertThat(result.gateResults()).filteredOn(r -> r.gate().equals("governance"))
                .extracting(GateResult::status).containsExactly(GateStatus.FAIL);
    }

    @Test
    void aFactoryThatThrowsFailsTheGate() {
        assertRefusedByGovernance(advanceWith(rulebook -> {
            throw new IllegalStateException("policy service unreachable");
        }));
    }

    @Test
    void aFactoryThatReturnsNoEngineFailsTheGate() {
        assertRefusedByGovernance(advanceWith(rulebook -> null));
    }

    @Test
    void anEngineThatReturnsNoDecisionFailsTheGate() {
        assertRefusedByGovernance(advanceWith(rulebook -> input -> null));
    }

    @Test
    void anEngineThatThrowsFailsTheGate() {
        assertRefusedByGovernance(advanceWith(rulebook -> input -> {
            throw new IllegalStateException("boom");
        }));
    }

    /**
     * A factory that keeps the engine it built first (by directory, by name, by nothing) answers for
     * a rulebook it was not built for: its decision names that rulebook's hash, not the one the cycle
     * is judged and sealed under.
     */
    @Test
    void aDecisionAboutAnotherRulebookFailsTheGate() {
        String other = "0".repeat(64);
        assertRefusedByGovernance(advanceWith(rulebook -> input -> new GovernanceDecision(other, List.of(),
                List.of(), List.of(), Map.of(), Map.of())));
    }

    @Test
    void aCriticalViolationTheEngineCallsWaivedWithoutAWaiverFailsTheGate() {
        GovernanceEngineFactory factory = rulebook -> input -> new GovernanceDecision(rulebook.hash(), List.of(),
                List.of(new Violation("p0-owned", "FE-2", ViolationSeverity.CRITICAL, "no owner", Map.of(),
                        Optional.empty())), List.of(), Map.of(), Map.of());
        assertRefusedByGovernance(advanceWith(factory));
    }

    /** For contrast: an engine that finds nothing, for the rulebook it was given, is the embedder's choice. */
    @Test
    void aLenientEngineWithTheRulebooksHashPasses() {
        assertThat(advanceWith(rulebook -> input -> new GovernanceDecision(rulebook.hash(), List.of(), List.of(),
                List.of(), Map.of(), Map.of())).accepted()).isTrue();
    }
}
