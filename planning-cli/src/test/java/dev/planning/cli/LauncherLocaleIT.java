package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.testkit.process.ChildProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/planning} under a locale whose character set is not UTF-8 ({@code LC_ALL=C}, as CI
 * runs): a workspace whose path has non-ASCII letters and a space is found, from inside it and by
 * its absolute path, and the command prints byte for byte what it prints under {@code C.UTF-8}.
 * Runs the real launcher (a copy, beside the built jar) and the real JVM, in the jar-tests
 * execution of {@code mvn verify}, after package.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
@EnabledIfSystemProperty(named = "planning.jar", matches = ".+",
        disabledReason = "needs the built jar: runs in the jar-tests execution of mvn verify")
@Tag("slow")
@Tag("subprocess")
class LauncherLocaleIT {

    /** {@code Wörk ü} as bash's printf writes it: UTF-8 bytes whatever the locale of this JVM or of bash. */
    private static final String WORK = "\"$(printf 'W\\303\\266rk \\303\\274')\"";

    private static final Map<String, String> LC_ALL_C = Map.of("LC_ALL", "C", "LANG", "", "LC_CTYPE", "");
    private static final Map<String, String> UTF_8 = Map.of("LC_ALL", "C.UTF-8", "LANG", "", "LC_CTYPE", "");

    @TempDir
    Path dir;

    private Path launcher;

    /**
     * A copy of the launcher beside a copy of the built jar (no source is there, so it builds
     * nothing), and the example workspace in {@code DIR/Wörk ü/ws}, named by bash.
     */
    @BeforeEach
    void layout() throws IOException, InterruptedException {
        Path root = dir.resolve("repo");
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("planning-cli/target"));
        launcher = Files.copy(Path.of("..", "bin", "planning").toAbsolutePath().normalize(), root.resolve("bin/planning"));
        Files.copy(Path.of(System.getProperty("planning.jar")), root.resolve("planning-cli/target/planning.jar"));
        Process copy = new ProcessBuilder("bash", "-c", "mkdir -- \"$1/\"" + WORK + " && cp -R -- \"$2\" \"$1/\"" + WORK + "/ws",
                "bash", dir.toString(), CliRun.example("fe-2025-09-02").toString()).inheritIO().start();
        assertThat(copy.waitFor()).isZero();
    }

    @Test
    void lintFromInsideANonAsciiDirectoryUnderLcAllCPassesAndPrintsWhatItPrintsUnderUtf8() {
        CliRun ascii = fromInside(LC_ALL_C, "lint", "-w", "ws");
        CliRun utf8 = fromInside(UTF_8, "lint", "-w", "ws");

        assertThat(ascii.exitCode()).as(ascii.err()).isZero();
        assertThat(ascii.out()).endsWith(": lint passed\n").isEqualTo(utf8.out());
        assertThat(ascii.err()).isEqualTo(utf8.err()).doesNotContain("note:", "warning");
    }

    @Test
    void aNonAsciiPathInAnArgumentUnderLcAllCIsFoundAndShownInUtf8() {
        CliRun ascii = byAbsolutePath(LC_ALL_C, "ws/missing");
        CliRun utf8 = byAbsolutePath(UTF_8, "ws/missing");

        assertThat(ascii.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        // The directory that is there is read; the one that is not is named with its letters, as under UTF-8.
        assertThat(ascii.err()).isEqualTo(utf8.err())
                .contains("workspace directory not found: " + dir + "/W\u00f6rk \u00fc/ws/missing")
                .doesNotContain("note:", "\uFFFD");
        CliRun found = byAbsolutePath(LC_ALL_C, "ws");
        assertThat(found.exitCode()).as(found.err()).isZero();
        assertThat(found.out()).isEqualTo(byAbsolutePath(UTF_8, "ws").out());
    }

    /**
     * Review13 (2026-12-04): the launcher's LC_CTYPE-only branch reads LANG and every LC_* variable
     * and assigns locale names built from them; hostile values (a command substitution, quotes, a
     * line feed, 20,000 characters) run nothing, and the command prints what it prints under UTF-8.
     */
    @Test
    void hostileLocaleValuesRunNothingAndTheOutputStaysRight() {
        CliRun utf8 = fromInside(UTF_8, "lint", "-w", "ws");
        String touch = "$(touch " + dir + "/ran)";
        for (Map<String, String> locale : List.of(
                Map.of("LC_ALL", "", "LC_CTYPE", "C", "LANG", touch + ".UTF-8"),
                Map.of("LC_ALL", "", "LC_CTYPE", "C", "LANG", "", "LC_MESSAGES", "`touch " + dir + "/ran`\n.UTF-8"),
                Map.of("LC_ALL", "", "LC_CTYPE", "'\"; touch " + dir + "/ran; \"" + touch, "LANG", ""),
                Map.of("LC_ALL", "", "LC_CTYPE", "x".repeat(20_000) + ".UTF-8", "LANG", "de_DE.UTF-8"),
                Map.of("LC_ALL", "", "LC_CTYPE", "C", "LANG", "x".repeat(20_000) + ".UTF-8"))) {
            CliRun run = fromInside(locale, "lint", "-w", "ws");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).isEqualTo(utf8.out());
            assertThat(run.err()).isEqualTo(utf8.err());
            assertThat(dir.resolve("ran")).doesNotExist();
        }
    }

    /** {@code bin/planning ARGS} run from {@code DIR/Wörk ü}, the launcher's Java this test's. */
    private CliRun fromInside(Map<String, String> locale, String... args) {
        return run(List.of("bash", "-c", "cd -- \"$1/\"" + WORK + " && exec \"${@:2}\"", "bash", dir.toString()),
                locale, args);
    }

    /** {@code bin/planning lint -w DIR/Wörk ü/WS}, the path's bytes given by bash. */
    private CliRun byAbsolutePath(Map<String, String> locale, String workspace) {
        return run(List.of("bash", "-c", "exec \"${@:3}\" \"$1/\"" + WORK + "/\"$2\"", "bash", dir.toString(), workspace),
                locale, "lint", "-w");
    }

    private CliRun run(List<String> prefix, Map<String, String> locale, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.add(launcher.toString());
        Map<String, String> environment = new HashMap<>(locale);
        environment.put("PLANNING_JAVA", ChildProcesses.javaLauncher());
        environment.put("PLANNING_NO_CDS", "1");
        environment.put("PLANNING_JAVA_OPTS", ChildProcesses.temporaryDirectoryOption());
        return CliRun.inChild(command, environment, args);
    }
}
