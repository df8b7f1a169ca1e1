package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.rules.internal.defaults.DefaultRulebook;
import dev.planning.testkit.workspace.WorkspaceCopies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code planning rules test} names every mistake of the rule test files under the rulebook directory as
 * given. It renamed the lines of a message listing several by finding the rulebook's file names in the
 * message's text: a case's name quoting such a place was rewritten, and a file the list did not know (a
 * case's workspace fixture) kept a name relative to the test file's directory. The mistakes are now kept
 * as data and renamed there (diff21). The name's line break is shown as {@code \u005cu000A}: it printed a
 * line of its own that read as another located mistake (errors23).
 */
class RuleTestErrorsRenamedTest {

    private static final Path EXAMPLES = Path.of("..", "planning-examples", "workspaces").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private Path rulebook;

    @BeforeEach
    void copyDefaultRulebook() {
        rulebook = dir.resolve("rulebook");
        DefaultRulebook.copyTo(rulebook);
    }

    @Test
    void aCaseNameThatQuotesAPlaceIsQuotedAsWrittenWhileEachListedLineIsRenamed() throws IOException {
        String twin = "name: \"t\\n  tests/zz.yaml:1:1: made up\"\ngiven: {tasks: []}\nexpect: {violations: []}\n";
        Files.writeString(rulebook.resolve("tests/zz.yaml"), twin + "---\n" + twin
                + "---\nname: bad\ngiven: {tasks: [], nope: 1}\nexpect: {violations: []}\n");

        CliRun run = CliRun.of("rules", "test", rulebook.toString());

        String file = rulebook.resolve("tests/zz.yaml").toString();
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: " + file + ":5:7: invalid rule tests: 2 errors:\n  " + file + ":5:7: a"
                + " second case is named 't\\u000A  tests/zz.yaml:1:1: made up' (the first is at line 1);")
                .contains("\n  " + file + ":10:26: unknown field `given.nope`");
    }

    @Test
    void everyTestFilesMistakesAreNamedUnderTheRulebookDirectory() throws IOException {
        Files.writeString(rulebook.resolve("tests/a.yaml"), "name: a\ngiven: {tasks: [], nope: 1}\nexpect: {}\n---\n"
                + "name: b\ngiven: {tasks: [], nope: 2}\nexpect: {}\n");
        Files.writeString(rulebook.resolve("tests/b.yaml"), "name: c\ngiven: {tasks: [], nope: 3}\nexpect: {}\n");

        CliRun run = CliRun.of("rules", "test", rulebook.toString());

        String a = rulebook.resolve("tests/a.yaml").toString();
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().lines().toList()).as(run.err()).containsExactly(
                "error: " + a + ":2:26: invalid rule tests: 2 errors:",
                "  " + a + ":2:26: unknown field `given.nope` (allowed: stream, cycle, today, workspace, tasks,"
                        + " other_streams, waivers, gate_results)",
                "  " + a + ":6:26: unknown field `given.nope` (allowed: stream, cycle, today, workspace, tasks,"
                        + " other_streams, waivers, gate_results)",
                rulebook.resolve("tests/b.yaml") + ":2:26: unknown field `given.nope` (allowed: stream, cycle, today,"
                        + " workspace, tasks, other_streams, waivers, gate_results)");
    }

    /** A case's workspace fixture: its file is named where it is, under the tests directory, in every line. */
    @Test
    void aMistakeOfACasesWorkspaceNamesTheFileWhereItIs() throws IOException {
        Path fixture = WorkspaceCopies.copy(EXAMPLES.resolve("fe-2025-09-02"), rulebook.resolve("tests/fx"));
        Path plan = fixture.resolve("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml");
        Files.writeString(plan, Files.readString(plan).replaceFirst("title:", "titel:"));
        Files.writeString(rulebook.resolve("tests/zz.yaml"), "name: bad\ngiven: {tasks: [], nope: 1}\nexpect: {}\n"
                + "---\nname: fixture\ngiven: {stream: fe, cycle: 2025-09-02, workspace: fx}\nexpect: {}\n");

        CliRun run = CliRun.of("rules", "test", rulebook.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("\n  " + plan + ":").contains("unknown field `titel`")
                .doesNotContain(rulebook.resolve("fx").toString());
    }
}
