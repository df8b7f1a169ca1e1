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

    /**
     * strict23: a violation's facts become the finding's, whose names the {@code --format json} schemas hold to
     * {@code [a-z][a-z0-9_]{0,31}}. An engine reporting a minor violation with a fact named otherwise (blank,
     * upper case, a space, a leading digit, too long) must not pass the gate with the fact dropped or printed
     * as JSON its schema refuses: the gate fails as crashed, as a plug-in gate's bad finding does.
     */
    @Test
    void aViolationWithAFactNameOutsideTheAllowedFormCrashesTheGate() {
        for (String name : new String[] {"", " ", "Approvals", "two words", "9lives", "a".repeat(33), "approvals\n"}) {
            GovernanceEngineFactory factory = rulebook -> input -> new GovernanceDecision(rulebook.hash(), List.of(
                    new Violation("minor-note", "FE-2", ViolationSeverity.LOW, "a note", Map.of(), Optional.empty(),
                            Map.of("required", "1", name, "0"))), List.of(), List.of(), Map.of(), Map.of());

            TransitionResult result = advanceWith(factory);

            assertRefusedByGovernance(result);
            assertThat(result.gateResults()).filteredOn(r -> r.gate().equals("governance")).singleElement()
                    .satisfies(r -> assertThat(r.findings()).as("fact %s", name).extracting(f -> f.code())
                            .containsExactly("gate.crashed"));
        }
    }

    /** For contrast: the same minor violation with well-formed fact names passes, its facts kept. */
    @Test
    void aViolationWithWellFormedFactNamesKeepsThem() {
        GovernanceEngineFactory factory = rulebook -> input -> new GovernanceDecision(rulebook.hash(), List.of(
                new Violation("minor-note", "FE-2", ViolationSeverity.LOW, "a note", Map.of(), Optional.empty(),
                        Map.of("required", "1"))), List.of(), List.of(), Map.of(), Map.of());

        TransitionResult result = advanceWith(factory);

        assertThat(result.accepted()).isTrue();
        assertThat(result.gateResults()).filteredOn(r -> r.gate().equals("governance")).singleElement()
                .satisfies(r -> assertThat(r.findings()).filteredOn(f -> f.code().equals("governance.minor-note"))
                        .singleElement().satisfies(f -> assertThat(f.facts()).containsExactly(Map.entry("required", "1"))));
    }

    /** For contrast: an engine that finds nothing, for the rulebook it was given, is the embedder's choice. */
    @Test
    void aLenientEngineWithTheRulebooksHashPasses() {
        assertThat(advanceWith(rulebook -> input -> new GovernanceDecision(rulebook.hash(), List.of(), List.of(),
                List.of(), Map.of(), Map.of())).accepted()).isTrue();
    }
}
