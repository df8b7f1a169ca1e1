package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.fixtures.FaultyFileSystemProvider;
import dev.planning.testkit.process.ChildProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fail35: a read the disk fails (it answers {@code EIO}) ends {@code lint}, {@code advance} (its gates),
 * {@code import}, {@code verify} and {@code report} as the system's failure: one {@code error:} line naming the path
 * and the file system's reason, exit 3 (no verdict), no stack trace, and nothing recorded as the workspace's (no
 * finding, no failed gate, no discrepancy, no event). No test can make a real disk fail: the CLI runs in a child JVM
 * whose default file system is {@link FaultyFileSystemProvider}, in which the path chosen answers {@code EIO} to the
 * ordinary {@code Files} calls, as the platform does when the disk does; as any user, root included.
 */
class DiskFailureTest {

    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");
    private static final WorkspaceLayout LAYOUT = WorkspaceLayout.DEFAULT;

    @TempDir
    Path dir;

    /** Runs the CLI in a child JVM in which {@code failing} (and whatever is under it) answers {@code EIO}. */
    private static CliRun onAFailingDisk(Path failing, String... args) {
        return CliRun.inChild(ChildProcesses.java(FaultyFileSystemProvider.DEFAULT_PROVIDER_OPTION,
                "-D" + FaultyFileSystemProvider.PROPERTY + "=" + failing, "-cp", System.getProperty("java.class.path"),
                PlanningCommand.class.getName()), Map.of(), args);
    }

