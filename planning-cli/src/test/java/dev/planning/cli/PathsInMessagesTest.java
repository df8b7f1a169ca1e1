package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trust file or {@code --html} directory given relative is named in a message as given, then where
 * it resolved, as a workspace or rulebook directory is ({@code SafePaths.shown}): {@code nope.yaml
 * (/home/me/nope.yaml)}; one given absolute as it is. The tests run in planning-cli, so a relative
 * path resolves there.
 */
class PathsInMessagesTest {

    private static final Path HERE = Path.of("").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void aRelativeTrustFileThatIsNotThereIsShownWithWhereItResolved() {
        CliRun relative = report("--trust", "no-such-trust.yaml");
        CliRun absolute = report("--trust", HERE.resolve("no-such-trust.yaml").toString());

        assertThat(relative.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(relative.err()).startsWith("error: no-such-trust.yaml (" + HERE.resolve("no-such-trust.yaml")
                + "): trust file not found (expected trust.yaml");
        assertThat(absolute.err()).startsWith("error: " + HERE.resolve("no-such-trust.yaml") + ": trust file not found");
        assertThat(dir.resolve("site")).doesNotExist();
    }

    @Test
    void aRelativeDirectoryGivenAsTheTrustFileIsShownWithWhereItResolved() throws Exception {
        Path keys = Files.createDirectory(dir.resolve("keys"));
        String given = HERE.relativize(keys).toString();

        CliRun run = report("--trust", given);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("error: " + given + " (" + keys + "): is a directory, not a trust file");
    }

    @Test
    void aRelativeTrustFileInsideTheWorkspaceIsShownWithWhereItResolved() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path trust = Files.writeString(ws.resolve("trust.yaml"), "keys: []\n");
        String given = HERE.relativize(trust).toString();

        CliRun run = CliRun.of("report", "-w", ws.toString(), "--html", dir.resolve("site").toString(), "--trust", given);

        assertThat(given).startsWith("..");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("error: " + given + " (" + trust + "): the trust file lies inside the workspace");
    }

    @Test
    void aRelativeHtmlDirectoryTheReportRefusesIsShownAsGivenThenWhereItResolved() throws Exception {
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        String file = HERE.relativize(Files.writeString(dir.resolve("a-file"), "x")).toString();
        String inRulebook = HERE.relativize(ws.resolve("rulebook/site")).toString();

        CliRun aFile = CliRun.of("report", "-w", ws.toString(), "--html", file);
        CliRun overlapping = CliRun.of("report", "-w", ws.toString(), "--html", inRulebook);
        CliRun absolute = CliRun.of("report", "-w", ws.toString(), "--html", dir.resolve("a-file").toString());

        assertThat(aFile.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(aFile.err()).isEqualTo("error: " + file + " (" + dir.resolve("a-file")
                + "): is a file; the report needs a directory\n");
        assertThat(overlapping.err()).isEqualTo("error: " + inRulebook + " (" + ws.resolve("rulebook/site")
                + "): the report directory would overlap the workspace's rulebook/; choose a directory outside it\n");
        assertThat(absolute.err()).isEqualTo("error: " + dir.resolve("a-file") + ": is a file; the report needs a directory\n");
        assertThat(ws.resolve("rulebook/site")).doesNotExist();
    }

    /**
     * Review13 (2026-12-04): a relative path is named as given and then resolved, twice in one
     * message; a name holding a line feed or an escape sequence printed lines of its own (a forged
     * "ok:" among them). Both parts are now one line, each such character as its escape.
     */
    @Test
    void aRelativePathWithControlCharactersIsShownOnOneEscapedLine() throws Exception {
        String given = "no-such\nok: lint passed\u001b[2K.yaml";

        CliRun trust = report("--trust", given);
        CliRun html = CliRun.of("report", "-w", CliRun.example("fe-2025-09-02").toString(), "--html",
                HERE.relativize(Files.writeString(dir.resolve("a\nfile\r"), "x")).toString());

        assertThat(trust.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(trust.err()).startsWith("error: no-such\\u000Aok: lint passed\\u001B[2K.yaml (")
                .contains("trust file not found").hasLineCount(1);
        assertThat(html.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(html.err()).contains("a\\u000Afile\\u000D (").contains("is a file").hasLineCount(1);
    }

    private CliRun report(String... trust) {
        Path ws = CliRun.example("fe-2025-09-02");
        String[] args = {"report", "-w", ws.toString(), "--html", dir.resolve("site").toString(), trust[0], trust[1]};
        return CliRun.of(args);
    }
}
