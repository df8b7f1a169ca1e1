package dev.planning.cli.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.MainInChildJvm;
import dev.planning.engine.fixtures.RuleTestCases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cli39: the command line's standard output and standard error as a CI job's log holds them, one pipe
 * ({@code 2>&1}), through {@code PlanningCommand.main} in a JVM of its own, as the launcher runs it: a plan's, a file's
 * or a rule test's name that begins a line, after a line of the other stream, writes no command a runner reads
 * ({@code ##[...]}, {@code ##vso[...]} anywhere in a line, {@code ::...::} where a line begins). {@code ShownWriterTest}
 * shows the writers' part; this, that {@code main} writes both streams through them.
 */
@Tag("slow")
@Tag("attack")
@Tag("subprocess")
class OnePipeAttackTest {

    /** A runner's command anywhere in a line: {@code ##}, ASCII letters, {@code [}. */
    private static final Pattern COMMAND = Pattern.compile("##[A-Za-z]*\\[");

    /** GitHub Actions' {@code ::command::}, after the blanks a line begins with (.NET's white space). */
    private static final Pattern LINE_COMMAND = Pattern.compile("^[\\p{javaWhitespace}\\p{Zs}]*::", Pattern.MULTILINE);

    @TempDir
    Path dir;

    /** Runs {@code main} in a child JVM with standard output and standard error one pipe; returns what it held. */
    private String inOnePipe(String... args) {
        return MainInChildJvm.run(dir, Map.of(), args).out();
    }

    private static void assertNoRunnersCommand(String log) {
        assertThat(COMMAND.matcher(log).find()).as(log).isFalse();
        assertThat(LINE_COMMAND.matcher(log).find()).as(log).isFalse();
    }

    @Test
    void aPlansTextQuotedByLintWritesNoRunnersCommandIntoTheMergedLog() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir.resolve("ws"));
        ws.addTask("FE-404\\n::error file=x::parent", "Hostile", "alice", "##[add-mask]lint failed",
                "##vso[task.prependpath]frameworks/planning-fe/bin");

        String log = inOnePipe("lint", "-w", ws.root().toString());

        assertThat(log).contains("error file=x::parent", "add-mask]lint failed");
        assertNoRunnersCommand(log);
    }

    @Test
    void fileNamesAUserErrorQuotesWriteNoRunnersCommandIntoTheMergedLog() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir.resolve("ws"));
        // Committed beside the reports a job imports with `planning import ... reports/*`.
        Path reports = Files.createDirectories(ws.root().resolve("reports"));
        Files.writeString(reports.resolve("::error::pwned.json"), "{}");
        Files.writeString(reports.resolve("##[add-mask]verdict.json"), "{}");

        String log = inOnePipe(ws.cycleArgs("import", reports.resolve("::error::pwned.json").toString(),
                reports.resolve("##[add-mask]verdict.json").toString()));

        assertThat(log).contains("pwned.json");
        assertNoRunnersCommand(log);
    }

    @Test
    void aRuleTestsNameWritesNoRunnersCommandIntoTheMergedLog() throws Exception {
        AttackWorkspace ws = AttackWorkspace.planned(dir.resolve("ws"));
        ws.edit("rulebook/tests/compliance.yaml",
                tests -> tests + RuleTestCases.failing("forged\\n::error::pwned\\n##[add-mask]x"));

        String log = inOnePipe("rules", "test", ws.root().resolve("rulebook").toString());

        assertThat(log).contains("error::pwned");
        assertNoRunnersCommand(log);
    }
}
