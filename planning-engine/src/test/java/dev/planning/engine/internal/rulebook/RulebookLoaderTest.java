package dev.planning.engine.internal.rulebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.rulebook.Rulebook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulebookLoaderTest {

    private static final String VALID = """
            version: "1.0.0"
            taxonomy:
              compliance: [sox, gdpr, hipaa, none]
              criticality: [0, 1, 2, 3]
            required_tags: [criticality]
            thresholds: {critical_approvals: 3}
            profiles:
              fe:
                - {transition: "PLANNED->READY_FOR_HANDOFF", gates: [schema_lint]}
              be:
                - {transition: "PLANNED->READY_FOR_HANDOFF", gates: [schema_lint], on_failure: PLANNED}
            streams: {be: be}
            default_profile: fe
            """;

    @TempDir
    Path dir;

    private Rulebook load(String settings) throws IOException {
        Files.writeString(dir.resolve("rulebook.yaml"), settings);
        return RulebookLoader.load(dir);
    }

    @Test
    void readsProfilesTaxonomyThresholdsAndRuleFiles() throws IOException {
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("rules/b.drl"), "package b;");
        Files.writeString(dir.resolve("rules/a.drl"), "package a;");
        Rulebook rulebook = load(VALID);

        assertThat(rulebook.version()).isEqualTo("1.0.0");
        assertThat(rulebook.hash()).hasSize(64).isEqualTo(RulebookHasher.hash(dir));
        assertThat(rulebook.ruleFiles()).containsExactly("rules/a.drl", "rules/b.drl");
        assertThat(rulebook.taxonomy().get("criticality")).containsExactly("0", "1", "2", "3");
        assertThat(rulebook.threshold("critical_approvals", 0)).isEqualTo(3.0);
        assertThat(rulebook.profileFor("be").step(CycleState.PLANNED, CycleState.READY_FOR_HANDOFF))
                .hasValueSatisfying(step -> assertThat(step.onFailure()).contains(CycleState.PLANNED));
        assertThat(rulebook.profileFor("design").name()).isEqualTo("fe");
    }

    /**
     * Seventeenth review: a rulebook holds its settings, its rule files and its rule tests, and every
     * other file is refused, located, rather than hashed and left unread ({@code rules/critical.DRL} was
     * never compiled, {@code rulebook.yml} left a rulebook of policies alone).
     */
    @Test
    void refusesEveryFileThatIsNotSettingsARuleFileOrARuleTestNamingEach() throws IOException {
        Files.createDirectories(dir.resolve("rules/more"));
        Files.createDirectories(dir.resolve("tests/fixture/rulebook"));
        Files.writeString(dir.resolve("rules/a.drl"), "package a;");
        Files.writeString(dir.resolve("rules/more/b.drl"), "package b;");
        Files.writeString(dir.resolve("tests/a.yaml"), "");
        Files.writeString(dir.resolve("tests/b.yml"), "");
        Files.writeString(dir.resolve("tests/fixture/rulebook/anything.txt"), "");
        assertThat(load(VALID).ruleFiles()).containsExactly("rules/a.drl", "rules/more/b.drl");

        // Each a look-alike of a rule, of settings or of a rule test that is not applied (errors18: documentation
        // is one name then .md, so a rule or settings renamed .md are refused as well; a .DS_Store is refused
        // with a message of its own, below).
        for (String stray : new String[] {"rules/c.DRL", "rules/c.drl.off", "c.drl", "rulebook.yml",
            "Rulebook.yaml", "rule/c.drl", "tests/c.YAML", "tests/notes.txt", "rules/c.drl.md",
            "rulebook.yaml.md", "tests/c.yaml.md", "rules/README.MD", "rules/README.markdown", "rules/README",
            "rules/gitkeep", "tests/.gitignore", "tests/.gitkeep.yml.md"}) {
            Path file = dir.resolve(stray);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "");
            assertThatThrownBy(() -> load(VALID)).as(stray)
                    .isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().file())
                            .isEqualTo(dir.toString().replace('\\', '/') + "/" + stray))
                    .hasMessageContaining("a rulebook holds rulebook.yaml, rule files rules/*.drl, rule tests");
            Files.delete(file);
        }
    }

    /**
     * errors18: an honest rulebook's documentation ({@code README.md} and other {@code NAME.md}) and an empty
     * {@code .gitkeep} in any of its directories load, hashed with the rest; a {@code .gitkeep} that holds
     * something is refused at its path, saying so, as is a {@code .DS_Store}, saying what to do.
     */
    @Test
    void loadsDocumentationAndEmptyPlaceholdersAndRefusesAPlaceholderThatHoldsSomething() throws IOException {
        Files.createDirectories(dir.resolve("rules/more"));
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("rules/a.drl"), "package a;");
        for (String honest : new String[] {"README.md", "CHANGES.md", "rules/README.md", "rules/more/notes_2025-09.md",
            "tests/README.md", "rules/.gitkeep", "rules/more/.gitkeep", "tests/.gitkeep", ".gitkeep"}) {
            Files.writeString(dir.resolve(honest), honest.endsWith(".md") ? "# Policies\n\nCritical work needs three approvals.\n" : "");
        }
        Rulebook rulebook = load(VALID);
        assertThat(rulebook.ruleFiles()).containsExactly("rules/a.drl");
        assertThat(rulebook.hash()).isEqualTo(RulebookHasher.hash(dir));

        Files.writeString(dir.resolve("rules/.gitkeep"), "rule \"x\" when then end\n");
        assertThatThrownBy(() -> load(VALID))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("a .gitkeep holds nothing (it only keeps its directory in git), this one holds 23 byte(s);"
                        + " empty it, or move what it holds out of the rulebook")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().file())
                        .isEqualTo(dir.toString().replace('\\', '/') + "/rules/.gitkeep"));
        Files.writeString(dir.resolve("rules/.gitkeep"), "");

        Files.writeString(dir.resolve("tests/.DS_Store"), "\0\0\0\1Bud1");
        assertThatThrownBy(() -> load(VALID))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("a file the macOS Finder writes, no part of the policy; delete it");
    }

    /** errors18: every file a rulebook does not hold is named with what it should have been, not three and a count. */
    @Test
    void namesEveryFileARulebookDoesNotHoldEachWithWhatItShouldBe() throws IOException {
        Files.createDirectories(dir.resolve("rules"));
        for (String stray : new String[] {"a.txt", "b.txt", "c.txt", "d.txt", "e.txt"}) {
            Files.writeString(dir.resolve(stray), "");
        }
        String shown = dir.toString().replace('\\', '/');

        assertThatThrownBy(() -> load(VALID))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> {
                    List<String> lines = e.getMessage().lines().toList();
                    assertThat(lines).hasSize(5).allSatisfy(line -> assertThat(line).contains("not rulebook.yaml: a rulebook"
                            + " holds"));
                    assertThat(lines.subList(1, 5)).containsExactly(shown + "/b.txt: " + lines.get(0),
                            shown + "/c.txt: " + lines.get(0), shown + "/d.txt: " + lines.get(0),
                            shown + "/e.txt: " + lines.get(0));
                });
    }

    @Test
    void namesEachFileARulebookDoesNotHoldOneLineEach() throws IOException {
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("rules/a.DRL"), "");
        Files.writeString(dir.resolve("rulebook.yml"), "");

        assertThatThrownBy(() -> load(VALID))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("not rulebook.yaml:")
                .hasMessageContaining("\n" + dir.toString().replace('\\', '/') + "/rules/a.DRL: not a rule file:");
    }

    /**
     * Seventeenth review: {@code on_failure} naming the transition's target (or any state ahead) moved a
     * refused cycle forward; a failed transition stays where it is or moves back, refused at the value.
     */
    @Test
    void refusesAFailureActionThatMovesTheCycleForwardAtItsValue() {
        assertThatThrownBy(() -> load(VALID.replace("[schema_lint], on_failure: PLANNED}",
                "[schema_lint], on_failure: READY_FOR_HANDOFF}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("profile 'be', transition PLANNED->READY_FOR_HANDOFF: on_failure READY_FOR_HANDOFF"
                        + " would move a refused cycle forward")
                .hasMessageContaining("expected PLANNED")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().line()).isEqualTo(11));
    }

    @Test
    void refusesATransitionTheLifecycleDoesNotHave() {
        assertThatThrownBy(() -> load(VALID.replace("PLANNED->READY_FOR_HANDOFF\", gates: [schema_lint]}",
                        "PLANNED->EXECUTED\", gates: [schema_lint]}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no transition PLANNED->EXECUTED")
                .hasMessageContaining("READY_FOR_HANDOFF");
    }

    @Test
    void refusesAnUndefinedDefaultProfile() {
        assertThatThrownBy(() -> load(VALID.replace("default_profile: fe", "default_profile: nope")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("default profile 'nope' is not defined");
    }

    @Test
    void refusesAStreamMappedToAnUndefinedProfile() {
        assertThatThrownBy(() -> load(VALID.replace("streams: {be: be}", "streams: {be: backend}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("stream 'be' uses profile 'backend'");
    }

    @Test
    void namesTheLineOfAnUnknownTransition() {
        assertThatThrownBy(() -> load(VALID.replace("PLANNED->READY_FOR_HANDOFF\", gates: [schema_lint]}",
                        "PLANNED->EXECUTED\", gates: [schema_lint]}")))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).describe()).contains("rulebook.yaml:9:"));
    }

    @Test
    void refusesAProfileNamingTheSameTransitionTwiceAtTheSecond() {
        // Found in review: the second step was kept but never run (GateProfile.step takes the
        // first), so a reader of the settings saw gates that did not guard the transition.
        String fe = "    - {transition: \"PLANNED->READY_FOR_HANDOFF\", gates: [schema_lint]}\n  be:";
        assertThatThrownBy(() -> load(VALID.replace(fe, "    - {transition: \"PLANNED->READY_FOR_HANDOFF\","
                        + " gates: [schema_lint]}\n    - {transition: \"PLANNED->READY_FOR_HANDOFF\", gates: [governance],"
                        + " on_failure: PLANNED}\n  be:")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("profile 'fe' names transition PLANNED->READY_FOR_HANDOFF twice")
                .hasMessageContaining("rulebook.yaml:9:")
                .satisfies(e -> assertThat(((InvalidInputException) e).describe()).contains("rulebook.yaml:10:"));
    }

    @Test
    void refusesAStepNamingTheSameGateTwiceAtTheSecond() {
        assertThatThrownBy(() -> load(VALID.replace("gates: [schema_lint], on_failure: PLANNED}",
                        "gates: [schema_lint, governance, schema_lint], on_failure: PLANNED}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("profile 'be', transition PLANNED->READY_FOR_HANDOFF: gate 'schema_lint' is"
                        + " named twice")
                .satisfies(e -> assertThat(((InvalidInputException) e).describe()).contains("rulebook.yaml:11:"));
    }

    /** errors20: a step's checks stopped at its first mistake; each of its mistakes is now one located line. */
    @Test
    void everyMistakeOfOneStepIsReportedAtItsValue() {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> load(VALID.replace(
                "[schema_lint], on_failure: PLANNED}", "[schema_lint, schema_lint], on_failure: READY_FOR_HANDOFF}")
                .replace("PLANNED->READY_FOR_HANDOFF\", gates: [schema_lint]}", "PLANNED->EXECUTED\", gates: [schema_lint]}")));

        assertThat(e).isNotNull();
        assertThat(e.getMessage().lines().filter(l -> l.startsWith("  ")).toList()).as(e.getMessage()).satisfiesExactly(
                l -> assertThat(l).contains("/rulebook.yaml:9:20: ").contains("no transition PLANNED->EXECUTED"),
                l -> assertThat(l).contains("/rulebook.yaml:11:97: ").contains("on_failure READY_FOR_HANDOFF"),
                l -> assertThat(l).contains("/rulebook.yaml:11:71: ").contains("gate 'schema_lint' is named twice"));
    }

    @Test
    void theSameTransitionInTwoProfilesIsAccepted() throws IOException {
        assertThat(load(VALID).profiles()).containsKeys("fe", "be");
    }

    @Test
    void refusesAnUnknownField() {
        assertThatThrownBy(() -> load(VALID + "profile_typo: x\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown field `profile_typo`");
    }

    @Test
    void namesEverySchemaErrorOfTheSettingsEachAtItsLine() {
        // `planning lint` stops at an invalid rulebook, so its message is the only place they are listed.
        assertThatThrownBy(() -> load(VALID.replaceFirst("version: \"1.0.0\"", "version: [1]") + "profile_typo: x\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("invalid rulebook: 2 errors")
                .hasMessageContaining("`version` must be a string")
                .hasMessageContaining("unknown field `profile_typo`")
                .hasMessageNotContaining("run `planning lint`");
    }

    @Test
    void settingsWithoutProfilesGiveEveryStreamTheDefaultProfile() throws IOException {
        Rulebook rulebook = load("""
                version: "2.0.0"
                thresholds: {max_estimate: 13}
                """);

        assertThat(rulebook.defaultProfile()).isEqualTo(DefaultProfile.NAME);
        assertThat(rulebook.profiles()).containsOnlyKeys(DefaultProfile.NAME);
        assertThat(rulebook.profileFor("fe")).isEqualTo(DefaultProfile.PROFILE);
        assertThat(rulebook.profileFor("be")).isEqualTo(DefaultProfile.PROFILE);
        assertThat(rulebook.threshold("max_estimate", 0)).isEqualTo(13.0);
    }

    @Test
    void policiesWithoutSettingsFormARulebookWithTheDefaultProfile() throws IOException {
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("rules/max-estimate.drl"), "package policies;");

        Rulebook rulebook = RulebookLoader.load(dir);

        assertThat(rulebook.version()).isEqualTo(DefaultProfile.UNVERSIONED);
        assertThat(rulebook.ruleFiles()).containsExactly("rules/max-estimate.drl");
        assertThat(rulebook.hash()).isEqualTo(RulebookHasher.hash(dir));
        assertThat(rulebook.profileFor("fe")).isEqualTo(DefaultProfile.PROFILE);
        assertThat(rulebook.taxonomy()).isEmpty();
        assertThat(rulebook.signing().required()).isEmpty();
    }

    @Test
    void refusesADirectoryWithNeitherSettingsNorPolicies() {
        assertThatThrownBy(() -> RulebookLoader.load(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("rulebook settings not found")
                .hasMessageContaining("rules/*.drl");
    }

    @Test
    void refusesProfilesWithoutADefaultProfileLocated() {
        assertThatThrownBy(() -> load(VALID.replace("default_profile: fe\n", "")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.getMessage()).contains("default_profile");
                    assertThat(e.location()).isPresent();
                });
    }

    @Test
    void refusesStreamsWithoutProfiles() {
        assertThatThrownBy(() -> load("""
                version: "1"
                streams: {be: be}
                """))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("profiles");
    }

    @Test
    void theDefaultProfileIsTheDefaultRulebooksFeProfile() {
        Rulebook shipped = RulebookLoader.load(Path.of("..", "planning-rules", "src", "main", "resources", "dev",
                "planning", "rules", "default-rulebook"));

        assertThat(DefaultProfile.PROFILE.steps()).isEqualTo(shipped.profiles().get("fe").steps());
    }

    @Test
    void refusesAMissingDirectoryWithAHint() {
        assertThatThrownBy(() -> RulebookLoader.load(dir.resolve("missing")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("rulebook directory not found")
                .hasMessageContaining("planning init");
    }

    @Test
    void refusesANonNumericThreshold() {
        assertThatThrownBy(() -> load(VALID.replace("{critical_approvals: 3}", "{critical_approvals: three}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("`thresholds.critical_approvals` must be an integer (found string \"three\")")
                .satisfies(e -> assertThat(((InvalidInputException) e).location())
                        .hasValueSatisfying(l -> assertThat(l.line()).isEqualTo(6)));
    }

    @Test
    void refusesAFractionalCountRatherThanRoundingIt() {
        assertThatThrownBy(() -> load(VALID.replace("{critical_approvals: 3}", "{critical_approvals: 2.5}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("`thresholds.critical_approvals` must be an integer (found number 2.5)")
                .satisfies(e -> assertThat(((InvalidInputException) e).location())
                        .hasValueSatisfying(l -> assertThat(l.line()).isEqualTo(6)));
    }

    @Test
    void refusesEveryThresholdTheEngineCannotUseAsWrittenEachAtItsLine() {
        String thresholds = """
                thresholds:
                  critical_approvals: -1
                  fe.critical_approvals: 1.5
                  max_rule_firings: 0
                  max_evaluation_seconds: 0
                  max_dependency_depth: 2.5
                  unit_coverage_min: 101
                  design.e2e_coverage_min: -1
                  delivered_ratio_min: 80
                  tests_failed_max: 0.5
                  scope_variance_max_pct: 1000
                  coverage_regression_tolerance_pct: -5
                  waiver_expiry_warning_days: 7.5
                  max_release_items_per_owner: 1e300
                  anything_else: 1e400
                """;
        assertThatThrownBy(() -> load(VALID.replace("thresholds: {critical_approvals: 3}\n", thresholds)))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> {
                    String message = e.getMessage();
                    assertThat(message).contains("14 errors:");
                    for (int line = 7; line <= 20; line++) {
                        assertThat(message).as("line %d", line).contains("rulebook.yaml:" + line + ":");
                    }
                })
                .hasMessageContaining("`thresholds.fe.critical_approvals` must be an integer")
                .hasMessageContaining("`thresholds.unit_coverage_min`: must have a maximum value of 100")
                .hasMessageContaining("`thresholds.delivered_ratio_min`: must have a maximum value of 1")
                .hasMessageContaining("`thresholds.anything_else`: must have a maximum value of 9007199254740991");
    }

    /**
     * Decided on the decimal as written, not on the double it rounds to: each of these is a double the
     * bounds admit (3.0000000000000001 is the double 3), while 100.00000000000001 was already refused.
     */
    @Test
    void refusesAValueThatIsNotExactlyAWholeNumberOrWithinItsBoundsWhereADoubleRoundsItIn() {
        String thresholds = """
                thresholds:
                  critical_approvals: 3.0000000000000001
                  fe.max_rule_firings: 1.00000000000000001
                  unit_coverage_min: 100.000000000000001
                  delivered_ratio_min: 1.0000000000000000001
                  waiver_expiry_warning_days: 3650.0000000000000001
                  max_evaluation_seconds: 0.00099999999999999999
                  anything_else: 9007199254740991.5
                """;
        assertThatThrownBy(() -> load(VALID.replace("thresholds: {critical_approvals: 3}\n", thresholds)))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).contains("7 errors:");
                    for (int line = 7; line <= 13; line++) {
                        assertThat(e.getMessage()).as("line %d", line).contains("rulebook.yaml:" + line + ":");
                    }
                })
                .hasMessageContaining("`thresholds.critical_approvals` must be an integer (found number 3.0000000000000001)")
                .hasMessageContaining("`thresholds.unit_coverage_min`: must have a maximum value of 100")
                .hasMessageContaining("`thresholds.max_evaluation_seconds`: must have a minimum value of 0.001");
    }

    /** Read exactly, 1.0e+300 and 2^64+1 are whole decimals the validator judged by their low 64 bits (0 and 1). */
    @Test
    void refusesAWholeDecimalBeyondALongThatTheValidatorWouldJudgeByItsLow64Bits() {
        for (String value : new String[] {"1.0e+300", "1.8446744073709551617e+19"}) {
            assertThatThrownBy(() -> load(VALID.replace("{critical_approvals: 3}", "{critical_approvals: " + value + "}")))
                    .as(value)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("`thresholds.critical_approvals`: must have a maximum value of 2147483647");
        }
    }

    /**
     * Read exactly, a decimal with a huge exponent is refused by its bound as written, without being
     * expanded into its digits (10^999999999 as a {@code BigInteger} would take minutes and hundreds of
     * megabytes: a rulebook any contributor commits would stall every command).
     */
    @Test
    void refusesADecimalWithAHugeExponentByItsBound() {
        for (String value : new String[] {"1e999999999", "1.5e999999999"}) {
            assertThatThrownBy(() -> load(VALID.replace("{critical_approvals: 3}", "{critical_approvals: " + value + "}")))
                    .as(value).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("`thresholds.critical_approvals`: must have a maximum value of 2147483647");
            assertThatThrownBy(() -> load(VALID.replace("{critical_approvals: 3}", "{anything_else: " + value + "}")))
                    .as(value).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("`thresholds.anything_else`: must have a maximum value of 9007199254740991");
        }
    }

    /**
     * A KPI target is compared with the digest's figures and written into its front matter: one a double
     * cannot hold as written ({@code 1e400} is infinite, {@code 1e-400} reads as 0, a 20-digit number as
     * another), with more decimals than the digest keeps, or too long for the reader to take as a number
     * (it became text, "not a number") is refused at its line and column, every one of the file at once.
     */
    @Test
    void refusesAKpiTargetADoubleCannotHoldAsWrittenEveryOneAtItsPlace() {
        String kpi = "  - {name: k%d, formula: \"done_tasks\", inputs: [done_tasks], unit: count, target: %s,"
                + " direction: higher_is_better}\n";
        String[] targets = {"1e400", "-1.5e999999999", "1e-400", "12345678901234567890", "90.00001",
            "1" + "0".repeat(1200)};
        StringBuilder kpis = new StringBuilder("kpis:\n");
        for (int i = 0; i < targets.length; i++) {
            kpis.append(String.format(Locale.ROOT, kpi, i, targets[i]));
        }
        assertThatThrownBy(() -> load(VALID + kpis))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).contains(targets.length + " errors:").doesNotContain("string found");
                    for (int i = 0; i < targets.length; i++) {
                        assertThat(e.getMessage()).as(targets[i]).containsPattern("rulebook\\.yaml:" + (15 + i)
                                + ":\\d+: `kpis\\." + i + "\\.target` is ");
                    }
                })
                .hasMessageContaining("`kpis.0.target` is 1E+400, beyond the largest number a double holds")
                .hasMessageContaining("`kpis.2.target` is 1E-400, which a double reads as 0")
                .hasMessageContaining("`kpis.3.target` is 12345678901234567890, which a double reads as")
                .hasMessageContaining("`kpis.4.target` is 90.00001, with more than 4 decimals")
                .hasMessageContaining("`kpis.5.target` is a number of 1,201 characters, more than the 1,000 a number may have");
    }

    @Test
    void acceptsAKpiTargetHeldExactlyWithinFourDecimals() throws IOException {
        Rulebook rulebook = load(VALID + """
                kpis:
                  - {name: a, formula: "done_tasks", inputs: [done_tasks], unit: count, target: 0.1, direction: higher_is_better}
                  - {name: b, formula: "done_tasks", inputs: [done_tasks], unit: count, target: 123456789012.3456, direction: lower_is_better}
                  - {name: c, formula: "done_tasks", inputs: [done_tasks], unit: count, target: 1.50000000, direction: lower_is_better}
                  - {name: d, formula: "done_tasks", inputs: [done_tasks], unit: count, target: -2e3, direction: lower_is_better}
                """);

        assertThat(rulebook.kpis()).extracting(k -> k.target().orElseThrow())
                .containsExactly(0.1, 123456789012.3456, 1.5, -2000.0);
    }

    @Test
    void acceptsAWholeNumberWrittenWithZerosAfterThePointOrAnExponent() throws IOException {
        Rulebook rulebook = load(VALID.replace("thresholds: {critical_approvals: 3}\n", """
                thresholds:
                  critical_approvals: 3.000
                  max_dependency_depth: 1.0e+1
                  unit_coverage_min: 100.0000000000000000000
                  max_estimate: 0.1
                """));

        assertThat(rulebook.thresholds()).containsEntry("critical_approvals", 3.0)
                .containsEntry("max_dependency_depth", 10.0).containsEntry("unit_coverage_min", 100.0)
                .containsEntry("max_estimate", 0.1);
    }

    /**
     * Each bound itself, written as the schema writes it: read exactly, 0.001 is a little less than the
     * double 0.001 the schema's minimum is, and an honest rulebook at the bound must still load.
     */
    @Test
    void acceptsEveryThresholdAtItsBoundWrittenAsTheSchemaWritesIt() throws IOException {
        Rulebook rulebook = load(VALID.replace("thresholds: {critical_approvals: 3}\n", """
                thresholds:
                  critical_approvals: 3
                  max_evaluation_seconds: 0.001
                  fe.max_evaluation_seconds: 86400.0
                  delivered_ratio_min: 1.0
                  be.delivered_ratio_min: 0.0
                  unit_coverage_min: 0.1
                  scope_variance_max_pct: 100.0
                """));

        assertThat(rulebook.thresholds()).containsEntry("max_evaluation_seconds", 0.001)
                .containsEntry("fe.max_evaluation_seconds", 86400.0).containsEntry("delivered_ratio_min", 1.0);
    }

    /** strict23: read as the text written (only decimal digits are numbers), so the schema refuses them at their place. */
    @Test
    void refusesNotANumberAndInfinityAsNoNumber() {
        for (String value : new String[] {".nan", ".NaN", ".inf", "-.Inf"}) {
            assertThatThrownBy(() -> load(VALID.replace("{critical_approvals: 3}", "{anything: " + value + "}")))
                    .as(value)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("`thresholds.anything` must be a number (found string \"" + value + "\")")
                    .satisfies(e -> assertThat(((InvalidInputException) e).describe()).contains("rulebook.yaml:6:24"));
        }
    }

    @Test
    void acceptsEveryThresholdAtItsBoundsAndUnknownNamesWithAnyFiniteNumber() throws IOException {
        Rulebook rulebook = load(VALID.replace("thresholds: {critical_approvals: 3}\n", """
                thresholds:
                  critical_approvals: 0
                  max_rule_firings: 1
                  max_evaluation_seconds: 0.001
                  unit_coverage_min: 100
                  design.unit_coverage_min: 0
                  delivered_ratio_min: 1
                  scope_variance_max_pct: 12.5
                  waiver_expiry_warning_days: 3650
                  max_estimate: -13.5
                """));

        assertThat(rulebook.thresholds()).containsEntry("critical_approvals", 0.0).containsEntry("max_estimate", -13.5)
                .containsEntry("scope_variance_max_pct", 12.5).hasSize(9);
    }

    @Test
    void readsTheSigningPolicy() throws IOException {
        Rulebook rulebook = load(VALID + """
                signing:
                  required:
                    - {roles: [PM], min: 1}
                    - {roles: [TechLead, QA], min: 2}
                """);

        assertThat(rulebook.signing().required()).extracting(r -> r.describe())
                .containsExactly("1 of [PM]", "2 of [TechLead, QA]");
        assertThat(load(VALID).signing().required()).isEmpty();
    }

    @Test
    void refusesASigningRequirementOfNoneAtItsLine() {
        assertThatThrownBy(() -> load(VALID + """
                signing:
                  required:
                    - {roles: [PM], min: 0}
                """)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("min")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().line()).isEqualTo(16));
    }
    @Test
    void refusesASigningRequirementTooLargeToCountRatherThanWrappingIt() {
        // 2^32 + 1 read as an int is 1: "more keys than exist" would have become "one signature".
        assertThatThrownBy(() -> load(VALID + """
                signing:
                  required:
                    - {roles: [PM], min: 4294967297}
                """)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("min")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().line()).isEqualTo(16));
    }

    /**
     * keys27: a signing requirement's {@code min} and a whole-number threshold are the whole number written
     * ({@code 1.0}, {@code 1e0}), or one error naming it as written: {@code 1e19} was refused as "must have a
     * minimum value of 1" (the validator judged it by its low 64 bits), {@code 1e400} with two errors, one
     * "Infinity", and {@code -0} is under the least of 1.
     */
    @Test
    void aWholeNumberIsTheOneWrittenOrOneErrorNamingIt() throws IOException {
        for (String min : List.of("1.0", "1e0")) {
            assertThat(load(VALID + "signing:\n  required:\n    - {roles: [PM], min: " + min + "}\n").signing()
                    .required().get(0).min()).as(min).isEqualTo(1);
        }
        assertThatThrownBy(() -> load(VALID + "signing:\n  required:\n    - {roles: [PM], min: -0}\n"))
                .hasMessageContaining("`signing.required[0].min`: must have a minimum value of 1");
        for (String[] refused : new String[][] {{"1e19", ": must have a maximum value of 2147483647 (found 1E+19)"},
            {"1e400", ": must have a maximum value of 2147483647 (found 1E+400)"},
            {"2.0000000000000001", " must be an integer (found number 2.0000000000000001)"}}) {
            InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                    () -> load(VALID + "signing:\n  required:\n    - {roles: [PM], min: " + refused[0] + "}\n"));
            assertThat(e).as(refused[0]).isNotNull();
            assertThat(e.getMessage()).as(refused[0]).contains("`signing.required[0].min`" + refused[1])
                    .doesNotContain("Infinity").doesNotContain("minimum value").doesNotContain("errors:");
        }
        InvalidInputException threshold = catchThrowableOfType(InvalidInputException.class,
                () -> load(VALID.replace("critical_approvals: 3", "critical_approvals: 1e400")));
        assertThat(threshold).isNotNull();
        assertThat(threshold.getMessage()).contains("`thresholds.critical_approvals`: must have a maximum value of 2147483647 (found 1E+400)")
                .doesNotContain("Infinity").doesNotContain("errors:");
    }
}
