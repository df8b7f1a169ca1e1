package dev.planning.rules.internal.drools;

import static dev.planning.rules.Inputs.goodCriticalTask;
import static dev.planning.rules.Inputs.goodTask;
import static dev.planning.rules.Inputs.input;
import static dev.planning.rules.Inputs.tags;
import static dev.planning.rules.testkit.GovernanceAssertions.assertThat;
import static dev.planning.rules.testkit.GovernanceAssertions.v;

import dev.planning.api.artifact.Controls;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.artifact.TaskRef;
import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.governance.GovernanceInput;
import dev.planning.api.governance.ViolationSeverity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.rules.Inputs;
import dev.planning.rules.TestRulebooks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each default rule fires on a minimal bad item, with a message a person understands, and not on a good one. */
class DefaultRulesTest {

    private static DroolsGovernanceEngine engine;

    @BeforeAll
    static void compile(@TempDir Path dir) {
        engine = new DroolsGovernanceEngineFactory().create(TestRulebooks.defaultRulebook(dir));
    }

    private static Controls controls(int approvals, String board, String contact, String rollback) {
        return new Controls(List.of("a", "b", "c", "d").subList(0, approvals), Optional.ofNullable(board),
                Optional.ofNullable(contact), Optional.ofNullable(rollback), Optional.empty(), false, Optional.empty());
    }

    @Test
    void acceptsGoodItems() {
        GovernanceDecision decision = engine.evaluate(input(goodTask("FE-1").build(), goodCriticalTask("FE-2").build()));

        assertThat(decision).hasNoViolations().hasCriticalCount(0);
    }

    @Test
    void criticalApprovalsReportsTheValuesItComparedAndAFixHint() {
        GovernanceDecision decision = engine.evaluate(input(
                goodCriticalTask("FE-12").controls(controls(1, "ARB", "oncall", "flag")).build()));

        var violation = decision.violations().get(0);
        org.assertj.core.api.Assertions.assertThat(violation.facts())
                .containsExactly(Map.entry("criticality", "0"), Map.entry("approvals", "1"), Map.entry("required", "3"));
        org.assertj.core.api.Assertions.assertThat(violation.hint()).hasValueSatisfying(h ->
                org.assertj.core.api.Assertions.assertThat(h).contains("approvals"));
    }

    @Test
    void everyDefaultRuleReportsComparedValuesAndAFixHint() {
        GovernanceDecision decision = engine.evaluate(input(
                goodCriticalTask("FE-12").controls(controls(0, null, null, null)).owner(null)
                        .acceptanceCriteria(List.of()).build(),
                goodTask("FE-7").tags(tags("criticality:1", "compliance:sox")).build(),
                goodTask("FE-8").tags(tags("criticality:1", "compliance:gdpr")).build(),
                goodTask("FE-9").tags(tags("criticality:1", "compliance:pci")).build(),
                goodTask("FE-10").tags(tags("compliance:none")).build()));

        org.assertj.core.api.Assertions.assertThat(decision.violations())
                .extracting(v -> v.rule()).contains("critical-approvals", "critical-review-board",
                        "critical-emergency-contact", "critical-rollback-plan", "critical-acceptance-criteria",
                        "missing-owner", "sox-audit-trail", "sox-change-freeze", "gdpr-data-handling",
                        "allowed-tag-values", "required-tags");
        org.assertj.core.api.Assertions.assertThat(decision.violations())
                .allSatisfy(v -> {
                    org.assertj.core.api.Assertions.assertThat(v.facts()).as(v.rule()).isNotEmpty();
                    org.assertj.core.api.Assertions.assertThat(v.hint()).as(v.rule()).isPresent();
                });
    }

    @Test
    void criticalApprovalsCountsApprovalsAgainstTheThreshold() {
        GovernanceDecision decision = engine.evaluate(input(
                goodCriticalTask("FE-12").controls(controls(1, "ARB", "oncall", "flag")).build()));

        assertThat(decision).hasOnlyViolations(v("critical-approvals", "FE-12"));
        assertThat(decision).hasViolation("critical-approvals").on("FE-12")
                .withSeverity(ViolationSeverity.CRITICAL)
                .withMessageContaining("FE-12 is critical (criticality 0) but has 1 approval; 3 are required");
    }

