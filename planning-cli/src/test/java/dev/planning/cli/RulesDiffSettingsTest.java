package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code planning rules diff} on a head rulebook that changes no rule but cuts {@code signing.required}
 * to PM alone (the twentieth review): the preview, which judged only the governance rules, said
 * "0 new finding(s)" and a Markdown "NO CHANGE". The change is now shown weakening in every format.
 */
class RulesDiffSettingsTest {

    private static final String SIGNING = "signing.required: WEAKENS, 1 of [PM]; 1 of [TechLead]; 1 of [QA] -> 1 of [PM]";

    @TempDir
    Path dir;

    private Path ws;
    private Path head;

    @BeforeEach
    void signingCutToPmAlone() throws IOException {
        ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        head = CliRun.copyOf("fe-2025-09-02", dir.resolve("head-ws")).resolve("rulebook");
        edit("    - {roles: [TechLead], min: 1}\n    - {roles: [QA], min: 1}\n", "");
    }

    private void edit(String from, String to) throws IOException {
        Path settings = head.resolve("rulebook.yaml");
        String yaml = Files.readString(settings);
        assertThat(yaml).contains(from);
        Files.writeString(settings, yaml.replace(from, to));
    }

    private CliRun diff(String... more) {
        String[] args = {"rules", "diff", "-w", ws.toString(), "--base", ws.resolve("rulebook").toString(),
            "--head", head.toString()};
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliRun.of(all);
    }

    @Test
    void theTextShowsTheSigningPolicyWeakenedAndSaysSoInTheSummary() {
        CliRun run = diff();

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("setting " + SIGNING + "\n")
                .contains("fe/2025-09-02: passes, unchanged")
                .endsWith("0 cycle(s) newly blocked; 1 setting(s) changed, 1 WEAKENS governance\n");
    }

    @Test
    void jsonListsTheWeakenedSetting() throws Exception {
        JsonNode json = new ObjectMapper().readTree(diff("--format", "json").out());

        assertThat(json.path("weakens").asBoolean()).isTrue();
        assertThat(json.path("blocks_new").asBoolean()).isFalse();
        JsonNode setting = json.path("settings").get(0);
        assertThat(setting.path("setting").asText()).isEqualTo("signing.required");
        assertThat(setting.path("base").asText()).isEqualTo("1 of [PM]; 1 of [TechLead]; 1 of [QA]");
        assertThat(setting.path("head").asText()).isEqualTo("1 of [PM]");
        assertThat(setting.path("change").asText()).isEqualTo("weakens");
    }

    @Test
    void markdownSaysWeakensNotNoChange() {
        assertThat(diff("--format", "markdown").out()).startsWith("### planning rules diff: **WEAKENS**")
                .contains("| signing\\.required | 1 of \\[PM\\]; 1 of \\[TechLead\\]; 1 of \\[QA\\] | 1 of \\[PM\\] | weakens |\n")
                .doesNotContain("NO CHANGE");
    }

    @Test
    void failOnWeakensExitsOneAndFailOnNewDoesNot() {
        assertThat(diff("--fail-on", "weakens").exitCode()).isEqualTo(1);
        assertThat(diff("--fail-on", "new").exitCode()).isZero();
    }

    @Test
    void aGateTakenOutOfAProfileIsShownWeakening() throws IOException {
        edit("    - {roles: [PM], min: 1}\n", "    - {roles: [PM], min: 1}\n    - {roles: [TechLead], min: 1}\n"
                + "    - {roles: [QA], min: 1}\n");
        edit("gates: [schema_lint, governance]}", "gates: [schema_lint]}");

        CliRun run = diff("--fail-on", "weakens");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("setting profiles.fe.READY_FOR_HANDOFF->PACKAGED: WEAKENS, [schema_lint, governance]"
                + " -> [schema_lint]\n").doesNotContain("signing.required");
    }

    @Test
    void theSameRulebookShowsNoSettingAndPassesFailOnWeakens() {
        CliRun run = CliRun.of("rules", "diff", "-w", ws.toString(), "--base", ws.resolve("rulebook").toString(),
                "--fail-on", "weakens");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("setting").endsWith("0 cycle(s) newly blocked\n");
        assertThat(CliRun.of("rules", "diff", "-w", ws.toString(), "--base", ws.resolve("rulebook").toString(),
                "--format", "markdown").out()).startsWith("### planning rules diff: **NO CHANGE**");
    }

