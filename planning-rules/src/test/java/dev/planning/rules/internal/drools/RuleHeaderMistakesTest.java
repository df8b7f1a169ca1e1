package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.rules.Inputs;
import dev.planning.rules.testkit.GovernanceTestKit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * folds37: a rule that gives one attribute twice ({@code salience 10}, then {@code salience 20}) was refused by
 * Drools at the rule's line, without a column and without saying what was expected ("Duplicate attribute
 * definition: salience in rule r"); one that gives one metadata name twice (two {@code @severity}s) at no line at
 * all ("Duplicated annotation: severity"). And the policy check passed both to the compiler, so a file with
 * another mistake was refused for that one alone, the repetition told only once it was fixed. Each repetition is
 * now refused where it is written, naming the first, in either rules mode, with the file's other mistakes. And an
 * attribute Drools does not know was refused at its place, saying only that it was not expected there.
 */
@Isolated("sets planning.rules.mode, which every compilation beside it reads")
class RuleHeaderMistakesTest {

    private static final String HEAD = """
            package dev.planning.rules.custom;

            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.Report;

            """;

    /** A rule that gives its named consequence {@code then[late]} twice, at lines 11 and 13 after {@link #HEAD}. */
    private static final String LATE_TWICE = """
            rule "r"
            when
                $t : TaskFact(criticality == 0) do[late]
            then
                insert(Report.violation(kcontext, $t, "m"));
            then[late]
                insert(Report.violation(kcontext, $t, "a"));
            then[late]
                insert(Report.violation(kcontext, $t, "b"));
            end
            """;

    private static String rule(String name, String header) {
        return "rule \"" + name + "\"\n" + header + "when\n    $t : TaskFact(criticality == 0)\nthen\n"
                + "    insert(Report.violation(kcontext, $t, \"m\"));\nend\n";
    }

    /** The refusal of a rulebook of these rule files, compiled in {@code mode}. */
    private static InvalidInputException refused(String mode, Map<String, String> files) {
        String before = System.getProperty(PolicyLanguage.MODE_PROPERTY);
        System.setProperty(PolicyLanguage.MODE_PROPERTY, mode);
        try {
            Throwable thrown = catchThrowable(() -> GovernanceTestKit.fromDrl(files)
                    .evaluate(Inputs.goodCriticalTask("FE-12").build()));
            assertThat(thrown).isInstanceOf(InvalidInputException.class);
            return (InvalidInputException) thrown;
        } finally {
            if (before == null) {
                System.clearProperty(PolicyLanguage.MODE_PROPERTY);
            } else {
                System.setProperty(PolicyLanguage.MODE_PROPERTY, before);
            }
        }
    }

    /** The rule {@code r} with this header, alone in its file, compiled in {@code mode}, is refused so, there. */
    private static void assertRefused(String mode, String header, String message, int line, int column) {
        InvalidInputException refused = refused(mode, Map.of("rules/x.drl", HEAD + rule("r", header)));

        assertThat(refused).hasMessage(message);
        assertThat(refused.location()).contains(new SourceLocation("rules/x.drl", line, column));
    }

    @ParameterizedTest
    @ValueSource(strings = {"restricted", "trusted"})
    void anAttributeGivenTwiceIsRefusedAtTheSecondNamingTheFirst(String mode) {
        assertRefused(mode, "    salience 10\n    salience 20\n", "rule 'r': attribute salience is given again (first"
                + " at line 7, column 5); expected each attribute at most once in a rule", 8, 5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"restricted", "trusted"})
    void metadataGivenTwiceIsRefusedAtTheSecondNamingTheFirst(String mode) {
        assertRefused(mode, "    @severity(HIGH)\n    @control(\"CHG-7\") @severity(LOW)\n", "rule 'r': metadata"
                + " @severity is given again (first at line 7, column 5); expected each metadata name at most once in a"
                + " rule (Drools would keep one of the values)", 8, 23);
    }

    @ParameterizedTest
    @ValueSource(strings = {"restricted", "trusted"})
    void anUnknownAttributeIsRefusedAtItSayingWhatARuleHeaderHolds(String mode) {
        assertRefused(mode, "    frobnicate 10\n", "[ERR 102] Line 7:4 mismatched input 'frobnicate' in rule \"r\";"
                + " expected a rule attribute (salience), metadata such as @severity(HIGH), or when", 7, 5);
    }

