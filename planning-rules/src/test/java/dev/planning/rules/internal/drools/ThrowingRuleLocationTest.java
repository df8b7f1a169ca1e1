package dev.planning.rules.internal.drools;

import static dev.planning.rules.Inputs.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.Task;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.rules.TestRulebooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule that throws while the facts are judged is located at its {@code rule "name"} line: Drools keeps
 * no line at run time, so the line is the declaration's in the bytes compiled, whether the rules were
 * compiled now or loaded from the compiled-rulebook cache.
 */
class ThrowingRuleLocationTest {

    /** The throwing rule is declared on line 5, column 3, after another rule of its file. */
    private static final String CONSEQUENCE = """
            package x;
            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.Report;
            rule "quiet" when TaskFact(id == "none") then end
              rule "no-message" when $t : TaskFact() then insert(Report.violation(kcontext, $t, null)); end
            """;

    /** No criticality tag: the interpreter cannot add 0 to an unset value (attack31's case), on line 6. */
    private static final String CONDITION = """
            package x;
            import dev.planning.rules.facts.TaskFact;
            import dev.planning.rules.facts.Report;
            rule "quiet" when TaskFact(id == "none") then end

            rule "unset-arithmetic" when $t : TaskFact(criticality + 0 < 1) then end
            """;

    @TempDir
    Path temp;

    private Rulebook rulebook(String drl) throws IOException {
        return TestRulebooks.withRules(Files.createDirectories(temp.resolve("workspace/rulebook")),
                Map.of("rules/a.drl", drl), Map.of());
    }

    private static RulebookCompiler compiler(CompiledRulebookCache cache) {
        RulebookCompiler compiler = new RulebookCompiler(ThrowingRuleLocationTest.class.getClassLoader());
        if (cache != null) {
            compiler.useDiskCache(cache);
        }
        return compiler;
    }

    private static InvalidInputException refusal(Rulebook rulebook, RulebookCompiler compiler) {
        Task task = Task.builder("FE-1", "Pay").owner("alice").build();
        return catchThrowableOfType(InvalidInputException.class,
                () -> new DroolsGovernanceEngine(rulebook, compiler.compile(rulebook)).evaluate(input(task)));
    }

    @Test
    void aConsequenceThatThrowsIsLocatedAtItsRuleLine() throws IOException {
        InvalidInputException e = refusal(rulebook(CONSEQUENCE), compiler(null));

        assertThat(e).hasMessageContaining("rule 'no-message' failed in its consequence");
        assertThat(e.location()).contains(new SourceLocation("rules/a.drl", 5, 3));
    }

    /** The refusal of a second compilation of {@code drl}, in a new process as it were, served from the disk cache. */
    private InvalidInputException refusalFromTheCache(String drl) throws IOException {
        Rulebook rulebook = rulebook(drl);
        refusal(rulebook, compiler(CompiledRulebookCache.at(temp.resolve("cache"))));
        CompiledRulebookCache second = CompiledRulebookCache.at(temp.resolve("cache"));
        InvalidInputException e = refusal(rulebook, compiler(second));
        assertThat(second.hits()).as("served from the cache").isEqualTo(1);
        return e;
    }

    @Test
    void aConsequenceThatThrowsIsLocatedAtItsRuleLineWhenTheRulesComeFromTheDiskCache() throws IOException {
        InvalidInputException e = refusalFromTheCache(CONSEQUENCE);

        assertThat(e.location()).contains(new SourceLocation("rules/a.drl", 5, 3));
    }

    @Test
    void aConditionThatThrowsIsLocatedAtItsRuleLine() throws IOException {
        InvalidInputException e = refusal(rulebook(CONDITION), compiler(null));

        assertThat(e).hasMessageContaining("condition failed while matching").hasMessageContaining("unset-arithmetic");
        assertThat(e.location()).contains(new SourceLocation("rules/a.drl", 6, 1));
    }

    @Test
    void aConditionThatThrowsIsLocatedAtItsRuleLineWhenTheRulesComeFromTheDiskCache() throws IOException {
        InvalidInputException e = refusalFromTheCache(CONDITION);

        assertThat(e.location()).contains(new SourceLocation("rules/a.drl", 6, 1));
    }

    @Test
    void aConditionSharedByTwoRulesIsNotPinnedOnEitherOfThem() throws IOException {
        // Drools shares the identical constraint between both rules and names both: no one line is the culprit's.
        InvalidInputException e = refusal(rulebook("""
                package x;
                import dev.planning.rules.facts.TaskFact;
                rule "first" when $t : TaskFact(criticality + 0 < 1) then end
                rule "second" when $t : TaskFact(criticality + 0 < 1) then end
                """), compiler(null));

        assertThat(e).hasMessageContaining("\"first\"").hasMessageContaining("\"second\"");
        assertThat(e.location()).isEmpty();
    }

    /**
     * review34: the declaration is the one the rule compiled from, found by Drools' parser, not by a search of
     * the text: a {@code rule "name"} in a comment or a string before it and CRLF line endings move it to no other
     * line.
     */
    @Test
    void aRuleNameInACommentOrAStringWithCrlfLineEndingsDoesNotMoveTheLocation() throws IOException {
        String drl = "package x;\r\n"
                + "import dev.planning.rules.facts.TaskFact;\r\n"
                + "import dev.planning.rules.facts.Report;\r\n"
                + "/* rule \"no-message\" when then end\r\n"
                + "   rule \"no-message\" */\r\n"
                + "rule \"quiet\" when TaskFact(id == \"rule \\\"no-message\\\"\") then end\r\n"
                + "// rule \"no-message\"\r\n"
                + "\r\n"
                + "    rule \"no-message\" when $t : TaskFact() then insert(Report.violation(kcontext, $t, null)); end\r\n";

        InvalidInputException e = refusal(rulebook(drl), compiler(null));

        assertThat(e).hasMessageContaining("rule 'no-message' failed in its consequence");
        assertThat(e.location()).contains(new SourceLocation("rules/a.drl", 9, 5));
    }
}
