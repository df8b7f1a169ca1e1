package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyLanguageTest {

    private static final String HEAD = """
            package dev.planning.rules.custom;

            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.Report;
            """;

    private static void check(String drl) {
        PolicyLanguage.check("rules/x.drl", drl.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsEveryShippedRuleFile() throws Exception {
        try (Stream<Path> files = Stream.concat(
                Files.walk(Path.of("src/main/resources")), Files.walk(Path.of("../planning-examples")))) {
            var drl = files.filter(p -> p.toString().endsWith(".drl")).toList();
            assertThat(drl).isNotEmpty();
            for (Path file : drl) {
                assertThatCode(() -> PolicyLanguage.check(file.toString(), Files.readAllBytes(file)))
                        .as(file.toString()).doesNotThrowAnyException();
            }
        }
    }

    /**
     * A condition that searches one fact's text for another fact's (apibound): String.contains costs up
     * to the product of the two lengths, for every pair the rule joins, inside the one insert the time
     * limit cannot stop (measured: 4.3 ms of CPU per pair already joined at 5,000 and 10,000
     * characters, docs/rules.md "Joins"). Refused at its line, as the operator, as a method and as
     * memberOf, whether or not negated.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "TaskFact(this != $a, description contains $x)",
        "TaskFact(this != $a, description not contains $x)",
        "TaskFact(this != $a, $x memberOf description)",
        "TaskFact(this != $a, description.contains($x))",
        "TaskFact(this != $a, description.indexOf($x) >= 0)",
        "TaskFact(this != $a, !description.toLowerCase().contains($a.title()))",
        "TaskFact(this != $a, title contains $a.owner)",
        "TaskFact(this != $a, $d : description)\n    eval($d.lastIndexOf($x) > 0)",
    })
    void refusesAConditionThatSearchesAFactsTextForAnotherValue(String second) {
        String drl = HEAD + "rule \"r\" when\n    $a : TaskFact($x : title)\n    " + second
                + "\nthen\n    insert(Report.violation(kcontext, $a, \"x\"));\nend\n";

        Throwable thrown = catchThrowable(() -> check(drl));

        assertThat(thrown).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("which is not a literal")
                .hasMessageContaining("product of the two")
                .hasMessageContaining("expected a literal");
        assertThat(((InvalidInputException) thrown).location().orElseThrow().line())
                .isEqualTo(second.contains("eval") ? 8 : 7);
    }

    /**
     * What stays: a literal needle (its cost is the value's length times the literal's, bounded by the
     * rulebook's size), a collection field searched for any value (elements are compared, linear), and
     * a search in a consequence (once per firing, which the time limit stops between).
     */
    @Test
    void admitsALiteralNeedleACollectionSearchAndASearchInAConsequence() {
        assertThatCode(() -> check(HEAD + """
                import dev.planning.rules.facts.RulebookFacts;
                rule "r" when
                    $rb : RulebookFacts()
                    $a : TaskFact($x : title, title contains "x", description.indexOf('a') > 0, !owner.contains("bot"))
                    TaskFact(this != $a, dependencies contains $x, $x memberOf storyNodes, tags.keySet().contains($x),
                            $a.dependencies().contains(id), "P0" memberOf approvalNames, artifacts not contains $x)
                    TaskFact(tags contains $x, $rb.requiredTags().contains(owner))
                then
                    if ($a.description() != null && $a.description().contains($a.title())) {
                        insert(Report.violation(kcontext, $a, "x"));
                    }
                end
                """)).doesNotThrowAnyException();
    }

    @Test
    void theRefusalOfASearchForAVariableNamesTheConstraintWhereAndWhatToWrite() {
        String drl = HEAD + """
                rule "r" when
                    $a : TaskFact($x : title)
                    TaskFact(this != $a, description contains $x)
                then
                    insert(Report.violation(kcontext, $a, "x"));
                end
                """;

        assertThatThrownBy(() -> check(drl)).isInstanceOf(InvalidInputException.class)
                .hasMessage("'description contains $x' searches 'description' for '$x', which is not a"
                        + " literal: on texts that costs the product of the two lengths for every pair of facts the rule"
                        + " joins, inside an insert the time limit cannot stop; expected a literal such as \"text\", or a"
                        + " collection field such as dependencies contains $id");
        assertThat(refusedAt(drl)).isEqualTo(new SourceLocation("rules/x.drl", 7, 26));
    }

    /** A bound variable named like a collection field is the variable, a text: searched for a variable, refused. */
    @Test
    void aVariableNamedLikeACollectionFieldIsNotOne() {
        assertThatThrownBy(() -> check(HEAD + """
                rule "r" when
                    $a : TaskFact($x : title)
                    TaskFact(this != $a, tags : description, tags contains $x)
                then
                    insert(Report.violation(kcontext, $a, "x"));
                end
                """)).isInstanceOf(InvalidInputException.class).hasMessageContaining("which is not a literal");
    }

    @Test
    void admitsEveryTaskFieldOfThePlan() {
        assertThatCode(() -> check(HEAD + """
                import java.time.LocalDate;
                rule "r" when
                    $t : TaskFact(effort > 13, priority == "P0", status != "done", due != null,
                            due.isBefore(LocalDate.of(2025, 10, 1)) || risk == "high", plannedIn != null,
                            storyNodes contains "N-1", artifacts.size() > 0, origin == null, description != null)
                then
                    insert(Report.violation(kcontext, $t, $t.id() + " " + $t.effort() + " " + $t.due()));
                end
                """)).doesNotThrowAnyException();
    }

    @Test
    void acceptsForbiddenWordsInsideStringsAndComments() {
        assertThatCode(() -> check(HEAD + """
                // System.exit would be refused in code, not in a comment
                rule "r" when $t : TaskFact(owner == "System") then
                    insert(Report.violation(kcontext, $t, "Runtime owner java.io.File"));
                end
                """)).doesNotThrowAnyException();
    }

    @Test
    void aConsequenceInsertsAtMostEightViolationsCountedInItsText() {
        String eight = "insert(Report.violation(kcontext, $t, \"m\"));\n".repeat(8);
        assertThatCode(() -> check(HEAD + "rule \"r\" when $t : TaskFact() then\n" + eight + "end\n"))
                .doesNotThrowAnyException();
        // The language has no loops, so the text's count bounds a firing's: JoinBound counts as many (review12).
        assertThatThrownBy(() -> check(HEAD + "rule \"r\" when $t : TaskFact() then\n" + eight
                + "if ($t.owner() == null) { insert(Report.violation(kcontext, $t, \"n\")); }\nend\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("inserts 9 violations; a consequence may insert at most 8");
    }

    @Test
    void noRulebookIsCheckedUnderDroolsDrl10ParserWhichTheCheckWasNotMadeFor() {
        assertThatThrownBy(() -> PolicyLanguage.requireCheckedParser(true))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Drools' DRL10 parser is switched on (-Ddrools.drl.antlr4.parser.enabled=true)")
                .hasMessageContaining("no rulebook is compiled under a parser the check was not made for");
        assertThatCode(() -> PolicyLanguage.requireCheckedParser(false)).doesNotThrowAnyException();
    }

    static Stream<Arguments> hostileRules() {
        return Stream.of(
                Arguments.of("import java.io.File;\n", "import java.io.File", 6),
                Arguments.of("import java.lang.reflect.Method;\n", "import java.lang.reflect.Method", 6),
                Arguments.of("global java.net.Socket socket;\n", "global socket", 6),
                Arguments.of("function void boom() { }\n", "function boom", 6),
                Arguments.of("rule \"r\" when $t : TaskFact() then System.exit(3); end\n", "static call 'System.exit'", 6),
                Arguments.of("rule \"r\" when $t : TaskFact() then\n  Runtime.getRuntime().halt(0);\nend\n", "call 'Runtime.getRuntime().halt(0)'", 7),
                Arguments.of("rule \"r\" when $t : TaskFact() then new ProcessBuilder(\"sh\").start(); end\n",
                        "new ProcessBuilder", 6),
                Arguments.of("rule \"r\" when $t : TaskFact() then $t.getClass().getClassLoader(); end\n", "method 'getClassLoader'", 6),
                Arguments.of("rule \"r\" when $t : TaskFact() then new java.io.File(\"x\").delete(); end\n",
                        "new java.io.File", 6),
                Arguments.of("rule \"r\" when $t : TaskFact() then Thread.sleep(100000); end\n", "static call 'Thread.sleep'", 6),
                Arguments.of("rule \"exit\"\n    dialect \"mvel\"\nwhen\n    $t : TaskFact()\nthen\n    System.exit(0);\nend\n",
                        "rule attribute 'dialect'", 7));
    }

    @ParameterizedTest
    @MethodSource("hostileRules")
    void refusesRulesThatReachOutsideTheFacts(String rule, String named, int line) {
        assertThatThrownBy(() -> check(HEAD + "\n" + rule))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(named)
                .satisfies(e -> {
                    var where = ((InvalidInputException) e).location().orElseThrow();
                    assertThat(where.file()).isEqualTo("rules/x.drl");
                    assertThat(where.line()).isEqualTo(line);
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {PolicyLanguage.MAX_DRL_BYTES + 1, 5 * PolicyLanguage.MAX_DRL_BYTES})
    void refusesOversizedRuleFilesInEitherMode(int size) {
        assertThatThrownBy(() -> PolicyLanguage.requireSize("rules/big.drl", size))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("limited to");
    }

    private static SourceLocation refusedAt(String drl) {
        Throwable thrown = catchThrowable(() -> check(drl));
        assertThat(thrown).isInstanceOf(InvalidInputException.class);
        return ((InvalidInputException) thrown).location().orElseThrow();
    }

    @Test
    void refusesAUnicodeNewlineHiddenInAComment() {
        String drl = HEAD + "\nrule \"r\" when $t : TaskFact() then\n"
                + "    // reviewed: no side effects \\u000a Runtime.getRuntime().exec(new String[]{\"sh\",\"-c\",\"id > /tmp/x\"});\nend\n";
        assertThat(refusedAt(drl)).isEqualTo(new SourceLocation("rules/x.drl", 7, 34));
    }

    @Test
    void refusesAUnicodeQuoteThatClosesAString() {
        String drl = HEAD + "\nrule \"r\" when $t : TaskFact() then\n"
                + "    String a = \"\\u0022 + Runtime.getRuntime().exec(cmd) + \\u0022\";\nend\n";
        assertThat(refusedAt(drl)).isEqualTo(new SourceLocation("rules/x.drl", 7, 17));
    }

    @Test
    void refusesReflectionThroughAFactsClassLoader() {
        String drl = HEAD + "\nrule \"r\" when $t : TaskFact() then\n"
                + "    Object c = TaskFact.class.getClassLoader().loadClass(\"java.lang.Runtime\");\nend\n";
        assertThatThrownBy(() -> check(drl)).hasMessageContaining("type Object is outside")
                .hasMessageContaining("method 'loadClass'");
    }

    @Test
    void locatesAMistakeInsideAConsequenceAtItsLineAndColumn() {
        String drl = HEAD + "\nrule \"r\" when $t : TaskFact() then\n"
                + "    int n = 1;\n    if (n > 0) { Thread.sleep(5); }\nend\n";
        assertThat(refusedAt(drl)).isEqualTo(new SourceLocation("rules/x.drl", 8, 18));
    }

    @Test
    void reportsEveryMistakeOfAFileOnePerLine() {
        String drl = HEAD + "\nglobal java.util.List out;\nfunction void f() { }\n";
        assertThatThrownBy(() -> check(drl)).hasMessageContaining("global out")
                .hasMessageContaining("\nrules/x.drl:7:1: function f");
    }

    @Test
    void acceptsAFixHintAndComparedValues() {
        assertThatCode(() -> check(HEAD + """
                rule "r"
                    @solution("Add the missing approvals: ask the board (see docs/rules.md)")
                when $t : TaskFact(approvals < 3) then
                    int required = 3;
                    insert(Report.violation(kcontext, $t, "too few", "approvals", $t.approvals(), "required", required));
                end
                """)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "@solution(FIX_IT)",
            "@solution(\"a\" + \"b\")",
            "@solution(System.exit(0))",
            "@solution(\"\")",
            "@solution(value = \"x\", other = \"y\")",
            "@solution(\"tab\there\")",
            "@solution(\"quote \\\" inside\")",
            "@solution(\"line\u2028separator\")",
            "@solution(new java.io.File(\"x\").delete())"})
    void refusesAFixHintThatIsNotOnePlainPrintableString(String annotation) {
        assertThatThrownBy(() -> check(HEAD + "rule \"r\"\n    " + annotation + "\nwhen $t : TaskFact() then\n"
                + "    insert(Report.violation(kcontext, $t, \"m\"));\nend\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("@solution");
    }

    @Test
    void refusesAFixHintLongerThanTheLimit() {
        String hint = "x".repeat(PolicyLanguage.MAX_SOLUTION + 1);
        assertThatThrownBy(() -> check(HEAD + "rule \"r\"\n    @solution(\"" + hint + "\")\nwhen $t : TaskFact() then\n"
                + "    insert(Report.violation(kcontext, $t, \"m\"));\nend\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at most " + PolicyLanguage.MAX_SOLUTION);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"m\", \"approvals\"",
            "\"m\", $t.id(), 1",
            "\"m\", \"Approvals\", 1",
            "\"m\", \"a b\", 1",
            "\"m\", \"a\", 1, \"a\", 2",
            "\"m\", \"a\", System.getenv(\"HOME\")",
            "\"m\", \"a\", 1, \"b\", 2, \"c\", 3, \"d\", 4, \"e\", 5, \"f\", 6, \"g\", 7, \"h\", 8, \"i\", 9"})
    void refusesComparedValuesThatAreNotNamedPairsOfPolicyExpressions(String arguments) {
        assertThatThrownBy(() -> check(HEAD + "rule \"r\" when $t : TaskFact() then\n"
                + "    insert(Report.violation(kcontext, $t, " + arguments + "));\nend\n"))
                .isInstanceOf(InvalidInputException.class);
    }
}
