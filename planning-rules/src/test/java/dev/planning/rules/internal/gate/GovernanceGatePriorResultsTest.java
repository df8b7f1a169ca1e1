package dev.planning.rules.internal.gate;

import static dev.planning.rules.Inputs.goodTask;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.gate.Severity;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.rules.Inputs;
import dev.planning.rules.TestRulebooks;
import dev.planning.rules.internal.drools.DroolsGovernanceEngineFactory;
import java.nio.file.Path;
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

    private GateResult evaluate(List<GateResult> prior) {
        Rulebook rulebook = TestRulebooks.withRules(workspace.resolve("rulebook"), Map.of("rules/x.drl", RULES), Map.of());
        GovernanceGate gate = new GovernanceGate(new DroolsGovernanceEngineFactory());
        return gate.evaluate(new GovernanceGateTest.Context(workspace, rulebook,
                Optional.of(Inputs.plan(goodTask("FE-1").build())), prior, GovernanceGateTest.Context.DEFAULT_CLOCK));
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
