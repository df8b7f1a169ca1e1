package dev.planning.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parent pom's {@code test-tmpdir-create} (docs/testing.md, "Tidy pass"): before it makes this
 * module's {@code planning-tests-<build start>-<module>} directory, it removes the ones earlier builds
 * left when they stopped before their emptiness check (failed tests, a killed build,
 * {@code mvn process-test-classes} alone), and only those: empty and untouched for two hours. It runs
 * in a Maven of its own on a copy of the parent pom ({@code -N}, the execution alone), whose
 * temporary directory is a scratch directory holding what such builds leave.
 */
@Tag("slow")
@Tag("subprocess")
class TestTemporaryDirectoriesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void sweepsOnlyEmptyPlanningTestDirectoriesUntouchedForTwoHours() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Instant threeHoursAgo = Instant.now().minus(Duration.ofHours(3));
        Path staleEmpty = old(Files.createDirectories(tmp.resolve("planning-tests-20261203-090000-000-planning-cli")), threeHoursAgo);
        Path staleFull = Files.createDirectories(tmp.resolve("planning-tests-20261203-090000-000-planning-engine"));
        Files.writeString(staleFull.resolve("left-by-a-test.txt"), "x", StandardCharsets.UTF_8);
        old(staleFull, threeHoursAgo);
        Path recentEmpty = old(Files.createDirectories(tmp.resolve("planning-tests-20261203-110000-000-planning-rules")),
                Instant.now().minus(Duration.ofMinutes(90)));
        Path otherEmpty = old(Files.createDirectories(tmp.resolve("someone-elses")), threeHoursAgo);
        Path staleFile = old(Files.writeString(tmp.resolve("planning-tests-a-file"), "x", StandardCharsets.UTF_8),
                threeHoursAgo);

        int exit = createTestTmpdir(tmp);

        assertThat(exit).as(Files.readString(dir.resolve("mvn.log"), StandardCharsets.UTF_8)).isZero();
        assertThat(staleEmpty).doesNotExist();
        assertThat(staleFull.resolve("left-by-a-test.txt")).exists();
        assertThat(recentEmpty).isDirectory();
        assertThat(otherEmpty).isDirectory();
        assertThat(staleFile).isRegularFile();
        try (Stream<Path> made = Files.list(tmp)) {
            assertThat(made.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.matches("planning-tests-\\d{8}-\\d{6}-\\d{3}-planning-parent"));
        }
    }

    private static Path old(Path path, Instant when) throws Exception {
        Files.setLastModifiedTime(path, FileTime.from(when));
        return path;
    }

    /** Runs {@code test-tmpdir-create} alone on a copy of the parent pom, with {@code tmp} as Maven's temporary directory. */
    private int createTestTmpdir(Path tmp) throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.copy(ROOT.resolve("pom.xml"), project.resolve("pom.xml"));
        String mavenHome = System.getProperty("maven.home");
        assertThat(mavenHome).as("maven.home, passed by the build").isNotBlank();
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(mavenHome, "bin", "mvn").toString(), "-B", "-ntp",
                "-o", "-N", "-f", project.resolve("pom.xml").toString(), "antrun:run@test-tmpdir-create"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("mvn.log").toFile());
        builder.environment().put("MAVEN_OPTS", "-Djava.io.tmpdir=" + tmp);
        builder.environment().put("TMPDIR", tmp.toString());
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return process.exitValue();
    }
}
