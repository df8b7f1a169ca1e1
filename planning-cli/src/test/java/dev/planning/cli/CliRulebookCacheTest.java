package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line process keeps compiled rulebooks in the cache directory it is given. */
class CliRulebookCacheTest {

    @TempDir
    Path dir;

    private int lint(Path workspace, String... environment) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder cli = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                PlanningCommand.class.getName(), "lint", "-w", workspace.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        cli.environment().remove("PLANNING_NO_CACHE");
        cli.environment().remove("JAVA_TOOL_OPTIONS");
        for (int i = 0; i < environment.length; i += 2) {
            cli.environment().put(environment[i], environment[i + 1]);
        }
        Process process = cli.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return process.exitValue();
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    @Test
    void aCommandStoresTheCompiledRulebookOwnerOnlyAndTheNextOneStillPasses() throws Exception {
        Path workspace = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path cache = dir.resolve("cache");

        assertThat(lint(workspace, "PLANNING_CACHE_DIR", cache.toString())).isZero();
        assertThat(files(cache)).singleElement().satisfies(entry -> {
            assertThat(entry.getFileName().toString()).endsWith(".bin");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(entry))).isEqualTo("rw-------");
        });
        assertThat(lint(workspace, "PLANNING_CACHE_DIR", cache.toString())).isZero();
    }

    @Test
    void noCacheMeansNothingIsWritten() throws Exception {
        Path workspace = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        Path cache = dir.resolve("cache");

        assertThat(lint(workspace, "PLANNING_CACHE_DIR", cache.toString(), "PLANNING_NO_CACHE", "1")).isZero();
        assertThat(cache).doesNotExist();
    }
}
