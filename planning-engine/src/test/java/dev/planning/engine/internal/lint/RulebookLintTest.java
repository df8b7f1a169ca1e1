package dev.planning.engine.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.LintReport;
import dev.planning.engine.fixtures.Plans;
import dev.planning.api.rulebook.TagTaxonomy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lint judges what the gates judge of the rulebook: taxonomy values, waived rule names. */
class RulebookLintTest {

    private static final LintRules RULES = new LintRules(TagTaxonomy.of(Map.of(
            "criticality", List.of("0", "1", "2", "3"), "compliance", List.of("sox", "gdpr", "hipaa", "none"))),
            Optional.of(Set.of("critical-approvals", "missing-owner", "critical-zero-approvals")), "ab".repeat(32));

    @TempDir
    Path workspace;

    @BeforeEach
    void writeTheExampleWorkspace() {
        Plans.feWorkspace(workspace);
    }

    private LintReport lint(LintRules rules) {
        return WorkspaceLinter.withDefaultLayout().lint(workspace, Optional.empty(), Optional.empty(), rules);
    }

    @Test
    void theValidExampleLintsCleanAgainstTheRulebook() {
        LintReport report = lint(RULES);
        assertThat(report.passed()).as(report.findings().toString()).isTrue();
    }

    @Test
    void aTagValueOutsideTheTaxonomyIsALocatedError() {
        Plans.write(workspace, Plans.TASKS_PATH, Plans.FE_TASKS.replace("{criticality: 1, compliance: gdpr}",
                "{criticality: 1, compliance: soxx}"));

        LintReport report = lint(RULES);

        assertThat(report.passed()).isFalse();
        assertThat(report.findings()).filteredOn(f -> f.code().equals(LintCodes.TAG_UNKNOWN_VALUE)).singleElement()
                .satisfies(f -> {
                    assertThat(f.location()).contains(new SourceLocation(Plans.TASKS_PATH, 17, 40));
                    assertThat(f.taskId()).contains("FE-12");
                    assertThat(f.message()).contains("did you mean \"sox\"");
                });
    }

    @Test
    void withoutARulebookTagValuesAreNotJudged() {
        Plans.write(workspace, Plans.TASKS_PATH, Plans.FE_TASKS.replace("{criticality: 1, compliance: gdpr}",
                "{criticality: 1, compliance: soxx}"));

        assertThat(lint(LintRules.NONE).passed()).isTrue();
    }

    @Test
    void aWaiverOfAnUnknownRuleIsALocatedErrorWithTheRuleMeant() {
        Plans.write(workspace, Plans.DECISIONS_PATH, """
                version: "1.0.0"
                cycle_id: "2025-09-02"
                stream: fe
                waivers:
                  - {rule: missing-ownr, item: FE-12, reason: r, approver: a, expires: 2099-01-01}
                  - {rule: critical-approvals, item: FE-12, reason: r, approver: a, expires: 2099-01-01}
                """);

        List<Finding> unknown = lint(RULES).findings().stream()
                .filter(f -> f.code().equals(LintCodes.WAIVER_UNKNOWN_RULE)).toList();

        assertThat(unknown).singleElement().satisfies(f -> {
            assertThat(f.location()).contains(new SourceLocation(Plans.DECISIONS_PATH, 5, 12));
            assertThat(f.message()).contains("`missing-ownr`").contains("did you mean `missing-owner`");
        });
    }
}