    private static final String ALL_THREE = "    - {roles: [PM], min: 1}\n    - {roles: [TechLead], min: 1}\n"
            + "    - {roles: [QA], min: 1}\n";

    @Test
    void aTaxonomyValueAllowedThatWasNotWeakensAndFailsFailOnWeakens() throws IOException {
        edit("    - {roles: [PM], min: 1}\n", ALL_THREE);
        edit("compliance: [sox, gdpr, hipaa, none]", "compliance: [sox, gdpr, hipaa, none, exempt]");

        CliRun run = diff("--fail-on", "weakens");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("setting taxonomy.compliance: WEAKENS, [sox, gdpr, hipaa, none] -> [sox, gdpr,"
                + " hipaa, none, exempt]\n");
    }

    /** sev43: a Critical=0 rule made LOW, every rule kept, fails {@code --fail-on weakens}; it exited 0. */
    @Test
    void aRulesSeverityLoweredFailsFailOnWeakens() throws IOException {
        edit("    - {roles: [PM], min: 1}\n", ALL_THREE);
        Path rules = head.resolve("rules/critical.drl");
        String drl = Files.readString(rules);
        Files.writeString(rules, drl.replaceFirst("@severity\\(CRITICAL\\)", "@severity(LOW)"));

        CliRun run = diff("--fail-on", "weakens");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("setting rules.critical-approvals.severity: WEAKENS, CRITICAL -> LOW\n");
    }

    /** A rule deleted from its rule file, no plan here broken by the loss, fails {@code --fail-on weakens}. */
    @Test
    void aRuleTakenOutOfARuleFileFailsFailOnWeakens() throws IOException {
        edit("    - {roles: [PM], min: 1}\n", ALL_THREE);
        Path rules = head.resolve("rules/critical.drl");
        String drl = Files.readString(rules);
        int start = drl.indexOf("rule \"critical-review-board\"");
        assertThat(start).isNotNegative();
        int end = drl.indexOf("end\n", start) + "end\n".length();
        Files.writeString(rules, drl.substring(0, start) + drl.substring(end));

        CliRun run = diff("--fail-on", "weakens");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("setting rules: WEAKENS, [critical-review-board] -> ");
    }

    @Test
    void aRefusedTransitionLeftWhereItWasInsteadOfSentBackFailsFailOnWeakens() throws IOException {
        edit("    - {roles: [PM], min: 1}\n", ALL_THREE);
        Path base = ws.resolve("rulebook/rulebook.yaml");
        String step = "{transition: \"READY_FOR_HANDOFF->PACKAGED\", gates: [schema_lint, governance]";
        Files.writeString(base, Files.readString(base).replace(step + "}", step + ", on_failure: PLANNED}"));

        CliRun run = diff("--fail-on", "weakens");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("setting profiles.fe.READY_FOR_HANDOFF->PACKAGED: WEAKENS, [schema_lint, governance]"
                + " on_failure PLANNED -> [schema_lint, governance]\n");
    }

    /** {@code be}'s handoff names the state it leaves from as on_failure: leaving it out changes nothing it governs. */
    @Test
    void anOnFailureNamingTheStateTheCycleStaysInAnywayDroppedIsOnlyAChange() throws IOException {
        edit("    - {roles: [PM], min: 1}\n", ALL_THREE);
        edit("gates: [schema_lint], on_failure: PLANNED}", "gates: [schema_lint]}");

        CliRun run = diff("--fail-on", "weakens");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("setting profiles.be.PLANNED->READY_FOR_HANDOFF: changed, [schema_lint] on_failure"
                + " PLANNED -> [schema_lint]\n");
    }

    @Test
    void aStricterSigningPolicyIsShownStrengtheningInEveryFormatAndPassesFailOnWeakens() throws Exception {
        edit("    - {roles: [PM], min: 1}\n", ALL_THREE + "    - {roles: [Security], min: 1}\n");

        CliRun run = diff("--fail-on", "weakens");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("setting signing.required: strengthens, 1 of [PM]; 1 of [TechLead]; 1 of [QA] ->"
                + " 1 of [PM]; 1 of [TechLead]; 1 of [QA]; 1 of [Security]\n")
                .endsWith("; 1 setting(s) changed, 0 WEAKENS governance\n");
        JsonNode json = new ObjectMapper().readTree(diff("--format", "json").out());
        assertThat(json.path("weakens").asBoolean()).isFalse();
        assertThat(json.path("settings").get(0).path("change").asText()).isEqualTo("strengthens");
        assertThat(diff("--format", "markdown").out()).startsWith("### planning rules diff: **CHANGES**")
                .contains(" | strengthens |\n");
    }

