package dev.planning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.testkit.process.ChildProcesses;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an embedder without an SLF4J binding sees (README, "Logging"): the library ships none, so
 * SLF4J's own notice and nothing else reaches standard error while a rulebook is compiled and a
 * cycle advanced. Runs {@link EmbeddingExample} in a JVM whose class path is this module's minus
 * every SLF4J binding.
 */
@Tag("slow")
@Tag("subprocess")
class LoggingWithoutBindingTest {

    @TempDir
    Path dir;

    @Test
    void withoutABindingOnlySlf4jsNoticeReachesStandardError() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.matches(".*(slf4j-(nop|simple|reload4j|jdk14)|logback|log4j-slf4j).*"))
                .collect(Collectors.joining(File.pathSeparator));
        Path ws = Examples.copy("fe-2025-09-02", dir.resolve("ws"));
        Path err = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(ChildProcesses.javaLauncher(), ChildProcesses.temporaryDirectoryOption(),
                "-cp", classPath, EmbeddingExample.class.getName(), ws.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile())
                .start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();

        List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
        assertThat(lines).anyMatch(line -> line.contains("No SLF4J providers were found"));
        assertThat(lines).allMatch(line -> line.startsWith("SLF4J"));
    }

    @Test
    void theLibraryModulesDeclareNoBindingOutsideTests() throws Exception {
        for (String module : List.of("planning-api", "planning-engine", "planning-rules", "planning-report")) {
            String pom = Files.readString(Path.of("..", module, "pom.xml"));
            Matcher dependency = Pattern
                    .compile("(?s)<dependency>(.*?)</dependency>").matcher(pom);
            while (dependency.find()) {
                String body = dependency.group(1);
                if (body.matches("(?s).*<artifactId>(slf4j-(nop|simple|reload4j|jdk14)|logback-classic|log4j-slf4j2?-impl)"
                        + "</artifactId>.*")) {
                    assertThat(body).as(module + " must not ship an SLF4J binding").contains("<scope>test</scope>");
                }
            }
        }
    }
}
