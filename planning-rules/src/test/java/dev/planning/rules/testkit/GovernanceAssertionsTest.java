package dev.planning.rules.testkit;

import static dev.planning.rules.testkit.GovernanceAssertions.assertThat;
import static dev.planning.rules.testkit.GovernanceAssertions.v;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.governance.Violation;
import dev.planning.api.governance.ViolationSeverity;
import dev.planning.api.governance.Waiver;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GovernanceAssertionsTest {

    private static Violation violation(String rule, String item, ViolationSeverity severity) {
        return new Violation(rule, item, severity, item + " breaks " + rule, Map.of("control", "SOX-404"), Optional.empty());
    }

    private static final GovernanceDecision DECISION = new GovernanceDecision("abc",
            List.of(violation("critical-approvals", "FE-12", ViolationSeverity.CRITICAL),
                    violation("missing-owner", "FE-3", ViolationSeverity.CRITICAL)),
            List.of(violation("sox-audit-trail", "FE-7", ViolationSeverity.HIGH)),
            List.of(new Waiver("gdpr-data-handling", "FE-9", "r", "a", LocalDate.MAX)),
            Map.of("critical-approvals", 1, "missing-owner", 1), Map.of());

    private static final GovernanceDecision CLEAN = new GovernanceDecision("abc", List.of(), List.of(), List.of(),
            Map.of(), Map.of());

    @Test
    void passesOnWhatTheDecisionHolds() {
        assertThat(DECISION).hasViolation("critical-approvals").on("FE-12")
                .withSeverity(ViolationSeverity.CRITICAL).withMetadata("control", "SOX-404")
                .withMessageContaining("breaks").and()
                .hasOnlyViolations(v("missing-owner", "FE-3"), v("critical-approvals", "FE-12"))
                .hasWaived(v("sox-audit-trail", "FE-7"))
                .hasUnusedWaiver("gdpr-data-handling", "FE-9")
                .hasCriticalCount(2)
                .hasNoViolation("sox-audit-trail")
                .hasFired("missing-owner");
        assertThat(CLEAN).hasNoViolations();
    }

    @Test
    void missingRuleFailureListsTheViolationsFound() {
        assertThatThrownBy(() -> assertThat(DECISION).hasViolation("gdpr-data-handling"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected a violation of rule <gdpr-data-handling>")
                .hasMessageContaining("critical-approvals on FE-12 [CRITICAL]: FE-12 breaks critical-approvals")
                .hasMessageContaining("missing-owner on FE-3");
    }

    @Test
    void wrongItemFailureNamesTheCandidates() {
        assertThatThrownBy(() -> assertThat(DECISION).hasViolation("critical-approvals").on("FE-99"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("rule <critical-approvals> and item <FE-99>")
                .hasMessageContaining("critical-approvals on FE-12");
    }

    @Test
    void onlyViolationsFailureShowsMissingAndUnexpected() {
        assertThatThrownBy(() -> assertThat(DECISION).hasOnlyViolations(v("missing-owner", "FE-3"), v("required-tags", "FE-1")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("missing:    [required-tags on FE-1]")
                .hasMessageContaining("unexpected: [critical-approvals on FE-12]");
    }

    @Test
    void noViolationsFailureListsThem() {
        assertThatThrownBy(() -> assertThat(DECISION).hasNoViolations())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected no violations but found")
                .hasMessageContaining("missing-owner on FE-3");
    }

    @Test
    void waiverAssertionsFailWithWhatWasFound() {
        assertThatThrownBy(() -> assertThat(DECISION).hasWaived(v("missing-owner", "FE-3")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("waived violations were [sox-audit-trail on FE-7]");
        assertThatThrownBy(() -> assertThat(CLEAN).hasUnusedWaiver("x", "FE-1"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("unused waivers were []");
        assertThatThrownBy(() -> assertThat(DECISION).hasCriticalCount(0))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected 0 critical violations but found 2");
    }
}