    /**
     * diff23: a change left unjudged says why, in every format, and does not fail --fail-on weakens. diff24: the
     * example's rules are the shipped ones, which read a narrowed taxonomy as the gate does; a rule of one's own
     * that reads the settings leaves it unjudged.
     */
    @Test
    void aNarrowedTaxonomyARuleOfOnesOwnReadsIsAChangeThatSaysWhyInEveryFormat() throws Exception {
        edit("    - {roles: [PM], min: 1}\n", ALL_THREE);
        edit("compliance: [sox, gdpr, hipaa, none]", "compliance: [sox, gdpr, none]");
        Files.writeString(head.resolve("rules/keys.drl"), """
                package team.rules;
                import dev.planning.rules.facts.TaskFact;
                import dev.planning.rules.facts.RulebookFacts;
                import dev.planning.rules.facts.Report;
                rule "hipaa-allowed"
                    @severity(LOW)
                when
                    $rb : RulebookFacts()
                    $t : TaskFact(owner == null)
                    eval($rb.allows("compliance", "hipaa"))
                then
                    insert(Report.violation(kcontext, $t, $t.id() + " has no owner"));
                end
                """);

        CliRun run = diff("--fail-on", "weakens");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("setting taxonomy.compliance: changed, [sox, gdpr, hipaa, none] -> [sox, gdpr, none]"
                + " (fewer values allowed: the gate refuses more, but rules other than the shipped ones read the"
                + " rulebook's settings and may read the taxonomy themselves and report less (rules/keys.drl: hipaa-allowed))");
        assertThat(diff("--format", "markdown").out()).contains(" | changed (fewer values allowed\\: ");
    }

    /** diff24: with the shipped rules alone, a narrowed taxonomy strengthens, shown so in every format, exit 0. */
    @Test
    void aNarrowedTaxonomyUnderTheShippedRulesIsShownStrengthening() throws Exception {
        edit("    - {roles: [PM], min: 1}\n", ALL_THREE);
        edit("compliance: [sox, gdpr, hipaa, none]", "compliance: [sox, gdpr, none]");

        CliRun run = diff("--fail-on", "weakens");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("setting taxonomy.compliance: strengthens, [sox, gdpr, hipaa, none] -> [sox, gdpr, none]\n");
        assertThat(new ObjectMapper().readTree(diff("--format", "json").out()).at("/settings/0/change").asText())
                .isEqualTo("strengthens");
    }

    /** diff23: a gate appended to a transition strengthens, and a stricter threshold too: shown so, exit 0. */
    @Test
    void aGateAppendedAndAMinimumRaisedAreShownStrengthening() throws Exception {
        edit("    - {roles: [PM], min: 1}\n", ALL_THREE);
        edit("gates: [schema_lint, governance]}", "gates: [schema_lint, governance, parity_coverage]}");
        edit("unit_coverage_min: 80", "unit_coverage_min: 85");

        CliRun run = diff("--fail-on", "weakens");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("setting profiles.fe.READY_FOR_HANDOFF->PACKAGED: strengthens, [schema_lint,"
                + " governance] -> [schema_lint, governance, parity_coverage]\n")
                .contains("setting thresholds.unit_coverage_min: strengthens, 80 -> 85\n")
                .endsWith("; 2 setting(s) changed, 0 WEAKENS governance\n");
    }

    /** A KPI's description is a contributor's text: its line break does not print a line of its own. */
    @Test
    void aHostileSettingValuePrintsOnOneLine() throws IOException {
        edit("description: Share of the planned work items delivered.}",
                "description: \"ok\\nsetting signing.required: changed, fine -> fine\"}");

        String out = diff().out();

        assertThat(out).doesNotContain("\nsetting signing.required: changed")
                .containsPattern("setting kpis\\.plan_accuracy: changed, [^\n]*ok[^\n]*setting signing\\.required: changed");
    }
}