    @Test
    void criticalControlsEachReportTheirOwnViolation() {
        GovernanceDecision decision = engine.evaluate(input(
                goodCriticalTask("FE-1").controls(controls(3, null, "oncall", "flag")).build(),
                goodCriticalTask("FE-2").controls(controls(3, "ARB", null, "flag")).build(),
                goodCriticalTask("FE-3").controls(controls(3, "ARB", "oncall", " ")).build(),
                goodCriticalTask("FE-4").acceptanceCriteria(List.of()).build()));

        assertThat(decision).hasOnlyViolations(v("critical-review-board", "FE-1"), v("critical-emergency-contact", "FE-2"),
                v("critical-rollback-plan", "FE-3"), v("critical-acceptance-criteria", "FE-4"));
        assertThat(decision).hasCriticalCount(4);
        assertThat(decision).hasViolation("critical-rollback-plan").withMessageContaining("no rollback plan");
    }

    @Test
    void missingOwnerIsCritical() {
        GovernanceDecision decision = engine.evaluate(input(goodTask("FE-3").owner(null).build()));

        assertThat(decision).hasOnlyViolations(v("missing-owner", "FE-3"))
                .hasViolation("missing-owner").withSeverity(ViolationSeverity.CRITICAL)
                .withMessageContaining("FE-3 has no owner");
    }

    @Test
    void soxRulesCarryTheirControlMetadata() {
        GovernanceDecision decision = engine.evaluate(input(goodTask("FE-7").tags(tags("criticality:1", "compliance:sox")).build()));

        assertThat(decision).hasOnlyViolations(v("sox-audit-trail", "FE-7"), v("sox-change-freeze", "FE-7"));
        assertThat(decision).hasViolation("sox-audit-trail").on("FE-7").withSeverity(ViolationSeverity.HIGH)
                .withMetadata("control", "SOX-404").withMetadata("severity", "HIGH")
                .withMessageContaining("audit trail is not set");
        assertThat(decision).hasCriticalCount(0);
    }

    @Test
    void soxItemWithItsControlsPasses() {
        Controls sox = new Controls(List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("Enhanced"), true, Optional.empty());
        GovernanceDecision decision = engine.evaluate(input(
                goodTask("FE-7").tags(tags("criticality:1", "compliance:SOX")).controls(sox).build()));

        assertThat(decision).hasNoViolations();
    }

    @Test
    void gdprNeedsADataHandlingNote() {
        Controls note = new Controls(List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, Optional.of("kept 30 days"));
        GovernanceDecision decision = engine.evaluate(input(
                goodTask("FE-8").tags(tags("criticality:2", "compliance:gdpr")).build(),
                goodTask("FE-9").tags(tags("criticality:2", "compliance:gdpr")).controls(note).build()));

        assertThat(decision).hasOnlyViolations(v("gdpr-data-handling", "FE-8"));
    }

    @Test
    void requiredTagsReportsEachMissingKey() {
        GovernanceDecision decision = engine.evaluate(input(goodTask("FE-5").tags(tags("Release")).build()));

        // Without a criticality tag, which the rulebook requires, the item counts as critical (fail closed).
        assertThat(decision).hasViolation("required-tags").on("FE-5");
        assertThat(decision).hasViolation("critical-approvals").on("FE-5");
        org.assertj.core.api.Assertions.assertThat(decision.violations()).filteredOn(v -> v.rule().equals("required-tags"))
                .extracting(v -> v.message()).containsExactly(
                "FE-5 has no 'compliance' tag; the rulebook requires [criticality, compliance]",
                "FE-5 has no 'criticality' tag; the rulebook requires [criticality, compliance]");
    }

    @Test
    void allowedTagValuesNamesTheAllowedOnes() {
        GovernanceDecision decision = engine.evaluate(input(goodTask("FE-6").tags(tags("criticality:2", "compliance:pci")).build()));

        assertThat(decision).hasOnlyViolations(v("allowed-tag-values", "FE-6"))
                .hasViolation("allowed-tag-values").withSeverity(ViolationSeverity.MEDIUM)
                .withMessageContaining("FE-6 has compliance 'pci', which the rulebook does not allow; expected one of [sox, gdpr, hipaa, none]");
    }

