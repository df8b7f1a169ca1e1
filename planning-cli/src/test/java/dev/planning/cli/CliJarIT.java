package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jars {@code mvn package} builds for the command line: the library jar names its module, and
 * the runnable jar prints no logging noise. Runs in the jar-tests execution, after package.
 */
@EnabledIfSystemProperty(named = "planning.jar", matches = ".+",
        disabledReason = "needs the built jars: runs in the jar-tests execution of mvn verify")
class CliJarIT {

    @TempDir
    Path dir;

    @Test
    void theCliJarNamesItsModule() throws IOException {
        try (JarFile jar = new JarFile(Path.of(System.getProperty("cli.jar")).toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
                    .isEqualTo("dev.planning.cli");
        }
    }

    @Test
    void theRunnableJarHoldsNoClassFileOlderThanJava6SoTheStartUpCachesHoldThemAll() throws IOException {
        // picocli, ANTLR 3's runtime and MVEL's ASM ship Java 5 class files, which no start-up cache
        // can hold (nor any class that extends one): the build rewrites them (ClassFileUpgrade).
        int checked = 0;
        int upgraded = 0;
        try (JarFile jar = new JarFile(Path.of(System.getProperty("planning.jar")).toFile())) {
            for (var entry : java.util.Collections.list(jar.entries())) {
                if (entry.getName().endsWith(".class")) {
                    try (var in = new java.io.DataInputStream(jar.getInputStream(entry))) {
                        in.readInt(); // magic
                        in.readUnsignedShort(); // minor version
                        assertThat(in.readUnsignedShort()).as(entry.getName()).isGreaterThanOrEqualTo(50);
                    }
                    checked++;
                    if (entry.getName().startsWith("picocli/") || entry.getName().startsWith("org/antlr/runtime/")
                            || entry.getName().startsWith("org/mvel2/asm/")) {
                        upgraded++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(10_000);
        assertThat(upgraded).isGreaterThan(300);
    }

    @Test
    void theRunnableJarPrintsNoLoggingNoise() throws Exception {
        // The governance gate compiles the rulebook with Drools, which logs when it has a provider
        // and SLF4J prints a notice when it has none: the CLI's jar must print neither.
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("planning.jar"), "gate",
                "-w", CliRun.copyOf("fe-2025-09-02", dir.resolve("ws")).toString(), "--stream", "fe", "--cycle", "2025-09-02",
                "--to", "READY_FOR_HANDOFF")
                .redirectError(err.toFile()).redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished").isTrue();

        assertThat(process.exitValue()).isZero();
        assertThat(Files.readString(err, StandardCharsets.UTF_8)).isEmpty();
    }
}
