package dev.planning.rules.impact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.testkit.workspace.WorkspaceCopies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Path settings = head.resolve("rulebook.yaml");
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
        assertThat(impact.settings()).containsExactly(new SettingsChange("signing.required", ALL_THREE, "1 of [PM]", true));
        assertThat(impact.weakens()).isTrue();
        assertThat(impact.verdict()).isEqualTo("WEAKENS");
        assertThat(impact.summary()).endsWith("; 1 setting(s) changed, 1 WEAKENS governance");
        assertThat(impact.markdown("base", "head")).startsWith("### planning rules diff: **WEAKENS**")
                .contains("| setting | base | head | change |\n| --- | --- | --- | --- |\n"
                        + "| signing\\.required | " + ALL_THREE.replace("[", "\\[").replace("]", "\\]")
                        + " | 1 of \\[PM\\] | weakens |\n");
    }

    @Test
    void aLowerMinOrAWiderRoleGroupWeakensAndAStricterPolicyIsOnlyAChange() throws IOException {
        edit("    - {roles: [QA], min: 1}\n", "    - {roles: [QA, Dev], min: 1}\n");
        assertThat(impact().settings()).singleElement().satisfies(c -> assertThat(c.weakens()).isTrue());

        edit("    - {roles: [QA, Dev], min: 1}\n", "    - {roles: [QA], min: 1}\n    - {roles: [Dev], min: 1}\n");
        assertThat(impact().settings()).singleElement().satisfies(c -> {
            assertThat(c.weakens()).isFalse();
            assertThat(c.kind()).isEqualTo("changed");
        });
        assertThat(impact().verdict()).isEqualTo("CHANGES");
    }

    @Test
    void aGateTakenOutOfAProfilesTransitionIsShownWeakening() throws IOException {
        edit("{transition: \"READY_FOR_HANDOFF->PACKAGED\", gates: [schema_lint, governance]}",
                "{transition: \"READY_FOR_HANDOFF->PACKAGED\", gates: [schema_lint]}");

        RulebookImpact impact = impact();

        assertThat(impact.settings()).containsExactly(new SettingsChange(
                "profiles.fe.READY_FOR_HANDOFF->PACKAGED", "[schema_lint, governance]", "[schema_lint]", true));
        assertThat(impact.verdict()).isEqualTo("WEAKENS");
    }

    @Test
    void aStreamMovedToAProfileRunningFewerGatesWeakens() throws IOException {
        edit("streams: {fe: fe,", "streams: {fe: be,");

        assertThat(impact().settings()).contains(new SettingsChange("streams.fe", "fe", "be", true));
    }

    @Test
    void aThresholdWeakensOnlyWhenMovedTheLenientWay() throws IOException {
        edit("critical_approvals: 3", "critical_approvals: 2");
        assertThat(impact().settings()).containsExactly(
                new SettingsChange("thresholds.critical_approvals", "3", "2", true));

        edit("critical_approvals: 2", "critical_approvals: 4");
        assertThat(impact().settings()).containsExactly(
                new SettingsChange("thresholds.critical_approvals", "3", "4", false));
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
