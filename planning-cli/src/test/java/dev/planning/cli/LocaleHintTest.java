package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under a locale whose character set is not UTF-8 ({@code LC_ALL=C}) a non-ASCII path reaches
 * the JVM unreadable: the error says so and names the fix ({@link LocaleHint}).
 */
class LocaleHintTest {

    private static final String[] ARGS = {"lint", "-w", "ws"};

    @TempDir
    Path dir;

    @Test
    void anUnreadableWorkingDirectoryUnderAnAsciiLocaleGetsTheNote() {
        assertThat(LocaleHint.forFailure(ARGS, "ANSI_X3.4-1968", "/tmp/nc W\uFFFD\uFFFDrk"))
                .hasValueSatisfying(note -> assertThat(note)
                        .contains("ANSI_X3.4-1968", "the current directory", "LC_ALL=C.UTF-8"));
    }

    @Test
    void anUnreadableArgumentUnderAnAsciiLocaleGetsTheNote() {
        assertThat(LocaleHint.forFailure(new String[] {"lint", "-w", "/tmp/W\uFFFD\uFFFDrk"}, "ANSI_X3.4-1968", "/tmp"))
                .hasValueSatisfying(note -> assertThat(note).contains("the arguments"));
    }

    @Test
    void noNoteUnderUtf8NorForAsciiNamesNorWithoutAnUnreadableCharacter() {
        assertThat(LocaleHint.forFailure(new String[] {"lint", "-w", "/tmp/W\uFFFDrk"}, "UTF-8", "/tmp/\uFFFD")).isEmpty();
        assertThat(LocaleHint.forFailure(ARGS, "ANSI_X3.4-1968", "/tmp/plain")).isEmpty();
        assertThat(LocaleHint.forFailure(ARGS, null, "/tmp/\uFFFD")).isEmpty();
    }

    @Test
    @Tag("slow")
    @Tag("subprocess")
    void lintOfANonAsciiWorkspaceUnderLcAllCSaysWhyAndHowToFixIt() throws Exception {
        assumeTrue(Charset.forName(System.getProperty("sun.jnu.encoding")).equals(StandardCharsets.UTF_8),
                "this JVM must be able to name a non-ASCII directory");
        Path ws = Files.createDirectory(dir.resolve("W\u00f6rk \u00fc"));

        CliRun run = CliRun.inChildJvm(Map.of("LC_ALL", "C", "LANG", "", "LC_CTYPE", ""), "lint", "-w", ws.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("LC_ALL=C.UTF-8").contains("the arguments").doesNotContain("\tat ");
        // Under UTF-8 the same command finds the directory (and lints an empty workspace).
        CliRun utf8 = CliRun.inChildJvm(Map.of("LC_ALL", "C.UTF-8"), "lint", "-w", ws.toString());
        assertThat(utf8.err()).doesNotContain("LC_ALL=C.UTF-8");
    }
}
