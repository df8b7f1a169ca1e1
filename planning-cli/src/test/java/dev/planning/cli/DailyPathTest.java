package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.testkit.process.ChildProcesses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The steps of a team's day that used to trip people: each mistake gets one clear answer. */
@Tag("slow")
@Tag("daily-path")
@Tag("subprocess")
class DailyPathTest {

    @TempDir
    Path dir;

    @Test
    void gateOnACycleThatWasNeverCreatedSaysNoSuchCycle() {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));

        CliRun run = CliRun.of("gate", "-w", ws.toString(), "--stream", "fe", "--cycle", "2031-01-01", "--to",
                "READY_FOR_HANDOFF");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no such cycle fe/2031-01-01").hasLineCount(1);
        assertThat(run.out()).doesNotContain("FAIL");
    }

    @Test
    void advanceToPackagedAcceptsAllowDirtyAndPrintsTheManifestItWrote() throws Exception {
        Path ws = CycleScript.committedExample(dir);
        Path tasks = ws.resolve("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml");
        Files.writeString(tasks, Files.readString(tasks, StandardCharsets.UTF_8) + "# uncommitted\n",
                StandardCharsets.UTF_8);
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));

        CliRun refused = CliRun.of(CycleScript.cycle(ws, "advance", "--to", "PACKAGED"));
        CliRun sealed = CliRun.of(CycleScript.cycle(ws, "advance", "--to", "PACKAGED", "--allow-dirty"));

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--allow-dirty");
        assertThat(sealed.exitCode()).as(sealed.out() + sealed.err()).isZero();
        assertThat(sealed.out()).contains("READY_FOR_HANDOFF -> PACKAGED accepted")
                .contains("sealed frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml (manifest_id ")
                .contains(", dirty)");
    }

    @Test
    void demoRemovesOnlyWhatItWrote() throws Exception {
        Path out = dir.resolve("demo");
        CliRun.of("demo", "--out", out.toString());
        Files.writeString(out.resolve("notes.txt"), "mine", StandardCharsets.UTF_8);
        Files.writeString(out.resolve("workspace/mine.txt"), "mine too", StandardCharsets.UTF_8);

        CliRun refused = CliRun.of("demo", "--out", out.toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("mine.txt was not written by the demo");
        assertThat(out.resolve("workspace/mine.txt")).hasContent("mine too");
        assertThat(out.resolve("workspace/frameworks/planning-fe/digests/2025-09-16-digest.md")).exists();

        Files.delete(out.resolve("workspace/mine.txt"));
        CliRun again = CliRun.of("demo", "--out", out.toString());

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(out.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void demoPrintsTheKpisInAlignedColumns() {
        CliRun run = CliRun.of("demo", "--out", dir.resolve("demo").toString());

        List<String> lines = run.out().lines().dropWhile(l -> !l.startsWith("KPIs of")).skip(1)
                .takeWhile(l -> !l.isBlank()).toList();
        assertThat(lines).hasSizeGreaterThan(20);
        assertThat(lines.stream().map(l -> l.indexOf('[')).distinct()).hasSize(1);
    }

    @Test
    void printsUtf8UnderThePosixLocale() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path tasks = ws.resolve("frameworks/planning-fe/tasks/2025-09-02-fe_task_breakdown.yaml");
        String plan = Files.readString(tasks, StandardCharsets.UTF_8);
        Files.writeString(tasks, plan.replaceFirst("effort: \\d+", "effort: \"fünf → 5\""), StandardCharsets.UTF_8);
                ProcessBuilder cli = new ProcessBuilder(ChildProcesses.javaLauncher(), ChildProcesses.temporaryDirectoryOption(), "-cp", System.getProperty("java.class.path"),
                PlanningCommand.class.getName(), "lint", "-w", ws.toString()).redirectErrorStream(true);
        cli.environment().put("LC_ALL", "C");
        cli.environment().put("LANG", "C");
        cli.environment().remove("JAVA_TOOL_OPTIONS");

        Process process = cli.start();
        byte[] out = process.getInputStream().readAllBytes();

        assertThat(process.waitFor()).isEqualTo(1);
        assertThat(new String(out, StandardCharsets.UTF_8)).contains("fünf → 5");
    }
}
