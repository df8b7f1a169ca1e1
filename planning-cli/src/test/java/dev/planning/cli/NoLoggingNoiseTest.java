package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.testkit.process.ChildProcesses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line prints no logging noise: with its runtime class path (which bundles
 * {@code slf4j-nop}), compiling a rulebook and running its tests in a fresh JVM writes nothing to
 * standard error.
 */
@Tag("slow")
@Tag("subprocess")
class NoLoggingNoiseTest {

    @TempDir
    Path dir;

    @Test
    void rulesTestInAFreshJvmWritesNothingToStandardError() throws Exception {
        Path err = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(ChildProcesses.javaLauncher(), ChildProcesses.temporaryDirectoryOption(),
                "-cp", System.getProperty("java.class.path"), PlanningCommand.class.getName(),
                "rules", "test", CliRun.example("fe-2025-09-02").resolve("rulebook").toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile())
                .start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).isZero();
        assertThat(Files.readString(err, StandardCharsets.UTF_8)).isEmpty();
    }
}