    /** A name of several words, and a value in brackets that holds the name: located at the attribute's first word. */
    @Test
    void aHyphenatedAttributeGivenTwiceIsLocatedAtItsFirstWord() {
        InvalidInputException refused = refused("trusted", Map.of("rules/x.drl", HEAD + rule("r",
                "    @note(\"no-loop\") no-loop true\n    salience (1)\n    no-loop false\n")));

        assertThat(refused).hasMessageStartingWith("rule 'r': attribute no-loop is given again (first at line 7,"
                + " column 22)");
        assertThat(refused.location()).contains(new SourceLocation("rules/x.drl", 9, 5));
    }

    @Test
    void everyRepetitionAndEveryOtherMistakeOfTheFilesIsToldOnePerLine() {
        InvalidInputException refused = refused("restricted", Map.of(
                "rules/a.drl", HEAD + rule("r", "    salience 1\n    salience 2\n    salience 3\n")
                        + "global java.util.List out;\n",
                "rules/b.drl", HEAD + rule("s", "    @severity(LOW)\n    @severity(HIGH)\n")));

        // The package's mistakes first, then each rule's, as the check walks the file (a refusal's first line is
        // shown after its location).
        assertThat(refused.getMessage().lines()).containsExactly(
                "global out is refused; a policy reads facts (RulebookFacts carries thresholds and taxonomy)",
                "rules/a.drl:8:5: rule 'r': attribute salience is given again (first at line 7, column 5); expected"
                        + " each attribute at most once in a rule",
                "rules/a.drl:9:5: rule 'r': attribute salience is given again (first at line 7, column 5); expected"
                        + " each attribute at most once in a rule",
                "rules/b.drl:8:5: rule 's': metadata @severity is given again (first at line 7, column 5); expected"
                        + " each metadata name at most once in a rule (Drools would keep one of the values)");
        assertThat(refused.location()).contains(new SourceLocation("rules/a.drl", 15, 1));
    }

    /**
     * store38: a named consequence given twice (trusted mode: the restricted one refuses named consequences) was
     * refused by Drools at the rule's line without a column, saying nothing of what was expected.
     */
    @Test
    void aNamedConsequenceGivenTwiceIsRefusedAtTheSecondNamingTheFirst() {
        InvalidInputException refused = refused("trusted", Map.of("rules/x.drl", HEAD + LATE_TWICE));

        assertThat(refused).hasMessage("rule 'r': consequence then[late] is given again (first at line 11, column 1);"
                + " expected each named consequence at most once in a rule (Drools would keep the first)");
        assertThat(refused.location()).contains(new SourceLocation("rules/x.drl", 13, 1));
    }

    /** The restricted mode refuses named consequences as such, not also each repetition of one. */
    @Test
    void aNamedConsequenceGivenTwiceIsRefusedAsANamedConsequenceInTheRestrictedMode() {
        InvalidInputException refused = refused("restricted", Map.of("rules/x.drl", HEAD + LATE_TWICE));

        assertThat(refused.getMessage().lines()).startsWith("named consequences are refused; a rule has one"
                + " consequence").noneMatch(line -> line.contains("given again"));
    }

    /**
     * misc38: in the restricted mode one named consequence was two messages, "named consequences are refused" at
     * the rule and "'NamedConsequence' is outside the policy language" at its {@code do[late]}: one mistake, one
     * message.
     */
    @Test
    void oneNamedConsequenceIsOneMessageInTheRestrictedMode() {
        String once = LATE_TWICE.substring(0, LATE_TWICE.lastIndexOf("then[late]")) + "end\n";

        InvalidInputException refused = refused("restricted", Map.of("rules/x.drl", HEAD + once));

        assertThat(refused).hasMessage("named consequences are refused; a rule has one consequence");
    }

    /** A package attribute was refused again for each rule, which Drools gives it to, at the package's line. */
    @Test
    void aPackageAttributeIsRefusedOnceNotAgainForEachRule() {
        InvalidInputException refused = refused("restricted", Map.of("rules/x.drl",
                HEAD.replace("\n\nimport", "\ndialect \"java\"\nimport") + rule("r", "") + rule("s", "")));

        assertThat(refused).hasMessage("package attribute 'dialect' is refused; a policy is plain DRL in the default"
                + " (Java) dialect");
        assertThat(refused.location()).contains(new SourceLocation("rules/x.drl", 2, 9));
    }
}
