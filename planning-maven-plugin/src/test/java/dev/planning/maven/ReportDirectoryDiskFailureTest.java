package dev.planning.maven;

import static dev.planning.maven.MojoFixtures.configure;
import static dev.planning.maven.MojoFixtures.copyOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.engine.fixtures.FaultyFileSystemProvider;
import dev.planning.testkit.process.ChildProcesses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fail36: a report directory the disk fails to create (it answers {@code EIO}) failed the goal as bad input, "cannot
 * create report directory ...", the user's wording; it is now the system's failure, as the product's every write is
 * judged ({@code OutputFile}): "the system failed, not the input". No test can make a real disk fail: the goal runs
 * in a child JVM whose default file system is {@link FaultyFileSystemProvider}, as any user, root included.
 */
class ReportDirectoryDiskFailureTest {

    @TempDir
    Path dir;

    /**
     * The child: runs {@code lint} on the workspace {@code args[0]} with its reports in {@code args[1]}, printing how
     * the goal ended (the exception's kind, its cause's, then its message).
     *
     * @param args the workspace and the report directory
     */
    public static void main(String[] args) {
        LintMojo lint = configure(new LintMojo(), Path.of(args[0]), Path.of(args[1]));
        lint.environment = Map.of();
        try {
            lint.execute();
            System.out.println("passed");
        } catch (MojoExecutionException | MojoFailureException e) {
            System.out.println(e.getClass().getSimpleName() + " of "
                    + (e.getCause() == null ? "nothing" : e.getCause().getClass().getSimpleName()));
            System.out.println(e.getMessage());
        }
    }

    @Test
    void aReportDirectoryTheDiskFailsToCreateIsTheSystemsFailureNotBadInput() throws Exception {
        Path ws = copyOf("fe-2025-09-02", dir);
        Path failing = Files.createDirectories(dir.resolve("disk"));
        List<String> command = ChildProcesses.java(FaultyFileSystemProvider.DEFAULT_PROVIDER_OPTION,
                "-D" + FaultyFileSystemProvider.PROPERTY + "=" + failing.toRealPath(), "-cp",
                System.getProperty("java.class.path"), ReportDirectoryDiskFailureTest.class.getName(), ws.toString(),
                failing.resolve("reports").toString());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(out.lines().toList()).as(out).contains("MojoExecutionException of SystemFailureException")
                .anySatisfy(line -> assertThat(line).startsWith("planning lint: ")
                        .contains("(Input/output error)", "the system failed, not the input")
                        .doesNotContain("cannot create report directory"));
    }
}
