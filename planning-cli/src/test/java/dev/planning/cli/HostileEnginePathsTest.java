package dev.planning.cli;

import static dev.planning.cli.HostilePathsInOutputTest.ESCAPED;
import static dev.planning.cli.HostilePathsInOutputTest.HOSTILE;
import static dev.planning.cli.HostilePathsInOutputTest.assertNoForgedLine;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's own messages that name a path reach the command line's {@code error:} line
 * ({@code PlanningException.describe()}): the location and each path in the message are shown on one
 * line, a line feed or an escape sequence in a directory's name as its escape, never a line of its
 * own such as a forged {@code ok: verified}. A sibling of {@link HostilePathsInOutputTest}, which
 * covers the paths the command line prints itself (and says why these paths keep to ASCII controls).
 */
class HostileEnginePathsTest {

    @TempDir
    Path dir;

    @Test
    void rulesHashNamesALinkInTheRulebookOnOneLine() throws Exception {
        Path rulebook = Files.createDirectories(dir.resolve("rulebook"));
        Files.createSymbolicLink(rulebook.resolve(HOSTILE), dir);

        CliRun run = CliRun.of("rules", "hash", rulebook.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo("error: rulebook contains a symbolic link, which is not allowed: ./" + ESCAPED
                + "\n");
        assertNoForgedLine(run);
    }

    @Test
    void rulesHashLocatesADirectoryNestedTooDeepOnOneLine() throws Exception {
        Path rulebook = Files.createDirectories(dir.resolve(HOSTILE).resolve("rulebook"));
        Files.createDirectories(rulebook.resolve("d/".repeat(16)));

        CliRun run = CliRun.of("rules", "hash", rulebook.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).hasLineCount(1).startsWith("error: " + dir + "/" + ESCAPED + "/rulebook/d/")
                .contains(": rulebook nests directories more than 16 levels deep at ./d/");
        assertNoForgedLine(run);
    }

    @Test
    void advanceNamesALockFileThatIsNotARegularFileOnOneLine() throws Exception {
        Path ws = CycleScript.committedExample(Files.createDirectories(dir.resolve(HOSTILE)));
        Files.createDirectories(ws.resolve("frameworks/planning-fe/events/2025-09-02.events.jsonl.lock"));

        CliRun run = CliRun.of(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).hasLineCount(1).contains("the lock file " + dir + "/" + ESCAPED
                + "/").contains(".events.jsonl.lock is not a regular file; locks never follow links");
        assertNoForgedLine(run);
    }
}
