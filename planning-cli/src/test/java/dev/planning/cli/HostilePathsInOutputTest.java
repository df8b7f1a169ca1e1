package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory name may hold a line feed and an escape sequence (and a bidirectional control, which
 * {@code PrintableTest} covers: under {@code LC_ALL=C}, as {@code .ci/run} runs, Java cannot make a
 * path holding one, so these paths keep to ASCII controls). Each
 * command that names a path the user gave, or one under it, prints it on one line with each such
 * character as its escape ({@code Printable.path}, or for a trust file's {@code file:line:col} the
 * path as given, escaped): never a line of its own such as a forged {@code ok: verified}.
 */
class HostilePathsInOutputTest {

    /** A line feed, then what could pass for a verdict, and an erase-line sequence. */
    static final String HOSTILE = "x\nok: verified\u001b[2K";
    static final String ESCAPED = "x\\u000Aok: verified\\u001B[2K";

    @TempDir
    Path dir;

    @Test
    void keysGenerateNamesEachFileItWroteOnItsOwnLine() throws Exception {
        Path out = dir.resolve(HOSTILE).resolve("keys");

        CliRun run = CycleScript.ok("keys", "generate", "--role", "PM", "--out", out.toString());

        assertThat(run.out()).hasLineCount(5).contains("  private key " + dir + "/" + ESCAPED + "/keys/PM.key.pem (keep");
        assertThat(Files.exists(out.resolve("PM.key.pem"))).isTrue();
        assertNoForgedLine(run);
    }

    @Test
    void keysGenerateWarnsOfAGitWorkTreeOnOneLine() throws Exception {
        Path ws = CycleScript.committedExample(dir);
        Path out = ws.resolve(HOSTILE);

        CliRun run = CycleScript.ok("keys", "generate", "--role", "PM", "--out", out.toString());

        assertThat(run.err()).hasLineCount(1).startsWith("warning: " + ws + "/" + ESCAPED + "/PM.key.pem lies in the git"
                + " work tree " + ws + ";");
        assertNoForgedLine(run);
    }

    @Test
    void reportSaysWhereItWroteOnOneLine() {
        Path html = dir.resolve(HOSTILE).resolve("site");

        CliRun run = CycleScript.ok("report", "-w", CliRun.example("fe-2025-09-02").toString(), "--html", html.toString());

        assertThat(run.out()).hasLineCount(1).startsWith("wrote " + dir + "/" + ESCAPED + "/site/index.html (");
        assertNoForgedLine(run);
    }

    @Test
    void attestSaysWhereItWroteOnOneLine() throws Exception {
        Path ws = packaged();
        Path out = dir.resolve(HOSTILE).resolve("statement.json");

        CliRun run = CycleScript.ok(CycleScript.cycle(ws, "attest", "--key", dir.resolve("keys/PM.key.pem").toString(),
                "--out", out.toString()));

        assertThat(run.out()).hasLineCount(1).startsWith("wrote " + dir + "/" + ESCAPED + "/statement.json (in-toto");
        assertThat(out).isRegularFile();
        assertNoForgedLine(run);
    }

    @Test
    void attestNamesAFileItCannotWriteOnOneLineWithTheReasonOnly() throws Exception {
        Path ws = packaged();
        Path blocker = Files.writeString(dir.resolve(HOSTILE), "a file where a directory should be");

        CliRun run = CliRun.of(CycleScript.cycle(ws, "attest", "--key", dir.resolve("keys/PM.key.pem").toString(),
                "--out", blocker.resolve("statement.json").toString()));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo("error: " + dir + "/" + ESCAPED
                + "/statement.json: cannot write the file (" + dir + "/" + ESCAPED + " is not a directory)\n");
        assertNoForgedLine(run);
    }

    @Test
    void signNamesAManifestOutsideAnyWorkspaceOnOneLine() throws Exception {
        Path ws = packaged();
        Path manifest = Files.createDirectories(dir.resolve(HOSTILE)).resolve("manifest.yaml");
        Files.copy(ws.resolve("frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml"), manifest);

        CliRun run = CliRun.of("sign", manifest.toString(), "--role", "PM", "--key",
                dir.resolve("keys/PM.key.pem").toString(), "--trust", dir.resolve("keys/trust.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).hasLineCount(1).startsWith("error: cannot tell which workspace " + dir + "/" + ESCAPED
                + "/manifest.yaml belongs to");
        assertNoForgedLine(run);
    }

    @Test
    void aTrustFilesContentErrorKeepsItsLocationOnOneLine() throws Exception {
        Path trust = Files.writeString(Files.createDirectories(dir.resolve(HOSTILE)).resolve("trust.yaml"),
                "roles:\n  PM: 3\n");

        CliRun run = CliRun.of("report", "-w", CliRun.example("fe-2025-09-02").toString(), "--html",
                dir.resolve("site").toString(), "--trust", trust.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("error: " + dir + "/" + ESCAPED + "/trust.yaml:").contains("invalid trust file");
        assertNoForgedLine(run);
    }

    @Test
    void storeNamesAWorkspaceThatIsNotADirectoryOnOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve(HOSTILE), "not a workspace");

        CliRun run = CliRun.of("store", "portfolio", "-w", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).hasLineCount(1).startsWith("error: no store configured and workspace " + dir + "/"
                + ESCAPED + " is not a directory");
        assertNoForgedLine(run);
    }

    @Test
    void initNamesAWorkspaceItCannotCreateOnOneLine() throws Exception {
        Path blocker = Files.writeString(dir.resolve(HOSTILE), "a file where a directory should be");

        CliRun run = CliRun.of("init", "-w", blocker.resolve("ws").toString(), "--stream", "web", "--cycle", "2026-01-05");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).hasLineCount(1).startsWith("error: cannot create workspace " + dir + "/" + ESCAPED + "/ws: ");
        assertNoForgedLine(run);
    }

    @Test
    void rulesCacheNamesItsDirectoryOnOneLine() throws Exception {
        Path cache = Files.createDirectories(dir.resolve(HOSTILE).resolve("cache"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = RulesCommand.Cache.run(Map.of("PLANNING_CACHE_DIR", cache.toString()), false,
                new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("directory " + dir + "/" + ESCAPED + "/cache\n").hasLineCount(3);
        assertNoForgedLine(new CliRun(code, out.toString(), err.toString()));
    }

    /** A committed example taken to PACKAGED (its manifest sealed), with a PM key in {@code dir/keys}. */
    private Path packaged() throws Exception {
        Path ws = CycleScript.committedExample(dir);
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "PACKAGED"));
        CycleScript.ok("keys", "generate", "--role", "PM", "--out", dir.resolve("keys").toString());
        return ws;
    }

    /** No line of the run's output starts with {@code ok:} or holds an escape or U+202E. */
    static void assertNoForgedLine(CliRun run) {
        assertThat((run.out() + run.err()).lines()).noneMatch(line -> line.startsWith("ok:"))
                .noneMatch(line -> line.contains("\u001b") || line.contains("\u202e"));
    }
}
