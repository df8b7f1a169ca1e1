package dev.planning.rules.internal.gate;

import static dev.planning.rules.Inputs.goodTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.lifecycle.Transition;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.WorkspaceLayout;
import dev.planning.rules.Inputs;
import dev.planning.rules.TestRulebooks;
import dev.planning.rules.internal.drools.DroolsGovernanceEngineFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The governance gate hands the results of earlier gates to the rules as {@code GateResultFact}s. */
class GovernanceGatePriorResultsTest {

    private static final String RULES = """
            package x;
            import dev.planning.rules.facts.GateResultFact;
            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.Report;
            rule "no-critical-while-lint-warns" @severity(CRITICAL)
            when
                GateResultFact(gate == "schema_lint", status == "warn", $w : warnings)
                $t : TaskFact()
            then
                insert(Report.violation(kcontext, $t, "schema_lint warned " + $w + " times"));
            end
            """;

    @TempDir
    Path workspace;

    record Context(Path workspace, Rulebook rulebook, Optional<TaskBreakdown> tasks, List<GateResult> priorResults)
            implements GateContext {
        public CycleRef cycle() {
            return new CycleRef("fe", "2025-09-02");
        }

        public Transition transition() {
            return Lifecycle.find(CycleState.PLANNED, CycleState.READY_FOR_HANDOFF).orElseThrow();
        }

        public Optional<StoryMap> storyMap() {
            return Optional.empty();
        }

        public Map<String, TaskBreakdown> otherStreams() {
            return Map.of();
        }

        public List<String> artifactPaths() {
            return List.of();
        }
    }

    private GateResult evaluate(List<GateResult> prior) {
        Rulebook rulebook = TestRulebooks.withRules(workspace.resolve("rulebook"), Map.of("rules/x.drl", RULES), Map.of());
        GovernanceGate gate = new GovernanceGate(new DroolsGovernanceEngineFactory(),
                Clock.fixed(Instant.parse("2025-09-02T12:00:00Z"), ZoneOffset.UTC), WorkspaceLayout.DEFAULT);
        return gate.evaluate(new Context(workspace, rulebook, Optional.of(Inputs.plan(goodTask("FE-1").build())), prior));
    }

    @Test
    void aRuleCanDependOnTheResultOfAnEarlierGate() {
        Finding warning = new Finding("schema.x", Severity.WARNING, "w", Optional.empty(), Optional.empty());
        GateResult lint = new GateResult("schema_lint", GateStatus.WARN, List.of(warning, warning), Map.of());

        GateResult result = evaluate(List.of(lint));

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("governance.no-critical-while-lint-warns");
            assertThat(f.message()).contains("schema_lint warned 2 times");
        });
    }

    @Test
    void withoutEarlierResultsTheRuleDoesNotFire() {
        assertThat(evaluate(List.of()).status()).isEqualTo(GateStatus.PASS);
    }
}
