package dev.planning.rules.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.governance.GovernanceDecision;
import dev.planning.api.governance.Violation;
import dev.planning.api.governance.ViolationSeverity;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * text40/review40: a governance finding is shown again without the backslash rule ({@code Printable.shown}), so the
 * values it quotes (a rule's message, an item) are quoted where the message is built: the six characters
 * {@code \u005Cu000A} a rule writes and a line feed it writes read apart.
 */
class DecisionReportTest {

    private static String shown(String message) {
        Violation violation = new Violation("r1", "T-1", ViolationSeverity.CRITICAL, message, Map.of(),
                Optional.empty());
        GovernanceDecision decision = new GovernanceDecision("sha256:0", List.of(violation), List.of(), List.of(),
                Map.of(), Map.of());
        return DecisionReport.findings(decision, List.of(), LocalDate.of(2025, 9, 2), "decisions.md").get(0)
                .describe();
    }

    @Test
    void aRulesMessageWrittenAsAnEscapeReadsOtherwiseThanOneWithTheCharacter() {
        assertThat(shown("a\nb")).contains("T-1 violates r1: a\\u000Ab");
        assertThat(shown("a\\u000Ab")).contains("T-1 violates r1: a\\u005Cu000Ab");
    }

    @Test
    void anOrdinaryMessageIsShownAsItIs() {
        assertThat(shown("no estimate")).contains("T-1 violates r1: no estimate");
    }
}
