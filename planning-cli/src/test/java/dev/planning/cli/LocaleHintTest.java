package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.testkit.process.ChildProcesses;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        // bash names the directory by its UTF-8 bytes: this JVM may itself run under LC_ALL=C (as in
        // .ci/run), where it could neither create nor pass a non-ASCII name.
        Process mkdir = new ProcessBuilder("bash", "-c", "mkdir -- \"$1/\"" + WORK, "bash", dir.toString()).start();
        assertThat(mkdir.waitFor()).isZero();

        CliRun run = lintThroughBash(Map.of("LC_ALL", "C", "LANG", "", "LC_CTYPE", ""));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("LC_ALL=C.UTF-8").contains("the arguments").doesNotContain("\tat ");
        // Under UTF-8 the same command finds the directory, and stops at its missing rulebook.
        CliRun utf8 = lintThroughBash(Map.of("LC_ALL", "C.UTF-8"));
        assertThat(utf8.err()).doesNotContain("LC_ALL=C.UTF-8").doesNotContain("workspace directory not found")
                .contains("rulebook directory not found: " + dir + "/W\u00f6rk \u00fc/rulebook");
    }

    /** A name of non-ASCII letters and a space, as bash's printf writes it: UTF-8 bytes, whatever the locale. */
    private static final String WORK = "\"$(printf 'W\\303\\266rk \\303\\274')\"";

    /** {@code planning lint -w DIR/NAME} in a child JVM, the path's bytes given by bash. */
    private CliRun lintThroughBash(Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "exec \"${@:2}\" \"$1/\"" + WORK, "bash", dir.toString()));
        command.addAll(ChildProcesses.java("-cp", System.getProperty("java.class.path"), PlanningCommand.class.getName()));
        command.addAll(List.of("lint", "-w"));
        return CliRun.inChild(command, environment);
    }
}
