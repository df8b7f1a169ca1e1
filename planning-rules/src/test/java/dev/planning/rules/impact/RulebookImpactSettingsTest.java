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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
    /** A rule of one's own that reads a task's criticality, none of the settings: it reports unclassified tasks. */
    private static final String UNCLASSIFIED = """
            package team.rules;
            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.Report;
            rule "unclassified-needs-owner"
                @severity(CRITICAL)
            when
                $t : TaskFact(criticality == null, owner == null)
            then
                insert(Report.violation(kcontext, $t, $t.id() + " is unclassified and has no owner"));
            end
            """;

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
    void aMinimumRaisedStrengthensAndLoweredWeakens() throws IOException {
        edit("critical_approvals: 3", "critical_approvals: 2");
        assertThat(impact().settings()).containsExactly(
                new SettingsChange("thresholds.critical_approvals", "3", "2", WEAKENS));

        edit("critical_approvals: 2", "critical_approvals: 4");
        assertThat(impact().settings()).containsExactly(
                new SettingsChange("thresholds.critical_approvals", "3", "4", STRENGTHENS));
        assertThat(impact().verdict()).isEqualTo("BLOCKS"); // the example's critical task has 3 approvals
    }

    @Test
    void aMaximumLoweredStrengthensAndRaisedWeakens() throws IOException {
        edit("max_dependency_depth: 5", "max_dependency_depth: 4");
        assertThat(impact().settings()).containsExactly(
                new SettingsChange("thresholds.max_dependency_depth", "5", "4", STRENGTHENS));

        edit("max_dependency_depth: 4", "max_dependency_depth: 6");
        assertThat(impact().settings()).containsExactly(
                new SettingsChange("thresholds.max_dependency_depth", "5", "6", WEAKENS));
        assertThat(impact().verdict()).isEqualTo("WEAKENS");
    }

    /** A stream's own threshold is judged by its name's last part, as rules read it. */
    @Test
    void aStreamsOwnMinimumRaisedStrengthens() throws IOException {
        edit("design.unit_coverage_min: 0", "design.unit_coverage_min: 10");

        assertThat(impact().settings()).containsExactly(
                new SettingsChange("thresholds.design.unit_coverage_min", "0", "10", STRENGTHENS));
    }

    /**
     * review23: a stream's own threshold set on one side only is read by the gate in place of the general one
     * ({@code StreamThresholds}), so a stream's minimum added below the general one lowers what that stream's
     * gate asks: it weakens, never a change "each rule reads its own default".
     */
    @Test
    void aStreamsOwnMinimumAddedBelowTheGeneralOneWeakensThatStream() throws IOException {
        edit("design.unit_coverage_min: 0", "design.unit_coverage_min: 0\n  fe.unit_coverage_min: 10");

        assertThat(impact().settings()).containsExactly(new SettingsChange("thresholds.fe.unit_coverage_min",
                SettingsChange.NONE, "10", WEAKENS));
        assertThat(impact().verdict()).isEqualTo("WEAKENS");
    }

    /** And one dropped where the general one is lower: the stream's gates then read the lower one. */
    @Test
    void aStreamsOwnMinimumDroppedWhereTheGeneralOneIsLowerWeakensThatStream() throws IOException {
        editBase("design.unit_coverage_min: 0", "design.unit_coverage_min: 0\n  fe.unit_coverage_min: 90");

        assertThat(impact().settings()).containsExactly(new SettingsChange("thresholds.fe.unit_coverage_min",
                "90", SettingsChange.NONE, WEAKENS));
    }

    /**
     * parse25: the same added above the general one was only a change. The stream's gates read it in place of the
     * general one, so it asks more of that stream: it strengthens (a rule of one's own reading the stream's name
     * with its own default makes it a change, as any threshold: {@link
     * #aMaximumLoweredOrAStreamsOwnMinimumRaisedIsOnlyAChangeWhereARuleOfOnesOwnReadsTheSettings}).
     */
    @Test
    void aStreamsOwnMinimumAddedAboveTheGeneralOneStrengthensThatStream() throws IOException {
        edit("design.unit_coverage_min: 0", "design.unit_coverage_min: 0\n  fe.unit_coverage_min: 90");

        assertThat(impact().settings()).containsExactly(new SettingsChange("thresholds.fe.unit_coverage_min",
                SettingsChange.NONE, "90", STRENGTHENS));
    }

    /** A stream's own maximum added below the general one, or a minimum dropped where the general one is higher. */
    @Test
    void aStreamsOwnMaximumAddedBelowOrMinimumDroppedBelowTheGeneralOneStrengthensThatStream() throws IOException {
        edit("design.unit_coverage_min: 0", "design.unit_coverage_min: 0\n  fe.max_dependency_depth: 3");
        assertThat(impact().settings()).containsExactly(new SettingsChange("thresholds.fe.max_dependency_depth",
                SettingsChange.NONE, "3", STRENGTHENS));

        edit("design.unit_coverage_min: 0\n  fe.max_dependency_depth: 3", "");
        assertThat(impact().settings()).containsExactly(new SettingsChange("thresholds.design.unit_coverage_min",
                "0", SettingsChange.NONE, STRENGTHENS));
    }

    /**
     * Not judged where it cannot be: added at the general one's number (the stream reads alike), or for a threshold
     * no gate reads per stream ({@code fe.critical_approvals}: the shipped rule reads {@code critical_approvals}),
     * or under a prefix no stream can have.
     */
    @Test
    void aStreamsOwnThresholdAtTheGeneralOneOrReadPerStreamByNoGateIsOnlyAChangeWithItsReason() throws IOException {
        edit("design.unit_coverage_min: 0", "design.unit_coverage_min: 0\n  fe.unit_coverage_min: 80");
        assertThat(impact().settings()).singleElement().satisfies(c -> {
            assertThat(c.effect()).isEqualTo(CHANGED);
            assertThat(c.reason()).hasValueSatisfying(r -> assertThat(r).contains("the general unit_coverage_min (80)",
                    "the same number"));
        });

        edit("fe.unit_coverage_min: 80", "fe.critical_approvals: 5");
        assertThat(impact().settings()).singleElement().satisfies(c -> {
            assertThat(c.effect()).isEqualTo(CHANGED);
            assertThat(c.reason()).hasValueSatisfying(r -> assertThat(r).contains("no gate reads critical_approvals"
                    + " per stream"));
        });

        edit("fe.critical_approvals: 5", "Fe.unit_coverage_min: 90");
        assertThat(impact().settings()).singleElement().satisfies(c -> assertThat(c.effect()).isEqualTo(CHANGED));
    }

    /** Fail closed: a direction that cannot be proven is never claimed, and the reason says why. */
    @Test
    void aThresholdOfUnknownDirectionSetOnOneSideOrWrittenOtherwiseIsOnlyAChangeWithItsReason() throws IOException {
        edit("max_rule_firings: 100000", "max_rule_firings: 1000");
        assertThat(impact().settings()).singleElement().satisfies(c -> {
            assertThat(c.effect()).isEqualTo(CHANGED);
            assertThat(c.reason()).hasValueSatisfying(r -> assertThat(r).contains("direction is not known"));
        });

        edit("max_rule_firings: 1000", "max_rule_firings: 100000\n  e2e_coverage_min: 50");
        assertThat(impact().settings()).singleElement().satisfies(c -> {
            assertThat(c.setting()).isEqualTo("thresholds.e2e_coverage_min");
            assertThat(c.effect()).isEqualTo(CHANGED);
            assertThat(c.reason()).hasValueSatisfying(r -> assertThat(r).contains("set on one side only"));
        });

        // -0.0 and 0.0 are the same number to every rule: neither direction.
        edit("max_rule_firings: 100000\n  e2e_coverage_min: 50", "max_rule_firings: 100000");
        edit("tests_failed_max: 0", "tests_failed_max: -0.0");
        assertThat(impact().settings()).singleElement().satisfies(c -> assertThat(c.effect()).isEqualTo(CHANGED));
    }

    @Test
    void gatesAddedAfterATransitionsGatesStrengthenAndAStepAddedWhereNoneWasToo() throws IOException {
        edit("{transition: \"READY_FOR_HANDOFF->PACKAGED\", gates: [schema_lint, governance]}",
                "{transition: \"READY_FOR_HANDOFF->PACKAGED\", gates: [schema_lint, governance, parity_coverage]}");
        assertThat(impact().settings()).containsExactly(new SettingsChange("profiles.fe.READY_FOR_HANDOFF->PACKAGED",
                "[schema_lint, governance]", "[schema_lint, governance, parity_coverage]", STRENGTHENS));

        edit("    - {transition: \"EXECUTED->VALIDATED\", gates: [parity_coverage]}\n  be:",
                "    - {transition: \"EXECUTED->VALIDATED\", gates: [parity_coverage]}\n"
                        + "    - {transition: \"VALIDATED->IMPROVE\", gates: [schema_lint]}\n  be:");
        assertThat(impact().settings()).contains(new SettingsChange("profiles.fe.VALIDATED->IMPROVE",
                SettingsChange.NONE, "[schema_lint]", STRENGTHENS));
        assertThat(impact().weakens()).isFalse();
    }

    /** governance reads the results of the gates run before it: one added before it may make a rule report less. */
    @Test
    void aGateAddedBeforeAnotherIsOnlyAChangeWithItsReason() throws IOException {
        edit("{transition: \"READY_FOR_HANDOFF->PACKAGED\", gates: [schema_lint, governance]}",
                "{transition: \"READY_FOR_HANDOFF->PACKAGED\", gates: [schema_lint, parity_coverage, governance]}");

        assertThat(impact().settings()).singleElement().satisfies(c -> {
            assertThat(c.effect()).isEqualTo(CHANGED);
            assertThat(c.reason()).hasValueSatisfying(r -> assertThat(r).contains("reads the results of those run before it"));
        });
    }

    /** A change that strengthens in one part and weakens in another weakens. */
    /** A rule of one's own that reads critical_approvals the other way round: more approvals asked, fewer reports. */
    private static final String INVERTED = """
            package team.rules;
            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.RulebookFacts;
            import dev.planning.rules.facts.Report;
            rule "few-approvals-needed"
                @severity(HIGH)
            when
                $rb : RulebookFacts()
                $t : TaskFact(approvals >= $rb.intThreshold("critical_approvals", 3))
            then
                insert(Report.violation(kcontext, $t, $t.id() + " has more approvals than asked"));
            end
            """;

    /**
     * diff24: a threshold moved the strict way strengthened even where a rule of one's own read the settings
     * (review23's leftover), while a narrowed taxonomy did not. Such a rule may read it the other way round, so
     * the direction is not known: a change naming the rule.
     */
    @Test
    void aMinimumRaisedIsOnlyAChangeWhereARuleOtherThanTheShippedOnesReadsTheSettings() throws IOException {
        Files.writeString(head.resolve("rules/inverted.drl"), INVERTED);
        edit("critical_approvals: 3", "critical_approvals: 4");

        assertThat(impact().settings()).filteredOn(c -> c.setting().startsWith("thresholds.")).singleElement()
                .satisfies(c -> {
                    assertThat(c.effect()).isEqualTo(CHANGED);
                    assertThat(c.reason()).hasValueSatisfying(r -> assertThat(r)
                            .contains("rules/inverted.drl: few-approvals-needed").doesNotContain("hygiene.drl"));
                });
    }

    /** The same for a maximum lowered, and for a stream's own threshold. */
    @Test
    void aMaximumLoweredOrAStreamsOwnMinimumRaisedIsOnlyAChangeWhereARuleOfOnesOwnReadsTheSettings() throws IOException {
        Files.writeString(ws.resolve("rulebook/rules/inverted.drl"), INVERTED);
        edit("max_dependency_depth: 5", "max_dependency_depth: 4");
        edit("design.unit_coverage_min: 0", "design.unit_coverage_min: 10");

        assertThat(impact().settings()).filteredOn(c -> c.setting().startsWith("thresholds.")).hasSize(2)
                .allSatisfy(c -> {
                    assertThat(c.effect()).isEqualTo(CHANGED);
                    assertThat(c.reason()).hasValueSatisfying(r -> assertThat(r).contains("few-approvals-needed"));
                });
    }

    /**
     * Moved the lenient way, it still weakens: the gates and the shipped rules read it as the name says, and a
     * change that weakens in one part weakens whatever it does elsewhere (the class {@code --fail-on weakens} stops).
     */
    @Test
    void aMinimumLoweredStillWeakensWhereARuleOfOnesOwnReadsTheSettings() throws IOException {
        Files.writeString(head.resolve("rules/inverted.drl"), INVERTED);
        edit("critical_approvals: 3", "critical_approvals: 2");

        assertThat(impact().settings()).filteredOn(c -> c.setting().startsWith("thresholds.")).containsExactly(
                new SettingsChange("thresholds.critical_approvals", "3", "2", WEAKENS));
    }

    /**
     * The shipped rules read the settings as their names say (more approvals asked, more reports; fewer values
     * allowed, more reports): with them alone, a threshold moved the strict way and a narrowed taxonomy strengthen
     * alike. They are told by their bytes: a file equal to one the tool ships.
     */
    @Test
    void withTheShippedRulesAloneAMinimumRaisedAndATaxonomyNarrowedStrengthen() throws IOException {
        edit("critical_approvals: 3", "critical_approvals: 4");
        edit("compliance: [sox, gdpr, hipaa, none]", "compliance: [sox, gdpr, none]");

        assertThat(impact().settings()).containsExactly(
                new SettingsChange("thresholds.critical_approvals", "3", "4", STRENGTHENS),
                new SettingsChange("taxonomy.compliance", "[sox, gdpr, hipaa, none]", "[sox, gdpr, none]", STRENGTHENS));
    }

    /** A shipped file changed by one byte is a file of one's own: its rules that read the settings are named. */
    @Test
    void aShippedRuleFileEditedCountsAsOneOfOnesOwn() throws IOException {
        Path hygiene = head.resolve("rules/hygiene.drl");
        Files.writeString(hygiene, Files.readString(hygiene) + "\n");
        edit("critical_approvals: 3", "critical_approvals: 4");
        edit("compliance: [sox, gdpr, hipaa, none]", "compliance: [sox, gdpr, none]");

        // The edited file is itself a change (attack43); the two settings name its rules that read them.
        assertThat(impact().settings()).extracting(SettingsChange::setting).containsExactly(
                "thresholds.critical_approvals", "taxonomy.compliance", "rule_files.rules/hygiene.drl");
        assertThat(impact().settings()).filteredOn(c -> !c.setting().startsWith("rule_files.")).hasSize(2).allSatisfy(c -> {
            assertThat(c.effect()).isEqualTo(CHANGED);
            assertThat(c.reason()).hasValueSatisfying(r -> assertThat(r)
                    .contains("rules/hygiene.drl: required-tags", "rules/hygiene.drl: allowed-tag-values")
                    .doesNotContain("critical.drl"));
        });
    }

    /**
     * A violation carries the values its rule compared and its message (the shipped critical-approvals rule's
     * "3 are required"): a rule of one's own that matches violations reads the settings through them.
     */
    @Test
    void aRuleMatchingViolationsReadsTheSettingsThroughTheShippedRulesViolations() throws IOException {
        Files.writeString(head.resolve("rules/echo.drl"), """
                package team.rules;
                import dev.planning.rules.facts.TaskFact;
                import dev.planning.rules.facts.ViolationFact;
                import dev.planning.rules.facts.Report;
                rule "three-approvals-asked"
                    @severity(HIGH)
                when
                    $t : TaskFact(criticality == 0)
                    exists ViolationFact(rule == "critical-approvals", message contains "3 are required")
                then
                    insert(Report.violation(kcontext, $t, $t.id() + " is asked for three approvals"));
                end
                """);
        edit("critical_approvals: 3", "critical_approvals: 4");

        assertThat(impact().settings()).filteredOn(c -> c.setting().startsWith("thresholds.")).singleElement()
                .satisfies(c -> {
                    assertThat(c.effect()).isEqualTo(CHANGED);
                    assertThat(c.reason()).hasValueSatisfying(r -> assertThat(r).contains("rules/echo.drl: three-approvals-asked"));
                });
    }

    /** A gate run before governance reads the thresholds and the taxonomy: a rule matching its result reads them too. */
    @Test
    void aRuleMatchingGateResultsReadsTheSettingsThroughTheGates() throws IOException {
        rulesThatReadNoSettings();
        Files.writeString(head.resolve("rules/results.drl"), """
                package team.rules;
                import dev.planning.rules.facts.TaskFact;
                import dev.planning.rules.facts.GateResultFact;
                import dev.planning.rules.facts.Report;
                rule "parity-passed"
                    @severity(HIGH)
                when
                    $t : TaskFact(owner != null)
                    GateResultFact(gate == "parity_coverage", status == "pass")
                then
                    insert(Report.violation(kcontext, $t, $t.id() + " passed parity"));
                end
                """);
        edit("unit_coverage_min: 80", "unit_coverage_min: 90");

        assertThat(impact().settings()).filteredOn(c -> c.setting().startsWith("thresholds.")).singleElement()
                .satisfies(c -> {
                    assertThat(c.effect()).isEqualTo(CHANGED);
                    assertThat(c.reason()).hasValueSatisfying(r -> assertThat(r).contains("rules/results.drl: parity-passed"));
                });
    }

    /** Violations of rules that read no setting carry none: a rule matching them alone leaves the direction known. */
    @Test
    void aRuleMatchingViolationsOfRulesThatReadNoSettingsLeavesAMinimumRaisedStrengthening() throws IOException {
        rulesThatReadNoSettings();
        Files.writeString(head.resolve("rules/echo.drl"), """
                package team.rules;
                import dev.planning.rules.facts.TaskFact;
                import dev.planning.rules.facts.ViolationFact;
                import dev.planning.rules.facts.Report;
                rule "owner-echo"
                    @severity(LOW)
                when
                    $t : TaskFact(owner == null)
                    exists ViolationFact(rule == "missing-owner")
                then
                    insert(Report.violation(kcontext, $t, $t.id() + " again"));
                end
                """);
        edit("critical_approvals: 3", "critical_approvals: 4");

        assertThat(impact().settings()).filteredOn(c -> c.setting().startsWith("thresholds.")).containsExactly(
                new SettingsChange("thresholds.critical_approvals", "3", "4", STRENGTHENS));
    }

    @Test
    void aGateAddedWhileAnotherIsTakenOutWeakens() throws IOException {
        edit("{transition: \"READY_FOR_HANDOFF->PACKAGED\", gates: [schema_lint, governance]}",
                "{transition: \"READY_FOR_HANDOFF->PACKAGED\", gates: [schema_lint, parity_coverage],"
                        + " on_failure: PLANNED}");

        assertThat(impact().settings()).singleElement().satisfies(c -> assertThat(c.effect()).isEqualTo(WEAKENS));
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

    /**
     * parse25: a required tag added was only a change. The shipped required-tags rule (told by its bytes) reports
     * every item lacking any listed tag, so with it alone a tag added strengthens; dropped, it weakens.
     */
    @Test
    void aRequiredTagAddedUnderTheShippedRulesStrengthensAndDroppedWeakens() throws IOException {
        edit("required_tags: [criticality, compliance]", "required_tags: [criticality, compliance, data_classification]");
        assertThat(impact().settings()).containsExactly(new SettingsChange("required_tags", "[criticality, compliance]",
                "[criticality, compliance, data_classification]", STRENGTHENS));

        edit("required_tags: [criticality, compliance, data_classification]", "required_tags: [criticality]");
        assertThat(impact().settings()).containsExactly(new SettingsChange("required_tags", "[criticality, compliance]",
                "[criticality]", WEAKENS));
    }

    /**
     * misc38: required tags were compared as written while the checks read their keys ignoring case: a tag only
     * rewritten in capitals read as dropped, weakening. The same keys written otherwise are a change; a tag added
     * beside one so rewritten still strengthens.
     */
    @Test
    void aRequiredTagRewrittenInCapitalsIsAChangeNotAWeakening() throws IOException {
        edit("required_tags: [criticality, compliance]", "required_tags: [CRITICALITY, compliance]");
        assertThat(impact().settings()).singleElement().satisfies(c -> {
            assertThat(c.setting()).isEqualTo("required_tags");
            assertThat(c.effect()).isEqualTo(CHANGED);
            assertThat(c.reason()).hasValueSatisfying(r -> assertThat(r).contains("the same tags written otherwise"));
        });

        edit("required_tags: [CRITICALITY, compliance]", "required_tags: [CRITICALITY, compliance, data_classification]");
        assertThat(impact().settings()).containsExactly(new SettingsChange("required_tags", "[criticality, compliance]",
                "[CRITICALITY, compliance, data_classification]", STRENGTHENS));
    }

    /** Where a rule of one's own reads the settings, it may read requiredTags() and report less: a change naming it. */
    @Test
    void aRequiredTagAddedIsOnlyAChangeWhereARuleOfOnesOwnReadsTheSettings() throws IOException {
        Files.writeString(head.resolve("rules/inverted.drl"), INVERTED);
        edit("required_tags: [criticality, compliance]", "required_tags: [criticality, compliance, data_classification]");

        assertThat(impact().settings()).filteredOn(c -> c.setting().equals("required_tags")).singleElement()
                .satisfies(c -> {
                    assertThat(c.effect()).isEqualTo(CHANGED);
                    assertThat(c.reason()).hasValueSatisfying(r -> assertThat(r)
                            .contains("rules/inverted.drl: few-approvals-needed"));
                });
    }

    /**
     * trust38: {@code criticality} made a required tag changes what a task without it reads as its criticality (0,
     * critical, where it was none), so a rule of one's own reading a task's criticality, and none of the settings,
     * reports less: the diff said it strengthens. It is a change naming the file; under the shipped rules alone it
     * still strengthens.
     */
    @Test
    void criticalityMadeARequiredTagIsOnlyAChangeWhereARuleOfOnesOwnMayReadATasksCriticality() throws IOException {
        editBase("required_tags: [criticality, compliance]", "required_tags: [compliance]");
        edit("required_tags: [criticality, compliance]", "required_tags: [compliance, Criticality]");
        assertThat(impact().settings()).as("the shipped rules alone").containsExactly(new SettingsChange(
                "required_tags", "[compliance]", "[compliance, Criticality]", STRENGTHENS));

        Files.writeString(head.resolve("rules/unclassified.drl"), UNCLASSIFIED);

        assertRequiredTagsChangeNames("criticality made a required tag", "rules/unclassified.drl");
    }

    /**
     * attack39: criticality made a required tag with a blank around its key ({@code "criticality "}), which the
     * required-tags rule and now {@code criticalityOf} read as {@code criticality}: the diff compared the key as
     * written, so it strengthened beside a rule of one's own reading a task's criticality.
     */
    @Test
    void criticalityMadeARequiredTagWithABlankAroundItIsOnlyAChangeWhereARuleOfOnesOwnMayReadIt() throws IOException {
        editBase("required_tags: [criticality, compliance]", "required_tags: [compliance]");
        edit("required_tags: [criticality, compliance]", "required_tags: [compliance, \"criticality \"]");
        Files.writeString(head.resolve("rules/unclassified.drl"), UNCLASSIFIED);

        assertRequiredTagsChangeNames("criticality made a required tag", "rules/unclassified.drl");
    }

    /** A tag other than criticality added, criticality required on both sides: the rule of one's own reads alike. */
    @Test
    void aTagAddedBesideCriticalityRequiredOnBothSidesStrengthensWithARuleOfOnesOwnReadingTasks() throws IOException {
        Files.writeString(head.resolve("rules/unclassified.drl"), UNCLASSIFIED);
        edit("required_tags: [criticality, compliance]", "required_tags: [criticality, compliance, data_classification]");

        assertThat(impact().settings()).filteredOn(c -> c.setting().equals("required_tags")).singleElement()
                .satisfies(c -> assertThat(c.effect()).isEqualTo(STRENGTHENS));
    }

    /** Without the shipped required-tags rule as it ships, nothing the tool ships reads required_tags. */
    @Test
    void aRequiredTagAddedIsOnlyAChangeWhereTheHeadDoesNotRunTheShippedRequiredTagsRule() throws IOException {
        rulesThatReadNoSettings();
        edit("required_tags: [criticality, compliance]", "required_tags: [criticality, compliance, data_classification]");

        assertThat(impact().settings()).singleElement().satisfies(c -> {
            assertThat(c.setting()).isEqualTo("required_tags");
            assertThat(c.effect()).isEqualTo(CHANGED);
            assertThat(c.reason()).hasValueSatisfying(r -> assertThat(r)
                    .contains("does not run the shipped required-tags rule as it ships"));
        });
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
    void aTaxonomyWidenedOrDroppedWeakensAndNarrowedUnderTheShippedRulesStrengthens() throws IOException {
        edit("compliance: [sox, gdpr, hipaa, none]", "compliance: [sox, gdpr, hipaa, none, pci]");
        assertThat(impact().settings()).containsExactly(new SettingsChange("taxonomy.compliance",
                "[sox, gdpr, hipaa, none]", "[sox, gdpr, hipaa, none, pci]", WEAKENS));

        // One value swapped for another: the new one is allowed, so it weakens.
        edit("[sox, gdpr, hipaa, none, pci]", "[sox, gdpr, pci, none]");
        assertThat(impact().settings()).singleElement().satisfies(c -> assertThat(c.effect()).isEqualTo(WEAKENS));

        // Narrowed: the gate refuses more, and the example's rules are the shipped ones, which then report more too.
        edit("[sox, gdpr, pci, none]", "[sox, gdpr, none]");
        assertThat(impact().settings()).containsExactly(new SettingsChange("taxonomy.compliance",
                "[sox, gdpr, hipaa, none]", "[sox, gdpr, none]", STRENGTHENS));

        edit("  compliance: [sox, gdpr, none]\n", "");
        assertThat(impact().settings()).containsExactly(new SettingsChange("taxonomy.compliance",
                "[sox, gdpr, hipaa, none]", SettingsChange.NONE, WEAKENS));

        editBase("  compliance: [sox, gdpr, hipaa, none]\n", "");
        edit("  criticality: [0, 1, 2, 3]\n", "  criticality: [0, 1, 2, 3]\n  compliance: [sox]\n");
        assertThat(impact().settings()).containsExactly(new SettingsChange("taxonomy.compliance",
                SettingsChange.NONE, "[sox]", STRENGTHENS));
    }

    private void rulesThatReadNoSettings() throws IOException {
        for (Path rulebook : List.of(ws.resolve("rulebook"), head)) {
            try (var files = Files.list(rulebook.resolve("rules"))) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.writeString(rulebook.resolve("rules/owner.drl"), """
                    package team.rules;
                    import dev.planning.rules.facts.TaskFact;
                    import dev.planning.rules.facts.Report;
                    rule "missing-owner"
                        @severity(CRITICAL)
                    when
                        $t : TaskFact(owner == null)
                    then
                        insert(Report.violation(kcontext, $t, $t.id() + " has no owner"));
                    end
                    """);
        }
    }

    /**
     * diff23: a taxonomy narrowed was only a change. It allows no value the base did not, so the gate and lint
     * refuse more and a plan they pass reads alike; with no rule able to read the taxonomy itself, it strengthens.
     */
    @Test
    void aTaxonomyNarrowedOrAKeyAddedStrengthensWhenNoRuleReadsTheSettings() throws IOException {
        rulesThatReadNoSettings();
        edit("compliance: [sox, gdpr, hipaa, none]", "compliance: [sox, gdpr, none]");
        assertThat(impact().settings()).containsExactly(new SettingsChange("taxonomy.compliance",
                "[sox, gdpr, hipaa, none]", "[sox, gdpr, none]", STRENGTHENS));

        edit("compliance: [sox, gdpr, none]", "compliance: [sox, gdpr, hipaa, none]\n  team: [web, app]");
        assertThat(impact().settings()).containsExactly(new SettingsChange("taxonomy.team",
                SettingsChange.NONE, "[web, app]", STRENGTHENS));

        // The other direction, with the same rules: a value allowed that was not weakens.
        edit("compliance: [sox, gdpr, hipaa, none]\n  team: [web, app]", "compliance: [sox, gdpr, hipaa, none, pci]");
        assertThat(impact().settings()).containsExactly(new SettingsChange("taxonomy.compliance",
                "[sox, gdpr, hipaa, none]", "[sox, gdpr, hipaa, none, pci]", WEAKENS));
    }

    /** A rule that matches Object() may match the settings fact: it counts as reading them, named in the reason. */
    @Test
    void aRuleMatchingAnyObjectKeepsANarrowedTaxonomyAChange() throws IOException {
        rulesThatReadNoSettings();
        Files.writeString(head.resolve("rules/any.drl"), """
                package team.rules;
                import dev.planning.rules.facts.TaskFact;
                import dev.planning.rules.facts.Report;
                rule "anything"
                    @severity(LOW)
                when
                    $t : TaskFact(owner == null)
                    exists Object(this != $t)
                then
                    insert(Report.violation(kcontext, $t, $t.id() + " has no owner"));
                end
                """);
        edit("compliance: [sox, gdpr, hipaa, none]", "compliance: [sox, gdpr, none]");

        assertThat(impact().settings()).filteredOn(c -> c.setting().equals("taxonomy.compliance")).singleElement()
                .satisfies(c -> {
                    assertThat(c.effect()).isEqualTo(CHANGED);
                    assertThat(c.reason()).hasValueSatisfying(r -> assertThat(r).contains("rules/any.drl: anything")
                            .doesNotContain("missing-owner"));
                });
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

    /** Adds a profile {@code name} to both rulebooks: fe's steps with {@code change} applied to its text. */
    private void profileBesideFe(String name, String from, String to) throws IOException {
        for (Path rulebook : List.of(ws.resolve("rulebook"), head)) {
            String yaml = Files.readString(rulebook.resolve("rulebook.yaml"));
            String fe = yaml.substring(yaml.indexOf("  fe:\n") + "  fe:\n".length(), yaml.indexOf("  be:\n"));
            assertThat(fe).contains(from);
            edit(rulebook, "  be:\n", "  " + name + ":\n" + fe.replace(from, to) + "  be:\n");
        }
    }

    /**
     * diff24: a stream moved to a profile that governs more stayed a change. Judged as each of its steps changed in
     * place: gates added after a transition's gates, at no transition fewer, strengthen.
     */
    @Test
    void aStreamMovedToAProfileThatRunsMoreGatesAfterTheSameOnesStrengthens() throws IOException {
        profileBesideFe("strict", "gates: [schema_lint, governance]}", "gates: [schema_lint, governance, parity_coverage]}");
        edit("streams: {fe: fe,", "streams: {fe: strict,");

        assertThat(impact().settings()).containsExactly(new SettingsChange("streams.fe", "fe", "strict", STRENGTHENS));
    }

    /** The default profile moved likewise strengthens, and moved back weakens. */
    @Test
    void theDefaultProfileMovedToAStricterOneStrengthensAndBackWeakens() throws IOException {
        profileBesideFe("strict", "gates: [schema_lint, governance]}",
                "gates: [schema_lint, governance], on_failure: PLANNED}");
        edit("default_profile: fe", "default_profile: strict");
        assertThat(impact().settings()).containsExactly(new SettingsChange("default_profile", "fe", "strict", STRENGTHENS));

        editBase("default_profile: fe", "default_profile: strict");
        edit("default_profile: strict", "default_profile: fe");
        assertThat(impact().settings()).containsExactly(new SettingsChange("default_profile", "strict", "fe", WEAKENS));
    }

    /** A profile of the same steps under another name governs alike: a change, and the reason says so. */
    @Test
    void aStreamMovedToAProfileOfTheSameStepsIsOnlyAChangeWithItsReason() throws IOException {
        profileBesideFe("twin", "gates: [schema_lint, governance]}", "gates: [schema_lint, governance]}");
        edit("streams: {fe: fe,", "streams: {fe: twin,");

        assertThat(impact().settings()).singleElement().satisfies(c -> {
            assertThat(c.effect()).isEqualTo(CHANGED);
            assertThat(c.reason()).hasValueSatisfying(r -> assertThat(r).contains("the same gates"));
        });
    }

    /** Stricter at one transition and a gate added before governance at another: not comparable, a change. */
    @Test
    void aStreamMovedToAProfileStricterInOneStepAndReorderedInAnotherIsOnlyAChangeWithItsReason() throws IOException {
        profileBesideFe("mixed", "gates: [schema_lint, governance]}\n    - {transition: \"PACKAGED->EXECUTED\", gates: [release_readiness]}",
                "gates: [schema_lint, parity_coverage, governance]}\n"
                        + "    - {transition: \"PACKAGED->EXECUTED\", gates: [release_readiness, schema_lint]}");
        edit("streams: {fe: fe,", "streams: {fe: mixed,");

        assertThat(impact().settings()).singleElement().satisfies(c -> {
            assertThat(c.effect()).isEqualTo(CHANGED);
            assertThat(c.reason()).hasValueSatisfying(r -> assertThat(r)
                    .contains("READY_FOR_HANDOFF->PACKAGED", "reads the results of those run before it"));
        });
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

    /**
     * attack43: a rule taken out of a rule file weakens governance whatever the workspace's plans: it was the
     * preview "NO CHANGE" (no setting listed, the rule files compared by their names alone), so a pull request
     * deleting a Critical=0 rule that no plan here breaks passed {@code --fail-on weakens}.
     */
    @Test
    void aRuleTakenOutOfARuleFileWeakensThoughNoPlanHereBreaksIt() throws IOException {
        Path rules = head.resolve("rules/critical.drl");
        String drl = Files.readString(rules);
        int start = drl.indexOf("rule \"critical-review-board\"");
        int end = drl.indexOf("end\n", start) + "end\n".length();
        Files.writeString(rules, drl.substring(0, start) + drl.substring(end));

        RulebookImpact impact = impact();

        assertThat(impact.changed()).isEmpty();
        assertThat(impact.settings()).contains(new SettingsChange("rules", "[critical-review-board]",
                SettingsChange.NONE, WEAKENS));
        assertThat(impact.settings()).anySatisfy(c -> {
            assertThat(c.setting()).isEqualTo("rule_files.rules/critical.drl");
            assertThat(c.effect()).isEqualTo(CHANGED);
        });
        assertThat(impact.verdict()).isEqualTo("WEAKENS");
    }

    /**
     * sev43: a rule's severity lowered, every rule kept (a Critical=0 rule made LOW), weakens, naming the rule and
     * both severities as the engine reads them: it was only its rule file changed, so {@code --fail-on weakens}
     * passed it.
     */
    @Test
    void aRulesSeverityLoweredWeakensNamingTheRuleAndBothSeverities() throws IOException {
        Path rules = head.resolve("rules/critical.drl");
        String drl = Files.readString(rules);
        Files.writeString(rules, drl.replaceFirst("@severity\\(CRITICAL\\)", "@severity(LOW)"));

        RulebookImpact impact = impact();

        assertThat(impact.changed()).isEmpty();
        assertThat(impact.settings()).contains(new SettingsChange("rules.critical-approvals.severity", "CRITICAL",
                "LOW", WEAKENS));
        assertThat(impact.settings()).anySatisfy(c -> {
            assertThat(c.setting()).isEqualTo("rule_files.rules/critical.drl");
            assertThat(c.effect()).isEqualTo(CHANGED);
        });
        assertThat(impact.verdict()).isEqualTo("WEAKENS");
    }

    /**
     * A rule's severity raised is a change with its reason, never a strengthening: the same edit may have changed
     * its condition, and a rule of one's own may read a violation's severity the other way round.
     */
    @Test
    void aRulesSeverityRaisedIsOnlyAChangeWithItsReason() throws IOException {
        Path rules = ws.resolve("rulebook/rules/critical.drl");
        String drl = Files.readString(rules);
        Files.writeString(rules, drl.replaceFirst("@severity\\(CRITICAL\\)", "@severity(MEDIUM)"));

        RulebookImpact impact = impact();

        assertThat(impact.settings()).filteredOn(c -> c.setting().equals("rules.critical-approvals.severity"))
                .singleElement().satisfies(c -> {
                    assertThat(c.base()).isEqualTo("MEDIUM");
                    assertThat(c.head()).isEqualTo("CRITICAL");
                    assertThat(c.effect()).isEqualTo(CHANGED);
                    assertThat(c.reason()).hasValueSatisfying(r -> assertThat(r).contains("raised"));
                });
        assertThat(impact.verdict()).isEqualTo("CHANGES");
    }

    /**
     * attack43: a rule file whose text changed with every rule and severity kept (a rule's body edited) is a
     * change the preview lists, with both files' SHA-256 and why it is not judged, never "NO CHANGE".
     */
    @Test
    void aRuleFileWhoseTextChangedIsListedAsAChangeNotNoChange() throws IOException {
        Path rules = head.resolve("rules/critical.drl");
        String drl = Files.readString(rules);
        assertThat(drl).contains(" is critical (criticality 0) but has ");
        Files.writeString(rules, drl.replace(" is critical (criticality 0) but has ", " is critical but has "));

        RulebookImpact impact = impact();

        assertThat(impact.changed()).isEmpty();
        assertThat(impact.settings()).singleElement().satisfies(c -> {
            assertThat(c.setting()).isEqualTo("rule_files.rules/critical.drl");
            assertThat(c.base()).startsWith("sha256 ").isNotEqualTo(c.head());
            assertThat(c.effect()).isEqualTo(CHANGED);
            assertThat(c.reason()).hasValueSatisfying(r -> assertThat(r).contains("severity"));
        });
        assertThat(impact.verdict()).isEqualTo("CHANGES");
    }

    /** A KPI's description is a contributor's text: its line break and markup stay inside one cell. */
    @Test
    void hostileTextOfAChangedSettingRendersAsTextInItsOwnCell() throws IOException {
        edit("description: Share of the planned work items delivered.}",
                "description: \"x | y\\n### pwned [x](https://evil.example) @octocat\"}");

        String md = impact().markdown("base", "head");

        assertThat(md).contains("(x \\| y\\u000A### pwned \\[x\\](https\\://evil\\.example) @&#8203;octocat) | changed |\n")
                .doesNotContain("\n### pwned");
    }

    /** The diff's one {@code required_tags} row is a change whose reason names each of {@code parts}. */
    private void assertRequiredTagsChangeNames(String... parts) {
        assertThat(impact().settings()).filteredOn(c -> c.setting().equals("required_tags")).singleElement()
                .satisfies(c -> {
                    assertThat(c.effect()).isEqualTo(CHANGED);
                    assertThat(c.reason()).hasValueSatisfying(r -> assertThat(r).contains(parts));
                });
    }
}
