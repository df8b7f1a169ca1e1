package dev.planning.rules.internal.gate;

import static dev.planning.rules.Inputs.goodTask;
import static dev.planning.rules.Inputs.tags;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.artifact.Task;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.gate.Severity;
import dev.planning.rules.Inputs;
import dev.planning.rules.TestRulebooks;
import dev.planning.rules.internal.drools.DroolsGovernanceEngineFactory;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate fails closed on tag values governance cannot classify, whatever the policies say. */
class GovernanceGateTaxonomyTest {

    @TempDir
    Path workspace;

    private GateResult evaluate(Task... tasks) {
        GovernanceGate gate = new GovernanceGate(new DroolsGovernanceEngineFactory());
        return gate.evaluate(new GovernanceGateTest.Context(workspace,
                TestRulebooks.defaultRulebook(workspace.resolve("rulebook")), Optional.of(Inputs.plan(tasks))));
    }

    @Test
    void aComplianceValueOutsideTheTaxonomyFailsTheGateWithOneErrorAndNoDuplicateWarning() {
        GateResult result = evaluate(goodTask("FE-3").tags(tags("criticality:3", "compliance:soxx")).build());

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("governance.taxonomy-unknown-value");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.taskId()).contains("FE-3");
            assertThat(f.message()).contains("\"soxx\"").contains("did you mean \"sox\"");
        });
        assertThat(result.evidence()).containsEntry("taxonomy_errors", 1);
    }

    @Test
    void anUnreadableCriticalityIsAnErrorAndTheCriticalZeroRulesJudgeTheItem() {
        GateResult result = evaluate(goodTask("FE-4").tags(tags("criticality:O", "compliance:none")).build());

        assertThat(result.status()).isEqualTo(GateStatus.FAIL);
        assertThat(result.findings()).extracting(Finding::code)
                .contains("governance.taxonomy-unknown-value", "governance.critical-approvals",
                        "governance.critical-review-board");
    }

    @Test
    void aValidPlanHasNoTaxonomyFinding() {
        GateResult result = evaluate(goodTask("FE-5").build());

        assertThat(result.status()).isEqualTo(GateStatus.PASS);
        assertThat(result.evidence()).containsEntry("taxonomy_errors", 0);
    }
}