    private static void assertTheSystemsFailure(CliRun run, String path) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.err().lines()).as(run.err()).singleElement().asString().startsWith("error: ")
                .contains(path, "(Input/output error)", "the system failed, not the input")
                .doesNotContain("make it readable", "internal error");
    }

    /** {@code relative} under {@code base}, links resolved: the path the system resolves (it need not exist). */
    private static Path real(Path base, String relative) throws IOException {
        return base.toRealPath().resolve(relative);
    }

    @Test
    void theRunsOwnFileSystemAnswersAsTheDefaultOneWhereNothingFails() {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));

        CliRun run = onAFailingDisk(dir.resolve("elsewhere"), "lint", "-w", ws.toString());

        CliRun plain = CliRun.inChildJvm(Map.of(), "lint", "-w", ws.toString());
        assertThat(run).as(run.out() + run.err()).isEqualTo(plain);
    }

    /** Before review34, lint reported the directory it could not list as a finding about the workspace (exit 1). */
    @Test
    void lintMeetingAPlanDirectoryTheDiskFailsEndsWithExitThreeAndNoFinding() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path tasks = real(ws, "frameworks/planning-fe/tasks");

        CliRun run = onAFailingDisk(tasks, "lint", "-w", ws.toString());

        assertTheSystemsFailure(run, "frameworks/planning-fe/tasks");
        assertThat(run.out()).doesNotContain("FILE_UNREADABLE");
    }

    @Test
    void anAdvanceWhosePlanTheDiskFailsToReadRecordsNothing() throws Exception {
        Path ws = CycleScript.committedExample(dir);
        Path log = ws.resolve(LAYOUT.eventLog(FE));
        byte[] before = Files.exists(log) ? Files.readAllBytes(log) : null;
        Path tasks = real(ws, "frameworks/planning-fe/tasks");

        CliRun run = onAFailingDisk(tasks, CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));

        assertTheSystemsFailure(run, "frameworks/planning-fe/tasks");
        assertThat(Files.exists(log) ? Files.readAllBytes(log) : null).isEqualTo(before);
    }

    /** An import of a report that fails on the disk ({@code importing}, given the workspace) records nothing. */
    private void assertAnImportRecordsNothing(String shown, Importing importing) throws Exception {
        Path ws = CycleScript.committedExample(dir);
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
        Path log = ws.resolve(LAYOUT.eventLog(FE));
        byte[] before = Files.readAllBytes(log);

        CliRun run = importing.run(ws);

        assertTheSystemsFailure(run, shown);
        assertThat(Files.readAllBytes(log)).isEqualTo(before);
    }

    /** The run of an import, given the workspace. */
    @FunctionalInterface
    private interface Importing {
        CliRun run(Path ws) throws IOException;
    }

    @Test
    void anImportOfAReportTheDiskFailsToExamineRecordsNothing() throws Exception {
        Path report = Files.writeString(dir.resolve("TEST-report.xml"), "<testsuite name=\"t\" tests=\"0\"/>\n");

        assertAnImportRecordsNothing("TEST-report.xml", ws -> onAFailingDisk(real(dir, "TEST-report.xml"),
                CycleScript.cycle(ws, "import", report.toString())));
    }

    /**
     * A report whose bytes the disk fails to read ({@code EIO}, made for real: {@code /proc/self/mem}, whose first
     * page no process maps). Failed before: {@code cannot read the file}, the report's mistake (exit 2).
     */
    @Test
    void anImportOfAReportWhoseBytesTheDiskFailsToReadRecordsNothing() throws Exception {
        assertAnImportRecordsNothing("/proc/self/mem", ws -> CliRun.of(CycleScript.cycle(ws, "import", "/proc/self/mem")));
    }

    @Test
    void verifyMeetingAnEventLogTheDiskFailsEndsWithExitThreeAndNoDiscrepancy() throws Exception {
        Path ws = CycleScript.validatedExample(dir.resolve("sealed"));
        Path log = real(ws, LAYOUT.eventLog(FE));

        CliRun run = onAFailingDisk(log, CycleScript.cycle(ws, "verify", "--trust",
                dir.resolve("sealed/keys/trust.yaml").toString()));

        assertTheSystemsFailure(run, LAYOUT.eventLog(FE));
        assertThat(run.out()).doesNotContain("discrepanc");
    }

    /**
     * fail36: {@code verify} recomputing the sealed verdicts pins the sealed inputs in a temporary directory; one the
     * disk fails made an {@code UncheckedIOException}, which the report showed on the cycle's page as the manifest's
     * problem ("cannot be verified"), exit 0. Now no page is made: the system's failure, exit 3.
     */
    @Test
    void aReportWhoseVerificationTheTemporaryDirectoryFailsMakesNoPage() throws Exception {
        Path ws = CycleScript.validatedExample(dir.resolve("sealed"));
        Path temporary = Files.createDirectories(dir.resolve("tmp"));
        Path site = dir.resolve("site");

        CliRun run = CliRun.inChild(ChildProcesses.java(FaultyFileSystemProvider.DEFAULT_PROVIDER_OPTION,
                "-D" + FaultyFileSystemProvider.PROPERTY + "=" + temporary.toRealPath(),
                "-Djava.io.tmpdir=" + temporary, "-cp", System.getProperty("java.class.path"),
                PlanningCommand.class.getName()), Map.of(), "report", "-w", ws.toString(), "--html", site.toString(),
                "--trust", dir.resolve("sealed/keys/trust.yaml").toString());

        assertTheSystemsFailure(run, "cannot write the sealed inputs to recompute the verdicts");
        assertThat(site).doesNotExist();
    }

    /**
     * verify recomputing the verdicts over sealed inputs written to a temporary directory the disk fails: was an
     * {@code UncheckedIOException}, the CLI's "internal error ... please report it".
     */
    @Test
    void verifyWhoseTemporaryDirectoryTheDiskFailsIsTheSystemsFailure() throws Exception {
        Path ws = CycleScript.validatedExample(dir.resolve("sealed"));
        Path temporary = Files.createDirectories(dir.resolve("tmp"));

        CliRun run = CliRun.inChild(ChildProcesses.java(FaultyFileSystemProvider.DEFAULT_PROVIDER_OPTION,
                "-D" + FaultyFileSystemProvider.PROPERTY + "=" + temporary.toRealPath(),
                "-Djava.io.tmpdir=" + temporary, "-cp", System.getProperty("java.class.path"),
                PlanningCommand.class.getName()), Map.of(), CycleScript.cycle(ws, "verify", "--trust",
                dir.resolve("sealed/keys/trust.yaml").toString()));

        assertTheSystemsFailure(run, "cannot write the sealed inputs to recompute the verdicts");
        assertThat(run.out()).doesNotContain("discrepanc");
    }

    /** The same read the user's mistake fails (gate evidence that is not JSON) is still a problem shown on the page. */
    @Test
    void aReportStillShowsTheUsersMistakeOnThePage() throws Exception {
        Path ws = CycleScript.validatedExample(dir.resolve("sealed"));
        Path evidence;
        try (Stream<Path> files = Files.walk(ws.resolve("frameworks/planning-fe/evidence"))) {
            evidence = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().findFirst()
                    .orElseThrow();
        }
        Files.writeString(evidence, "not json");
        Path site = dir.resolve("site");

        CliRun run = onAFailingDisk(dir.resolve("elsewhere"), "report", "-w", ws.toString(), "--html", site.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(Files.readString(site.resolve("cycles/fe_2025-09-02.html"))).contains("cannot be read");
    }

    /** Failed before: the page was made, the digest shown as one that "cannot be read" (exit 0). */
    @Test
    void aReportMeetingADigestTheDiskFailsMakesNoPage() throws Exception {
        Path ws = CycleScript.validatedExample(dir.resolve("sealed"));
        Path site = dir.resolve("site");

        CliRun run = onAFailingDisk(real(ws, LAYOUT.digest(FE)), "report", "-w", ws.toString(), "--html",
                site.toString(), "--trust", dir.resolve("sealed/keys/trust.yaml").toString());

        assertTheSystemsFailure(run, LAYOUT.digest(FE));
    }

    /** Failed before: an {@code UncheckedIOException}, the CLI's "internal error ... please report it" (exit 3 by luck). */
    @Test
    void aReportWhoseDirectoryTheDiskFailsToWriteIsTheSystemsFailure() throws Exception {
        Path ws = CycleScript.validatedExample(dir.resolve("sealed"));
        Path out = dir.resolve("out");

        CliRun run = onAFailingDisk(out, "report", "-w", ws.toString(), "--html", out.resolve("site").toString(),
                "--trust", dir.resolve("sealed/keys/trust.yaml").toString());

        assertTheSystemsFailure(run, out.resolve("site").toString());
        assertThat(out).doesNotExist();
    }
}