    @Test
    void theSharedTagPreFilterKeepsEachTagRuleToItsOwnCause() {
        // review36b: required-tags and allowed-tag-values share one pre-filter (either cause lets a task in);
        // a task missing a tag whose values are all allowed is a required-tags violation alone, and one with both
        // causes is one violation of each.
        GovernanceDecision missing = engine.evaluate(input(goodTask("FE-7").tags(tags("criticality:2")).build()));
        GovernanceDecision both = engine.evaluate(input(goodTask("FE-8").tags(tags("criticality:2", "data_classification:secret")).build()));

        assertThat(missing).hasOnlyViolations(v("required-tags", "FE-7"));
        org.assertj.core.api.Assertions.assertThat(both.violations()).extracting(v -> v.rule() + "/" + v.item())
                .containsExactly("allowed-tag-values/FE-8", "required-tags/FE-8");
    }

    @Test
    void crossStreamContractNeedsTheIdInAPresentPlan() {
        var fe = goodTask("FE-30").dependencies(List.of(TaskRef.parse("be:PLN-BE-404"), TaskRef.parse("be:PLN-BE-001"),
                TaskRef.parse("design:DS-1"))).build();
        TaskBreakdown be = new TaskBreakdown("1.0.0", "2025-09-02", "be", Optional.empty(),
                List.of(goodTask("PLN-BE-001").build()), "be.yaml");
        GovernanceInput in = new GovernanceInput(new CycleRef("fe", "2025-09-02"), Inputs.plan(fe), Optional.empty(),
                Map.of("be", be), List.of(), List.of(), Inputs.TODAY);

        GovernanceDecision decision = engine.evaluate(in);

        assertThat(decision).hasOnlyViolations(v("cross-stream-contract", "FE-30"))
                .hasViolation("cross-stream-contract").withSeverity(ViolationSeverity.CRITICAL)
                .withMessageContaining("FE-30 depends on be:PLN-BE-404, but the be plan has no task PLN-BE-404");
    }

    @Test
    void aDeclaredContractStandsInForTheMissingTask() {
        var fe = goodTask("FE-30").dependencies(List.of(TaskRef.parse("be:PLN-BE-404"))).build();
        TaskBreakdown be = new TaskBreakdown("1.0.0", "2025-09-02", "be", Optional.empty(),
                List.of(goodTask("PLN-BE-001").build()), "be.yaml");
        GovernanceInput in = new GovernanceInput(new CycleRef("fe", "2025-09-02"), Inputs.plan(fe), Optional.empty(),
                Map.of("be", be), List.of(), List.of(), Inputs.TODAY, List.of(TaskRef.parse("be:PLN-BE-404")));

        assertThat(engine.evaluate(in)).hasNoViolations();
    }

    @Test
    void violationsAreSortedByRuleThenItemAndLocated() {
        GovernanceDecision decision = engine.evaluate(input(
                goodTask("FE-2").owner(null).build(), goodTask("FE-1").owner(null).tags(tags("criticality:9", "compliance:none")).build()));

        org.assertj.core.api.Assertions.assertThat(decision.violations()).extracting(v -> v.rule() + "/" + v.item())
                .containsExactly("allowed-tag-values/FE-1", "critical-acceptance-criteria/FE-1", "critical-approvals/FE-1",
                        "critical-emergency-contact/FE-1", "critical-review-board/FE-1", "critical-rollback-plan/FE-1",
                        "missing-owner/FE-1", "missing-owner/FE-2");
        org.assertj.core.api.Assertions.assertThat(decision.violations()).allSatisfy(v -> org.assertj.core.api.Assertions.assertThat(v.location()).isPresent());
        assertThat(decision).hasFired("missing-owner");
        org.assertj.core.api.Assertions.assertThat(decision.rulesFired()).containsEntry("missing-owner", 2);
    }
}
