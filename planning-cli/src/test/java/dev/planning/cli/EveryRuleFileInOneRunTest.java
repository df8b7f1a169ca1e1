package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * errors19: the compiler's checks before Drools compiles a file (a {@code matches} pattern RE2 cannot
 * take, a file nested too deeply to parse, a rule whose ors multiply past the operator's bound, a rule
 * name used twice) stopped at the first bad file. Through {@code planning lint} and {@code planning
 * rules test}, two bad files now give one run, exit 2, both files named at their line and column, each
 * mistake once, no stack trace. Isolated: two cases set the policy mode or the rule bound as system
 * properties, which the in-process command line reads.
 */
@Isolated
class EveryRuleFileInOneRunTest {

    private static final String HEAD = "package governance;\n\nimport dev.planning.rules.facts.TaskFact;\n"
            + "import dev.planning.rules.facts.Report;\n\n";

    @TempDir
    Path temp;

    private Path workspace;

    @BeforeEach
    void copyTheExample() {
        workspace = CliRun.copyOf("fe-2025-09-02", temp.resolve("ws"));
    }

    @AfterEach
    void clear() {
        System.clearProperty("planning.rules.mode");
        System.clearProperty("planning.rules.maxRules");
    }

    private static String rule(String name, String condition) {
        return "rule \"" + name + "\"\n    @severity(LOW)\nwhen\n    " + condition + "\nthen\n"
                + "    insert(Report.violation(kcontext, $t, \"m\"));\nend\n";
    }

    private void write(String file, String drl) throws IOException {
        Files.writeString(workspace.resolve("rulebook/rules/" + file), drl, StandardCharsets.UTF_8);
    }

    /** The refusal of both commands: exit 2, the first mistake on the error line, the other on a line of its own. */
    private List<String> refusedByLintAndRulesTest(String first, String second) {
        CliRun lint = CliRun.of("lint", "-w", workspace.toString());
        CliRun tests = CliRun.of("rules", "test", workspace.resolve("rulebook").toString());
        String shown = workspace.resolve("rulebook").toString() + "/";
        for (CliRun run : List.of(lint, tests)) {
            String prefix = run == lint ? "rulebook/" : shown;
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
            assertThat(run.printedStackTrace()).isFalse();
            List<String> lines = run.err().lines().toList();
            assertThat(lines).as(run.err()).hasSize(2);
            assertThat(lines.get(0)).startsWith("error: " + prefix + first + ": ");
            assertThat(lines.get(1)).startsWith(prefix + second + ": ");
        }
        return lint.err().lines().toList();
    }

    @Test
    void everyMatchesPatternRe2CannotTakeInEveryFile() throws IOException {
        write("aa.drl", HEAD + rule("aa", "$t : TaskFact(owner matches \"(a\")"));
        write("zz.drl", HEAD + rule("zz", "$t : TaskFact(title matches \"[z\")"));

        List<String> lint = refusedByLintAndRulesTest("rules/aa.drl:9:19", "rules/zz.drl:9:19");

        assertThat(lint.get(0)).contains("matches \"(a\": pattern is not RE2 syntax");
        assertThat(lint.get(1)).contains("matches \"[z\": pattern is not RE2 syntax");
    }

    @Test
    void everyFileTooDeeplyNestedToParseWithThePolicyCheckOff() throws IOException {
        System.setProperty("planning.rules.mode", "trusted");
        String deep = "(".repeat(20_000) + "1" + ")".repeat(20_000);
        write("aa.drl", HEAD + rule("aa", "$t : TaskFact(criticality == " + deep + ")"));
        write("zz.drl", HEAD + rule("zz", "$t : TaskFact(criticality == " + deep + ")"));

        List<String> lint = refusedByLintAndRulesTest("rules/aa.drl:9:20033", "rules/zz.drl:9:20033");

        assertThat(lint.get(1)).endsWith("rule file is nested too deeply to parse (brackets 20001 levels deep here);"
                + " expected conditions a few levels deep");
    }

