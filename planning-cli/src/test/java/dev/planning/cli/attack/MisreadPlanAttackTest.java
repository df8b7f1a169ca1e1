package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sixteenth review, through the command line on the {@code fe-critical} example: FE-12 is critical
 * (criticality 0) and two people approved it, three being required. A reader of the plan sees the
 * policy broken; each edit below made {@code planning gate} pass (exit 0) because what governance
 * read differed from what the file shows.
 */
class MisreadPlanAttackTest {

    private static final String TASKS = "frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml";
    private static final String APPROVALS = "approvals: [pm-dana, techlead-erik]";
    private static final String TAGS = "tags: {criticality: 0, compliance: gdpr, data_classification: restricted}";

    @TempDir
    Path temp;

    private Path workspace;

    @BeforeEach
    void copyExample() {
        workspace = CliRun.copyOf("fe-critical", temp.resolve("fe-critical"));
    }

    private CliRun gateAfter(String from, String to) throws IOException {
        Path file = workspace.resolve(TASKS);
        String plan = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(plan).contains(from);
        Files.writeString(file, plan.replace(from, to), StandardCharsets.UTF_8);
        return CliRun.of("gate", "-w", workspace.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF");
    }

    @Test
    void aThirdApproverWhoReadsAsTheSecondCountsForNoOne() throws IOException {
        CliRun run = gateAfter(APPROVALS, "approvals: [pm-dana, techlead-erik, \"techlead-erik\\u200b\"]");

        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("governance: FAIL").contains("FE-12 is critical (criticality 0) but has 2 approvals")
                .contains("schema_lint: FAIL").contains("approver `techlead-erik\\u200B` holds U+200B")
                .contains("[controls.approver-unclear]");
    }

    @Test
    void aThirdApproverInAnotherScriptCountsForNoOne() throws IOException {
        CliRun run = gateAfter(APPROVALS, "approvals: [pm-dana, techlead-erik, techlead-\u0435rik]");

        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("FE-12 is critical (criticality 0) but has 2 approvals")
                .contains("mixes the scripts Cyrillic and Latin");
    }

    @Test
    void aCriticalityKeyWithAZeroWidthSpaceIsRefusedNotPassedOver() throws IOException {
        CliRun run = gateAfter(TAGS, "tags: {criticality: 3, \"criticality\\u200b\": 0, compliance: gdpr}");

        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("schema_lint: FAIL").contains("governance: FAIL");
    }

    @Test
    void aCompliantCopyUnderTheOtherAcceptedNameBesideThePlanIsRefused() throws IOException {
        Path plan = workspace.resolve(TASKS);
        Files.copy(plan, plan.resolveSibling("2025-09-02-fe_backlog.yaml"));
        CliRun run = gateAfter(APPROVALS, "approvals: [pm-dana, techlead-erik, qa-fay]");

        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("schema_lint: FAIL").contains("[file.ambiguous]");
    }

    /**
     * A rulebook whose profile runs governance alone at PLANNED -&gt; READY_FOR_HANDOFF, and a waiver of
     * FE-12's missing approval in a decision log whose header names another cycle: governance applied it
     * (only {@code schema_lint} compared the header with the cycle) and the gate passed.
     */
    @Test
    void aWaiverInADecisionLogOfAnotherCycleWaivesNothingEvenWithGovernanceAlone() throws IOException {
        Path rulebook = workspace.resolve("rulebook/rulebook.yaml");
        String profile = "gates: [schema_lint, cross_stream_consistency, parity_coverage, governance]}";
        String rules = Files.readString(rulebook, StandardCharsets.UTF_8);
        assertThat(rules).contains(profile);
        Files.writeString(rulebook, rules.replace(profile, "gates: [governance]}"), StandardCharsets.UTF_8);
        Path log = workspace.resolve("frameworks/planning-fe/decisions/2025-09-02-decision_log.yaml");
        Files.writeString(log, Files.readString(log, StandardCharsets.UTF_8).replace("cycle_id: \"2025-09-02\"",
                "cycle_id: \"2025-10-01\"") + "waivers:\n  - {rule: critical-approvals, item: FE-12, reason: \"on leave\","
                + " approver: cto-gina, expires: 2099-12-31}\n", StandardCharsets.UTF_8);

        CliRun run = CliRun.of("gate", "-w", workspace.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF");

        assertThat(run.out() + run.err()).contains("`cycle_id` is \"2025-10-01\" but the decision log belongs to cycle");
        assertThat(run.exitCode()).as(run.out() + run.err()).isNotZero();
    }

    @Test
    void aStoryBelowTheDocumentEndMarkerOfTheStoryMapIsNotPassedOver() throws IOException {
        Path map = workspace.resolve("frameworks/planning-fe/storymaps/2025-09-02-story_map.md");
        String text = Files.readString(map, StandardCharsets.UTF_8);
        assertThat(text).contains("---\n# Checkout");
        Files.writeString(map, text.replace("---\n# Checkout", "...\n      - {id: S-CHECKOUT-4, title: Apple Pay,"
                + " slice: release-1}\n---\n# Checkout"), StandardCharsets.UTF_8);
        CliRun run = gateAfter(APPROVALS, "approvals: [pm-dana, techlead-erik, qa-fay]");

        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("close it with a line `---`");
    }

    @Test
    void aThirdRealApproverStillPasses() throws IOException {
        CliRun run = gateAfter(APPROVALS, "approvals: [pm-dana, techlead-erik, \"qa-fay\"]");

        assertThat(run.exitCode()).as(run.out()).isZero();
    }

    /**
     * names16: honest names attack16's rule refused, so a criticality-0 item that three people approved
     * failed Critical=0: a third approver written in katakana with the middle dot, or in Arabic with the
     * shadda, now counts.
     */
    @Test
    void aThirdApproverWithAnHonestNameInKanaOrArabicCounts() throws IOException {
        for (String third : List.of("\u30b8\u30e7\u30f3\u30fb\u30b9\u30df\u30b9", "\u0645\u062d\u0645\u0651\u062f")) {
            workspace = CliRun.copyOf("fe-critical", temp.resolve("honest-" + third.codePointAt(0)));
            CliRun run = gateAfter(APPROVALS, "approvals: [pm-dana, techlead-erik, \"" + third + "\"]");

            assertThat(run.exitCode()).as(run.out()).isZero();
        }
    }

    /**
     * The {@code multi-stream} example, whose capacity model gives bob 10 points: FE-13 re-estimated at
     * 7 (bob then has 12) and owned by {@code Bob} or by {@code bоb} with a Cyrillic {@code о} was
     * charged to no budget, and the gate passed.
     */
    @Test
    void workOwnedByALookAlikeOfABudgetedOwnerIsChargedOrRefused() throws IOException {
        for (String owner : List.of("Bob", "b\u043eb")) {
            Path multi = CliRun.copyOf("multi-stream", temp.resolve("multi-" + (int) owner.charAt(1)));
            Path file = multi.resolve(TASKS);
            String plan = Files.readString(file, StandardCharsets.UTF_8);
            int at = plan.indexOf("owner: bob", plan.indexOf("id: FE-13"));
            Files.writeString(file, plan.substring(0, at) + "owner: " + owner + plan.substring(at + "owner: bob".length())
                    .replaceFirst("effort: 3", "effort: 7"), StandardCharsets.UTF_8);

            CliRun run = CliRun.of("gate", "-w", multi.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                    "READY_FOR_HANDOFF");

            assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
            assertThat(run.out()).contains("cross_stream_consistency: FAIL").containsAnyOf(
                    "owner bob is planned for 12 points", "cannot tell whose budget its 7 points");
        }
    }
}
