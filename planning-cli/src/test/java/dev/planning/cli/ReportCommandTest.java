package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesTheSiteAndReportsItAsJson() {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        CliRun advance = CliRun.of("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02", "--to",
                "READY_FOR_HANDOFF");
        assertThat(advance.exitCode()).as(advance.out() + advance.err()).isZero();
        CliRun run = CliRun.of("report", "-w", ws.toString(), "--html", dir.resolve("site").toString(),
                "--as-of", "2025-09-02", "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"cycles\" : 1", "index.html");
        assertThat(dir.resolve("site/index.html")).exists();
        assertThat(dir.resolve("site/cycles/fe_2025-09-02.html")).exists();
    }

    @Test
    void refusesADirectoryThatIsNotAnEarlierReportWithExitCode2() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep");
        CliRun run = CliRun.of("report", "-w", ws.toString(), "--html", mine.toString(), "--as-of", "2025-09-02");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("not an earlier report");
        assertThat(run.printedStackTrace()).isFalse();
        assertThat(mine.resolve("notes.txt")).hasContent("keep");
    }

    @Test
    void aDateThatIsNotADateIsBadInput() {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        CliRun run = CliRun.of("report", "-w", ws.toString(), "--html", dir.resolve("site").toString(),
                "--as-of", "yesterday");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--as-of");
    }

    @Test
    void aDateOutOfRangeIsRefusedInTheUsersTermsWithoutJavaClassNames() {
        CliRun run = CliRun.of("report", "--html", dir.resolve("site").toString(), "--as-of", "2025-13-01");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("invalid value for option '--as-of': '2025-13-01' is not a date YYYY-MM-DD")
                .doesNotContain("java.time").doesNotContain("Exception");
        assertThat(dir.resolve("site")).doesNotExist();
    }
}