    @Test
    void everyRuleWhoseOrsPassTheOperatorsBound() throws IOException {
        System.setProperty("planning.rules.maxRules", "30");
        StringBuilder ors = new StringBuilder("$t : TaskFact()");
        for (int i = 0; i < 5; i++) {
            ors.append(" and (TaskFact(owner == \"a").append(i).append("\") or TaskFact(owner == \"b").append(i)
                    .append("\"))");
        }
        write("aa.drl", HEAD + rule("aa", ors.toString()));
        write("zz.drl", HEAD + rule("zz", ors.toString()));

        List<String> lint = refusedByLintAndRulesTest("rules/aa.drl:6:1", "rules/zz.drl:6:1");

        assertThat(lint.get(0)).contains("rule 'aa' expands to 32 alternatives");
        assertThat(lint.get(1)).contains("rule 'zz' expands to 32 alternatives").contains("bound of 30");
    }

    @Test
    void everyRuleNameUsedAgainNamingBothPlacesAlike() throws IOException {
        String condition = "$t : TaskFact(owner == \"x\")";
        write("ab.drl", HEAD + rule("x", condition) + rule("y", condition));
        write("ac.drl", HEAD + rule("x", condition));
        write("zz.drl", HEAD + rule("y", condition));

        List<String> lint = refusedByLintAndRulesTest("rules/ac.drl:6:1", "rules/zz.drl:6:1");

        assertThat(lint.get(0)).contains("rule 'x' is declared again (first at rulebook/rules/ab.drl:6:1, both paths"
                + " relative to the workspace)");
        assertThat(lint.get(1)).isEqualTo("rulebook/rules/zz.drl:6:1: rule 'y' is declared again (first at"
                + " rulebook/rules/ab.drl:13:1, both paths relative to the workspace): a waiver names a rule by its name"
                + " alone, so one waiver would waive both; give each rule of the rulebook a name of its own");
        String shown = workspace.resolve("rulebook").toString();
        assertThat(CliRun.of("rules", "test", shown).err()).contains("(first at " + shown + "/rules/ab.drl:13:1,"
                + " both paths absolute)");
    }

    @Test
    void aRuleNameUsedAgainInARulebookGivenRelativeIsNamedRelativeToTheWorkingDirectory() throws IOException {
        String condition = "$t : TaskFact(owner == \"x\")";
        write("ab.drl", HEAD + rule("x", condition));
        write("zz.drl", HEAD + rule("x", condition));
        Path relative = Path.of("").toAbsolutePath().relativize(workspace.resolve("rulebook"));

        CliRun run = CliRun.of("rules", "test", relative.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: " + relative + "/rules/zz.drl:6:1: ")
                .contains("(first at " + relative + "/rules/ab.drl:6:1, both paths relative to the working directory)");
    }

    /**
     * errors20: the first declaration was renamed by finding {@code (first at FILE...)} in the message's text,
     * so a rule whose name quotes such a place had its name rewritten in the message too. It is now renamed
     * on the mistake's second location, and the name is quoted as written.
     */
    @Test
    void aRuleNameThatQuotesAPlaceIsQuotedAsWrittenWhileTheFirstDeclarationIsRenamed() throws IOException {
        String name = "x (first at rules/ab.drl:6:1, both paths relative to the rulebook directory)";
        String condition = "$t : TaskFact(owner == \"x\")";
        write("ab.drl", HEAD + rule(name, condition));
        write("zz.drl", HEAD + rule(name, condition));

        CliRun lint = CliRun.of("lint", "-w", workspace.toString());

        assertThat(lint.exitCode()).as(lint.out() + lint.err()).isEqualTo(2);
        assertThat(lint.printedStackTrace()).isFalse();
        assertThat(lint.err().lines().toList()).as(lint.err()).containsExactly("error: rulebook/rules/zz.drl:6:1: the rulebook's policies"
                + " do not compile: rule '"
                + name + "' is declared again (first at rulebook/rules/ab.drl:6:1, both paths relative to the"
                + " workspace): a waiver names a rule by its name alone, so one waiver would waive both; give each rule"
                + " of the rulebook a name of its own");
    }
}
