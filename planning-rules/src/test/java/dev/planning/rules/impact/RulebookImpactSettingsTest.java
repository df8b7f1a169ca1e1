package dev.planning.rules.impact;

import static dev.planning.rules.impact.SettingsChange.Effect.CHANGED;
import static dev.planning.rules.impact.SettingsChange.Effect.STRENGTHENS;
import static dev.planning.rules.impact.SettingsChange.Effect.WEAKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.testkit.workspace.WorkspaceCopies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings of {@code rulebook.yaml} compared by {@link RulebookImpact#compare}: a change the
 * governance rules do not see (the signing policy, a profile's gates) is shown, weakening where its
 * direction is known, and never read as no change.
 */
class RulebookImpactSettingsTest {

    private static final Path EXAMPLES = Path.of("..", "planning-examples", "workspaces").toAbsolutePath().normalize();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-09-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String ALL_THREE = "1 of [PM]; 1 of [TechLead]; 1 of [QA]";

    @TempDir
    Path dir;

    private Path ws;
    private Path head;

    @BeforeEach
    void copies() throws IOException {
        ws = WorkspaceCopies.copy(EXAMPLES.resolve("fe-2025-09-02"), dir.resolve("ws"));
        head = WorkspaceCopies.copy(ws.resolve("rulebook"), dir.resolve("head"));
    }

    private void edit(String from, String to) throws IOException {
        edit(head, from, to);
    }

    private void editBase(String from, String to) throws IOException {
        edit(ws.resolve("rulebook"), from, to);
    }

    private static void edit(Path rulebook, String from, String to) throws IOException {
        Path settings = rulebook.resolve("rulebook.yaml");
        String yaml = Files.readString(settings);
        assertThat(yaml).contains(from);
        Files.writeString(settings, yaml.replace(from, to));
    }

    private RulebookImpact impact() {
        return RulebookImpact.compare(ws, ws.resolve("rulebook"), head, CLOCK);
    }

    @Test
    void signingCutToPmAloneIsAWeakeningNotNoChange() throws IOException {
        edit("    - {roles: [TechLead], min: 1}\n    - {roles: [QA], min: 1}\n", "");

        RulebookImpact impact = impact();

        assertThat(impact.changed()).isEmpty();
        assertThat(impact.settings()).containsExactly(new SettingsChange("signing.required", ALL_THREE, "1 of [PM]", WEAKENS));
        assertThat(impact.weakens()).isTrue();
        assertThat(impact.verdict()).isEqualTo("WEAKENS");
        assertThat(impact.summary()).endsWith("; 1 setting(s) changed, 1 WEAKENS governance");
        assertThat(impact.markdown("base", "head")).startsWith("### planning rules diff: **WEAKENS**")
                .contains("| setting | base | head | change |\n| --- | --- | --- | --- |\n"
                        + "| signing\\.required | " + ALL_THREE.replace("[", "\\[").replace("]", "\\]")
                        + " | 1 of \\[PM\\] | weakens |\n");
    }

    @Test
    void aLowerMinOrAWiderRoleGroupWeakensAndAStricterPolicyStrengthens() throws IOException {
        edit("    - {roles: [QA], min: 1}\n", "    - {roles: [QA, Dev], min: 1}\n");
        assertThat(impact().settings()).singleElement().satisfies(c -> assertThat(c.weakens()).isTrue());

        edit("    - {roles: [QA, Dev], min: 1}\n", "    - {roles: [QA], min: 1}\n    - {roles: [Dev], min: 1}\n");
        assertThat(impact().settings()).singleElement().satisfies(c -> {
            assertThat(c.weakens()).isFalse();
            assertThat(c.kind()).isEqualTo("strengthens");
        });
        assertThat(impact().verdict()).isEqualTo("CHANGES");
    }

    @Test
    void aGateTakenOutOfAProfilesTransitionIsShownWeakening() throws IOException {
        edit("{transition: \"READY_FOR_HANDOFF->PACKAGED\", gates: [schema_lint, governance]}",
                "{transition: \"READY_FOR_HANDOFF->PACKAGED\", gates: [schema_lint]}");

        RulebookImpact impact = impact();

        assertThat(impact.settings()).containsExactly(new SettingsChange(
                "profiles.fe.READY_FOR_HANDOFF->PACKAGED", "[schema_lint, governance]", "[schema_lint]", WEAKENS));
        assertThat(impact.verdict()).isEqualTo("WEAKENS");
    }

    @Test
    void aStreamMovedToAProfileRunningFewerGatesWeakens() throws IOException {
        edit("streams: {fe: fe,", "streams: {fe: be,");

        assertThat(impact().settings()).contains(new SettingsChange("streams.fe", "fe", "be", WEAKENS));
    }

    @Test
    void aThresholdWeakensOnlyWhenMovedTheLenientWay() throws IOException {
        edit("critical_approvals: 3", "critical_approvals: 2");
        assertThat(impact().settings()).containsExactly(
                new SettingsChange("thresholds.critical_approvals", "3", "2", WEAKENS));

        edit("critical_approvals: 2", "critical_approvals: 4");
        assertThat(impact().settings()).containsExactly(
                new SettingsChange("thresholds.critical_approvals", "3", "4", CHANGED));
    }

    @Test
    void aKpiTargetLoweredForAHigherIsBetterKpiWeakens() throws IOException {
        edit("unit: percent, target: 90, direction: higher_is_better", "unit: percent, target: 50, direction: higher_is_better");

        assertThat(impact().settings()).singleElement().satisfies(c -> {
            assertThat(c.setting()).isEqualTo("kpis.plan_accuracy");
            assertThat(c.base()).contains("target 90 ");
            assertThat(c.head()).contains("target 50 ");
            assertThat(c.weakens()).isTrue();
        });
    }

    @Test
    void unchangedSettingsAddNothing() {
        RulebookImpact impact = impact();

        assertThat(impact.settings()).isEmpty();
        assertThat(impact.verdict()).isEqualTo("NO CHANGE");
        assertThat(impact.summary()).doesNotContain("setting");
        assertThat(impact.markdown("base", "head")).doesNotContain("| setting |");
    }

    @Test
    void aRoleGroupNarrowedWithTheSameMinStrengthensAndWidenedWeakens() throws IOException {
        editBase("    - {roles: [QA], min: 1}\n", "    - {roles: [QA, Dev], min: 1}\n");

        assertThat(impact().settings()).containsExactly(new SettingsChange("signing.required",
                "1 of [PM]; 1 of [TechLead]; 1 of [QA, Dev]", ALL_THREE, STRENGTHENS));
        assertThat(impact().verdict()).isEqualTo("CHANGES");
        assertThat(impact().weakens()).isFalse();

        // The same min over a group narrowed and another widened: one base requirement is no longer implied.
        edit("    - {roles: [TechLead], min: 1}\n", "    - {roles: [TechLead, Dev], min: 1}\n");
        assertThat(impact().settings()).singleElement().satisfies(c -> assertThat(c.effect()).isEqualTo(WEAKENS));
    }

    @Test
    void aRequirementAddedStrengthensAndPoliciesThatImplyEachOtherAreOnlyAChange() throws IOException {
        edit("    - {roles: [QA], min: 1}\n", "    - {roles: [QA], min: 1}\n    - {roles: [Security], min: 1}\n");
        assertThat(impact().settings()).singleElement().satisfies(c -> assertThat(c.effect()).isEqualTo(STRENGTHENS));

        // A requirement that one already there implies: neither stricter nor laxer, yet written otherwise.
        edit("    - {roles: [Security], min: 1}\n", "    - {roles: [QA, Dev], min: 1}\n");
        assertThat(impact().settings()).singleElement().satisfies(c -> assertThat(c.effect()).isEqualTo(CHANGED));

        // A higher min over a narrower group with another requirement dropped: weakens, whatever else is stricter.
        edit("    - {roles: [PM], min: 1}\n", "");
        edit("    - {roles: [QA, Dev], min: 1}\n", "    - {roles: [QA], min: 2}\n");
        assertThat(impact().settings()).singleElement().satisfies(c -> assertThat(c.effect()).isEqualTo(WEAKENS));
    }

    /** Lists the engine reads as sets: reordered, or with an entry written twice, they change nothing. */
    @Test
    void reorderedOrDuplicatedEntriesOfSetsAreNoChange() throws IOException {
        edit("    - {roles: [PM], min: 1}\n    - {roles: [TechLead], min: 1}\n    - {roles: [QA], min: 1}\n",
                "    - {roles: [QA], min: 1}\n    - {roles: [PM, PM], min: 1}\n    - {roles: [TechLead], min: 1}\n"
                        + "    - {roles: [QA], min: 1}\n");
        edit("compliance: [sox, gdpr, hipaa, none]", "compliance: [none, hipaa, gdpr, sox, sox]");
        edit("required_tags: [criticality, compliance]", "required_tags: [compliance, criticality, compliance]");

        RulebookImpact impact = impact();

        assertThat(impact.settings()).isEmpty();
        assertThat(impact.verdict()).isEqualTo("NO CHANGE");
    }

    @Test
    void aRefusedTransitionSentFurtherBackStrengthensAndLessFarBackWeakens() throws IOException {
        edit("{transition: \"READY_FOR_HANDOFF->PACKAGED\", gates: [schema_lint, governance]}",
                "{transition: \"READY_FOR_HANDOFF->PACKAGED\", gates: [schema_lint, governance], on_failure: PLANNED}");
        assertThat(impact().settings()).containsExactly(new SettingsChange("profiles.fe.READY_FOR_HANDOFF->PACKAGED",
                "[schema_lint, governance]", "[schema_lint, governance] on_failure PLANNED", STRENGTHENS));

        // The base sends it back; the head leaves it where it was: fewer gates to pass again.
        editBase("{transition: \"EXECUTED->VALIDATED\", gates: [parity_coverage]}",
                "{transition: \"EXECUTED->VALIDATED\", gates: [parity_coverage], on_failure: PACKAGED}");
        assertThat(impact().settings()).contains(new SettingsChange("profiles.fe.EXECUTED->VALIDATED",
                "[parity_coverage] on_failure PACKAGED", "[parity_coverage]", WEAKENS));
        assertThat(impact().weakens()).isTrue();
    }

    @Test
    void aRefusedTransitionSentBackWhileAGateIsAddedIsOnlyAChangeAndWhileOneIsTakenOutWeakens() throws IOException {
        edit("{transition: \"READY_FOR_HANDOFF->PACKAGED\", gates: [schema_lint, governance]}",
                "{transition: \"READY_FOR_HANDOFF->PACKAGED\", gates: [schema_lint, parity_coverage, governance],"
                        + " on_failure: PLANNED}");
        assertThat(impact().settings()).singleElement().satisfies(c -> assertThat(c.effect()).isEqualTo(CHANGED));

        edit("gates: [schema_lint, parity_coverage, governance], on_failure: PLANNED}",
                "gates: [schema_lint], on_failure: PLANNED}");
        assertThat(impact().settings()).singleElement().satisfies(c -> assertThat(c.effect()).isEqualTo(WEAKENS));
    }

    /** An on_failure written as the state the cycle stays in anyway governs as its absence: not claimed stricter. */
    @Test
    void anOnFailureThatNamesTheStateTheCycleStaysInAnywayIsOnlyAChange() throws IOException {
        edit("{transition: \"PACKAGED->EXECUTED\", gates: [release_readiness]}",
                "{transition: \"PACKAGED->EXECUTED\", gates: [release_readiness], on_failure: PACKAGED}");

        assertThat(impact().settings()).singleElement().satisfies(c -> assertThat(c.effect()).isEqualTo(CHANGED));
    }

    @Test
    void aTaxonomyWidenedOrDroppedWeakensAndNarrowedIsOnlyAChange() throws IOException {
        edit("compliance: [sox, gdpr, hipaa, none]", "compliance: [sox, gdpr, hipaa, none, pci]");
        assertThat(impact().settings()).containsExactly(new SettingsChange("taxonomy.compliance",
                "[sox, gdpr, hipaa, none]", "[sox, gdpr, hipaa, none, pci]", WEAKENS));

        // One value swapped for another: the new one is allowed, so it weakens.
        edit("[sox, gdpr, hipaa, none, pci]", "[sox, gdpr, pci, none]");
        assertThat(impact().settings()).singleElement().satisfies(c -> assertThat(c.effect()).isEqualTo(WEAKENS));

        // Narrowed: the gate refuses more, but rules read the taxonomy too, either way.
        edit("[sox, gdpr, pci, none]", "[sox, gdpr, none]");
        assertThat(impact().settings()).singleElement().satisfies(c -> assertThat(c.effect()).isEqualTo(CHANGED));

        edit("  compliance: [sox, gdpr, none]\n", "");
        assertThat(impact().settings()).containsExactly(new SettingsChange("taxonomy.compliance",
                "[sox, gdpr, hipaa, none]", SettingsChange.NONE, WEAKENS));

        editBase("  compliance: [sox, gdpr, hipaa, none]\n", "");
        edit("  criticality: [0, 1, 2, 3]\n", "  criticality: [0, 1, 2, 3]\n  compliance: [sox]\n");
        assertThat(impact().settings()).containsExactly(new SettingsChange("taxonomy.compliance",
                SettingsChange.NONE, "[sox]", CHANGED));
    }

    @Test
    void aStreamMovedToAProfileThatSendsARefusedTransitionLessFarBackWeakensAsTheStepWouldHave() throws IOException {
        // Both rulebooks: fe sends a refused handoff back to PLANNED; lax runs the same gates and keeps it where
        // it is. Moving the stream fe to lax is the step change that weakens, made by a stream (review21).
        String handoff = "    - {transition: \"READY_FOR_HANDOFF->PACKAGED\", gates: [schema_lint, governance]}\n";
        for (Path rulebook : List.of(ws.resolve("rulebook"), head)) {
            String yaml = Files.readString(rulebook.resolve("rulebook.yaml"));
            String fe = yaml.substring(yaml.indexOf("  fe:\n") + "  fe:\n".length(), yaml.indexOf("  be:\n"));
            assertThat(fe).contains(handoff).contains("EXECUTED->VALIDATED");
            edit(rulebook, "  be:\n", "  lax:\n" + fe + "  be:\n");
            edit(rulebook, "  fe:\n" + fe, "  fe:\n" + fe.replace(handoff, handoff.replace("]}", "], on_failure: PLANNED}")));
        }
        edit("streams: {fe: fe,", "streams: {fe: lax,");

        assertThat(impact().settings()).containsExactly(new SettingsChange("streams.fe", "fe", "lax", WEAKENS));
    }

    /**
     * review21 compared two spellings of a taxonomy key as the gate read them (the later winning); strict23
     * refuses such a rulebook when it is loaded, so the diff refuses it too, at the later key, rather than
     * preview a taxonomy whose reading depends on the order of its keys.
     */
    @Test
    void aTaxonomyKeyWrittenAgainInAnotherCaseIsRefusedAtTheLaterKey() throws IOException {
        edit("  criticality: [0, 1, 2, 3]\n", "  criticality: [0, 1, 2, 3]\n  Compliance: [sox, pci]\n");

        assertThatThrownBy(this::impact).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("taxonomy key 'Compliance' and 'compliance'")
                .hasMessageContaining("differ only in case");
    }

    @Test
    void aBaseWithTwoSpellingsOfATaxonomyKeyIsRefusedToo() throws IOException {
        editBase("  compliance: [sox, gdpr, hipaa, none]\n", "  COMPLIANCE: [sox, pci]\n  compliance: [sox]\n");

        assertThatThrownBy(this::impact).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("taxonomy key 'compliance' and 'COMPLIANCE'");
    }

    @Test
    void theVersionLabelIsListedAsAChange() throws IOException {
        edit("version: \"1.0.0\"", "version: \"1.1.0\"");

        assertThat(impact().settings()).containsExactly(new SettingsChange("version", "1.0.0", "1.1.0", CHANGED));
        assertThat(impact().verdict()).isEqualTo("CHANGES");
    }

    /** A KPI's description is a contributor's text: its line break and markup stay inside one cell. */
    @Test
    void hostileTextOfAChangedSettingRendersAsTextInItsOwnCell() throws IOException {
        edit("description: Share of the planned work items delivered.}",
                "description: \"x | y\\n### pwned [x](https://evil.example) @octocat\"}");

        String md = impact().markdown("base", "head");

        assertThat(md).contains("(x \\| y ### pwned \\[x\\](https\\://evil\\.example) @&#8203;octocat) | changed |\n")
                .doesNotContain("\n### pwned");
    }
}
