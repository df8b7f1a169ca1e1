package dev.planning.engine.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.LintReport;
import dev.planning.api.rulebook.TagTaxonomy;
import dev.planning.engine.fixtures.Plans;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
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

    @Test
    void aWaiverOfAnUnknownItemIsALocatedErrorWithTheItemMeant() {
        Plans.write(workspace, Plans.DECISIONS_PATH, """
                version: "1.0.0"
                cycle_id: "2025-09-02"
                stream: fe
                waivers:
                  - {rule: critical-approvals, item: FE12, reason: r, approver: a, expires: 2099-01-01}
                  - {rule: critical-approvals, item: FE-12, reason: r, approver: a, expires: 2099-01-01}
                  - {rule: missing-owner, item: "2025-09-02", reason: r, approver: a, expires: 2099-01-01}
                """);

        List<Finding> unknown = lint(RULES).findings().stream()
                .filter(f -> f.code().equals(LintCodes.WAIVER_UNKNOWN_ITEM)).toList();

        assertThat(unknown).singleElement().satisfies(f -> {
            assertThat(textAt(f.location().orElseThrow())).startsWith("FE12");
            assertThat(f.message()).contains("`FE12`").contains("did you mean `FE-12`");
        });
    }

    private String textAt(SourceLocation location) {
        try {
            String line = Files.readAllLines(workspace.resolve(location.file())).get(location.line() - 1);
            return line.substring(location.column() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LintRules judgedOn(String day, int horizon) {
        return new LintRules(RULES.taxonomy(), RULES.ruleNames(), RULES.hash(),
                Optional.of(LocalDate.parse(day)), horizon);
    }

    @Test
    void aWaiverWhoseLastDayIsPastIsAWarningAtItsExpiry() {
        Plans.write(workspace, Plans.DECISIONS_PATH, """
                version: "1.0.0"
                cycle_id: "2025-09-02"
                stream: fe
                waivers:
                  - {rule: critical-approvals, item: FE-12, reason: r, approver: a, expires: 2025-09-01}
                  - {rule: missing-owner, item: FE-12, reason: r, approver: a, expires: 2025-09-02}
                """);

        LintReport report = lint(judgedOn("2025-09-02", 0));

        assertThat(report.passed()).isTrue();
        assertThat(report.findings()).filteredOn(f -> f.code().equals(LintCodes.WAIVER_EXPIRED)).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(dev.planning.api.gate.Severity.WARNING);
                    assertThat(textAt(f.location().orElseThrow())).startsWith("2025-09-01");
                    assertThat(f.message()).contains("critical-approvals for FE-12 expired on 2025-09-01 and waives nothing");
                    assertThat(f.facts()).containsEntry("expires", "2025-09-01").containsEntry("today", "2025-09-02");
                });
    }

    @Test
    void anExpiringWaiversComparedValuesComeInTheOrderItsMessageNamesThem() {
        Plans.write(workspace, Plans.DECISIONS_PATH, """
                version: "1.0.0"
                cycle_id: "2025-09-02"
                stream: fe
                waivers:
                  - {rule: critical-approvals, item: FE-12, reason: r, approver: a, expires: 2025-09-10}
                """);

        // Map.of iterates in an order that changes from one JVM to the next: text, SARIF and JUnit differed run to run.
        assertThat(lint(judgedOn("2025-09-02", 14)).findings())
                .filteredOn(f -> f.code().equals(LintCodes.WAIVER_EXPIRING)).singleElement()
                .satisfies(f -> assertThat(f.facts().keySet()).containsExactly("expires", "days_left", "horizon_days"));
    }

    @Test
    void aWaiverExpiringWithinTheHorizonIsAWarningAtItsExpiry() {
        Plans.write(workspace, Plans.DECISIONS_PATH, """
                version: "1.0.0"
                cycle_id: "2025-09-02"
                stream: fe
                waivers:
                  - {rule: critical-approvals, item: FE-12, reason: r, approver: a, expires: 2025-09-10}
                  - {rule: missing-owner, item: FE-12, reason: r, approver: a, expires: 2025-09-30}
                """);

        LintReport report = lint(judgedOn("2025-09-02", 14));

        assertThat(report.passed()).isTrue();
        assertThat(report.findings()).filteredOn(f -> f.code().equals(LintCodes.WAIVER_EXPIRING)).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(dev.planning.api.gate.Severity.WARNING);
                    assertThat(textAt(f.location().orElseThrow())).startsWith("2025-09-10");
                    assertThat(f.message()).contains("critical-approvals for FE-12 expires in 8 days (2025-09-10)");
                    assertThat(f.facts()).containsEntry("days_left", "8").containsEntry("horizon_days", "14");
                });
        assertThat(lint(judgedOn("2025-09-02", 7)).findings())
                .noneMatch(f -> f.code().equals(LintCodes.WAIVER_EXPIRING));
        assertThat(lint(judgedOn("2025-09-11", 20)).findings()).as("expired waivers are not expiring")
                .filteredOn(f -> f.code().equals(LintCodes.WAIVER_EXPIRING)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("missing-owner"));
        assertThat(lint(RULES).findings()).as("without a day, no expiry is judged")
                .noneMatch(f -> f.code().equals(LintCodes.WAIVER_EXPIRING));
    }
}
