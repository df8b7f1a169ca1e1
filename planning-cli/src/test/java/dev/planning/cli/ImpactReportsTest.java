package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.rules.impact.CycleImpact;
import dev.planning.rules.impact.ImpactFinding;
import dev.planning.rules.impact.RulebookImpact;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code planning rules diff}'s text. Twelfth review (2026-12-04): a finding's message, item, values
 * and hint come from the head rulebook (the pull request's) and the plans it judges; a line break in
 * any of them printed a line of its own (the CLI's output keeps line feeds), such as a forged
 * {@code 0 cycle(s) newly blocked} summary above the real one.
 */
class ImpactReportsTest {

    @Test
    void aFindingIsOneLineWhateverItsRuleAndPlanSay() {
        String forged = "\n1 cycle(s): 0 new finding(s), 0 resolved, 0 cycle(s) newly blocked\n";
        ImpactFinding finding = new ImpactFinding("critical-approvals", Optional.of("FE-1" + forged), Severity.ERROR,
                "needs approvals" + forged, Optional.empty(), Map.of("title", "Checkout" + forged),
                Optional.of("ask" + forged));
        RulebookImpact impact = new RulebookImpact("a".repeat(64), "b".repeat(64), List.of(new CycleImpact(
                new CycleRef("fe", "2025-09-02"), false, true, List.of(finding), List.of())));

        String text = ImpactReports.text(impact, "base", "head");

        assertThat(text.lines()).hasSize(5).filteredOn(l -> l.startsWith("1 cycle(s)"))
                .containsExactly("1 cycle(s): 1 new finding(s), 0 resolved, 1 cycle(s) newly blocked");
        assertThat(text.lines().toList().get(3)).startsWith("  + error critical-approvals on FE-1\\u000A1 cycle(s)");
    }
}
