package dev.planning.rules.internal.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.rules.testkit.GovernanceTestKit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * errors19: four checks the compiler makes before Drools compiles a file (a {@code matches} pattern
 * that cannot be made linear, a file too deeply nested to parse, a rule whose ors multiply past the
 * operator's bound, a rule name used twice) stopped at the first file with such a mistake, so a
 * second file's showed only on the next run. Each now reports every mistake of every file in one
 * refusal, each at its file, line and column on a line of its own, once.
 */
@Isolated("sets planning.rules.mode and the operator bound, which every compilation beside it reads")
class EveryRuleFileCheckedTest {

    private static final String HEAD = "package dev.planning.rules.every;\n\nimport dev.planning.rules.facts.TaskFact;\n"
            + "import dev.planning.rules.facts.Report;\n\n";

    @AfterEach
    void clear() {
        System.clearProperty(OperatorLimits.RULES_PROPERTY);
        System.clearProperty(PolicyLanguage.MODE_PROPERTY);
    }

    private static String rule(String name, String condition) {
        return "rule \"" + name + "\"\n    @severity(LOW)\nwhen\n    " + condition + "\nthen\n"
                + "    insert(Report.violation(kcontext, $t, \"m\"));\nend\n";
    }

    private static InvalidInputException refusal(Map<String, String> files) {
        return catchThrowableOfType(InvalidInputException.class, () -> GovernanceTestKit.fromDrl(files));
    }

    @Test
    void everyMatchesPatternThatCannotBeMadeLinearIsReportedInEveryFile() {
        InvalidInputException e = refusal(Map.of(
                "rules/a.drl", HEAD + rule("a", "$t : TaskFact(owner matches \"(a\")"),
                "rules/b.drl", HEAD + rule("b", "$t : TaskFact(owner == \"x\")"),
                "rules/c.drl", HEAD + rule("c", "$t : TaskFact(title matches \"[z\")")));

        assertThat(e).isNotNull();
        assertThat(e.location()).contains(new SourceLocation("rules/a.drl", 9, 19));
        assertThat(e.getMessage().lines().toList()).as(e.getMessage()).hasSize(2);
        assertThat(e.getMessage().lines().toList().get(0)).startsWith("matches \"(a\": ");
        assertThat(e.getMessage().lines().toList().get(1)).startsWith("rules/c.drl:9:19: matches \"[z\": ");
    }

    @Test
    void everyFileTooDeeplyNestedToParseIsReportedAtItsDeepestBracket() {
        // The policy check (which bounds nesting first) is off: the parser itself runs out of stack.
        System.setProperty(PolicyLanguage.MODE_PROPERTY, PolicyLanguage.TRUSTED_MODE);
        String deep = "(".repeat(20_000) + "1" + ")".repeat(20_000);

        InvalidInputException e = refusal(Map.of(
                "rules/a.drl", HEAD + rule("a", "$t : TaskFact(criticality == " + deep + ")"),
                "rules/b.drl", HEAD + rule("b", "$t : TaskFact(owner == \"x\")"),
                "rules/c.drl", HEAD + "\n" + rule("c", "$t : TaskFact(criticality == " + deep + ")")));

        assertThat(e).isNotNull();
        assertThat(e.location()).contains(new SourceLocation("rules/a.drl", 9, 20_033));
        assertThat(e.getMessage()).isEqualTo("rule file is nested too deeply to parse (brackets 20001 levels deep here);"
                + " expected conditions a few levels deep\n"
                + "rules/c.drl:10:20033: rule file is nested too deeply to parse (brackets 20001 levels deep here);"
                + " expected conditions a few levels deep");
    }

    @Test
    void everyRuleWhoseOrsDoNotFitTheBoundIsReportedInEveryFileEachOnce() {
        System.setProperty(OperatorLimits.RULES_PROPERTY, "10");
        String eight = "$t : TaskFact() and (TaskFact(owner == \"a\") or TaskFact(owner == \"b\"))"
                + " and (TaskFact(owner == \"c\") or TaskFact(owner == \"d\"))"
                + " and (TaskFact(owner == \"e\") or TaskFact(owner == \"f\"))";

        InvalidInputException e = refusal(Map.of(
                "rules/a.drl", HEAD + rule("a", eight),
                "rules/b.drl", HEAD + rule("b", eight) + rule("b-small", "$t : TaskFact(owner == \"x\")"),
                "rules/c.drl", HEAD + rule("c", eight)));

        assertThat(e).isNotNull();
        // a's 8 fit the bound of 10; b's 8 and c's 8 do not, each refused once; b-small (9 so far) fits.
        assertThat(e.location()).contains(new SourceLocation("rules/b.drl", 6, 1));
        assertThat(e.getMessage().lines().toList()).as(e.getMessage()).containsExactly(
                "rule 'b' expands to 8 alternatives (its ors multiplied out), which Drools compiles as as many rules:"
                        + " 16 rules so far, more than the operator's bound of 10 (planning.rules.maxRules or"
                        + " PLANNING_RULES_MAX_RULES); write separate rules; nothing was compiled",
                "rules/c.drl:6:1: rule 'c' expands to 8 alternatives (its ors multiplied out), which Drools compiles"
                        + " as as many rules: 17 rules so far, more than the operator's bound of 10"
                        + " (planning.rules.maxRules or PLANNING_RULES_MAX_RULES); write separate rules; nothing was"
                        + " compiled");
    }

    @Test
    void everyRuleNameUsedAgainIsReportedInEveryFileEachAtItsSecondDeclaration() {
        String condition = "$t : TaskFact(owner == \"x\")";

        InvalidInputException e = refusal(Map.of(
                "rules/a.drl", HEAD + rule("x", condition) + rule("y", condition),
                "rules/b.drl", HEAD + rule("x", condition),
                "rules/c.drl", HEAD + rule("Y", condition)));

        assertThat(e).isNotNull();
        assertThat(e.location()).contains(new SourceLocation("rules/b.drl", 6, 1));
        assertThat(e.getMessage().lines().toList()).as(e.getMessage()).containsExactly(
                "rule 'x' is declared again (first at rules/a.drl:6:1, both paths relative to the rulebook directory):"
                        + " a waiver names a rule by its name alone, so one waiver would waive both; give each rule of"
                        + " the rulebook a name of its own",
                "rules/c.drl:6:1: rule 'Y' reads as rule 'y' (first at rules/a.drl:13:1, both paths relative to the"
                        + " rulebook directory): the two differ only in case, width, blanks or invisible characters, so"
                        + " a waiver naming one could not be told from one naming the other; give each rule of the"
                        + " rulebook a name of its own");
    }

    @Test
    void mistakesOfSeveralChecksAreReportedTogetherInFileOrder() {
        InvalidInputException e = refusal(Map.of(
                "rules/a.drl", HEAD + rule("x", "$t : TaskFact(owner == \"x\")"),
                "rules/b.drl", HEAD + rule("x", "$t : TaskFact(owner matches \"(a\")"),
                "rules/c.drl", HEAD + rule("c", "$t : TaskFact(owner ==")));

        assertThat(e).isNotNull();
        assertThat(e.getMessage().lines().map(l -> l.replaceAll(": .*", "")).toList()).as(e.getMessage())
                .containsExactly("rule 'x' is declared again (first at rules/a.drl:6:1, both paths relative to the"
                        + " rulebook directory)", "rules/b.drl:9:19", "rules/c.drl:11:5");
    }
}
