package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.rules.Inputs;
import dev.planning.rules.testkit.GovernanceTestKit;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kie.api.definition.KiePackage;

/**
 * Eighteenth review: two rules of one name in two packages both compiled and fired, and a violation
 * carries its rule's name alone, as a waiver names its rule. So one waiver, granted for one rule
 * (say a hygiene rule on FE-12), waived the other too: a contributor who renamed {@code critical-approvals}
 * after an already-waived rule, in a package of its own, had FE-12 pass with two of its three
 * approvals. Drools refuses two rules of one name in one package only. A rule name is now one rule's
 * in the whole rulebook, refused at the second declaration.
 */
class RuleNameAttackTest {

    private static String file(String pkg, String rule, String severity) {
        return "package dev.planning.rules." + pkg + ";\n\nimport dev.planning.rules.facts.TaskFact;\n"
                + "import dev.planning.rules.facts.Report;\n\n"
                + "rule \"" + rule + "\"\n    @severity(" + severity + ")\nwhen\n    $t : TaskFact(criticality == 0)\n"
                + "then\n    insert(Report.violation(kcontext, $t, \"" + pkg + "\"));\nend\n";
    }

    @Test
    void aRuleNamedAsARuleOfAnotherPackageIsRefusedAtTheSecondDeclaration() {
        Map<String, String> files = Map.of(
                "rules/hygiene.drl", file("hygiene", "gdpr-data-handling", "LOW"),
                "rules/zz.drl", file("critical", "gdpr-data-handling", "CRITICAL"));

        Throwable thrown = catchThrowable(() -> GovernanceTestKit.fromDrl(files)
                .evaluate(Inputs.goodCriticalTask("FE-12").build()));

        assertThat(thrown).isInstanceOf(InvalidInputException.class)
                .hasMessage("rule 'gdpr-data-handling' is declared again (first at rules/hygiene.drl:6:1, both paths"
                        + " relative to the rulebook directory): a waiver"
                        + " names a rule by its name alone, so one waiver would waive both; give each rule of the"
                        + " rulebook a name of its own");
        assertThat(((InvalidInputException) thrown).location()).contains(new SourceLocation("rules/zz.drl", 6, 1));
    }

    @Test
    void twoRulesOfOneNameInOnePackageAcrossTwoFilesAreRefusedTheSameWay() {
        Map<String, String> files = Map.of(
                "rules/a.drl", file("same", "r", "LOW"),
                "rules/b.drl", file("same", "r", "CRITICAL"));

        assertThatThrownBy(() -> GovernanceTestKit.fromDrl(files).evaluate(Inputs.goodCriticalTask("FE-12").build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("rule 'r' is declared again (first at rules/a.drl:6:1, both paths relative to the"
                        + " rulebook directory)");
    }

    /**
     * The exact check alone was passed by a name a reader cannot tell from the other: a zero-width space
     * at its end, full-width letters, another case, a doubled blank. A waiver of either then reads as a
     * waiver of both.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gdpr-data-handling\u200B", "ｇｄｐｒ-data-handling", "GDPR-Data-Handling",
        " gdpr-data-handling", "gdpr-data-\u00ADhandling"})
    void aRuleNamedSoThatItReadsAsAnotherIsRefused(String lookalike) {
        Map<String, String> files = Map.of(
                "rules/hygiene.drl", file("hygiene", "gdpr-data-handling", "LOW"),
                "rules/zz.drl", file("critical", lookalike, "CRITICAL"));

        Throwable thrown = catchThrowable(() -> GovernanceTestKit.fromDrl(files)
                .evaluate(Inputs.goodCriticalTask("FE-12").build()));

        assertThat(thrown).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("reads as rule 'gdpr-data-handling' (first at rules/hygiene.drl:6:1, both paths"
                        + " relative to the rulebook directory): the two differ only in case, width, blanks or invisible"
                        + " characters")
                .hasMessageContaining("could not be told from one naming the other");
        assertThat(((InvalidInputException) thrown).location()).contains(new SourceLocation("rules/zz.drl", 6, 1));
    }

    @Test
    void rulesOfDistinctNamesInTwoPackagesStillCompile() {
        var decision = GovernanceTestKit.fromDrl(Map.of(
                        "rules/a.drl", file("one", "r-1", "LOW"),
                        "rules/b.drl", file("two", "r-2", "LOW")))
                .evaluate(Inputs.goodCriticalTask("FE-12").build());

        assertThat(decision.violations()).extracting(v -> v.rule()).containsExactlyInAnyOrder("r-1", "r-2");
    }

    /**
     * The backstop on what was compiled (a compiled-rulebook cache entry is checked there, not parsed):
     * two packages compiled apart, each valid alone, holding one rule name.
     */
    @Test
    void compiledPackagesHoldingOneRuleNameTwiceAreRefused() {
        List<KiePackage> packages = new ArrayList<>();
        for (String pkg : List.of("one", "two")) {
            String drl = file(pkg, "r", "LOW");
            GovernanceTestKit kit = GovernanceTestKit.fromDrl(Map.of("rules/" + pkg + ".drl", drl));
            packages.addAll(new RulebookCompiler(getClass().getClassLoader())
                    .compile(kit.rulebook(), f -> drl.getBytes(StandardCharsets.UTF_8)).kieBase().getKiePackages());
        }

        assertThatThrownBy(() -> RulebookCompiler.requireDistinctCompiledNames(packages))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("rule 'r' is declared again (first at rules/one.drl,"
                        + " both paths relative to the rulebook directory)");
    }

    /**
     * The skeleton keeps letters of other scripts as they are, so a Cyrillic {@code а} in a Latin name gave
     * the renamed hygiene rule a name of its own, and the waiver of {@code gdpr-data-handling} moved to the
     * critical rule that took the Latin name (eighteenth review, left open; closed by the lead). A rule name
     * is now held to the approvers' allow-list: one script, no invisible character or look-alike punctuation.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gdpr-d\u0430ta-handling", "gdpr\u2010data-handling", "gdpr-data\u200B-handling",
        "crit\u0456cal-approvals", "gdpr-data-handl\u0456ng\u0301"})
    void aRuleNameMixingScriptsOrHoldingLookAlikePunctuationIsRefused(String unclear) {
        Map<String, String> files = Map.of(
                "rules/hygiene.drl", file("hygiene", unclear, "LOW"),
                "rules/zz.drl", file("critical", "gdpr-data-handling", "CRITICAL"));

        Throwable thrown = catchThrowable(() -> GovernanceTestKit.fromDrl(files)
                .evaluate(Inputs.goodCriticalTask("FE-12").build()));

        assertThat(thrown).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has a name a reader could take for another: it ")
                .hasMessageContaining("name it in the letters of one script");
        assertThat(((InvalidInputException) thrown).location()).contains(new SourceLocation("rules/hygiene.drl", 6, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"prüfung-der-daten", "FE: every critical task has 3 approvals (SOX 404, s. 1)",
        "承認が必要", "проверка-данных", "release_owner.is/a+person@team"})
    void aRuleNameInTheLettersOfOneScriptWithAsciiPunctuationCompiles(String clear) {
        var decision = GovernanceTestKit.fromDrl(Map.of("rules/a.drl", file("one", clear, "LOW")))
                .evaluate(Inputs.goodCriticalTask("FE-12").build());

        assertThat(decision.violations()).extracting(v -> v.rule()).containsExactly(clear);
    }
}
