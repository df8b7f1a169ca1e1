package dev.planning.cli;

import dev.planning.testkit.process.ChildProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CLI's {@code main} in a JVM of its own on this test's class path, as the launcher does, with standard
 * output and standard error in one pipe ({@code 2>&1}, as a CI job's log holds them): for what only a process shows,
 * how {@code main} ends it and what the two streams hold together. The child gets no {@code JAVA_TOOL_OPTIONS}, no
 * cache ({@code PLANNING_NO_CACHE=1}) unless told otherwise, and no standard input; it is given five minutes.
 *
 * <pre>{@code
 * MainInChildJvm.Ended ended = MainInChildJvm.run(dir, Map.of(), "status", "-w", ws.toString());
 * }</pre>
 */
public final class MainInChildJvm {

    /** How the child ended: its exit code and everything it wrote to either stream, in the order written. */
    public record Ended(int code, String out) {
    }

    private MainInChildJvm() {
    }

    /**
     * Runs {@code planning args} in a child JVM.
     *
     * @param scratch     a directory of the test's, where the merged output is written while the child runs (and
     *                    deleted after)
     * @param environment added to the inherited environment after the defaults above; an empty value removes the
     *                    variable ({@code PLANNING_NO_CACHE} to let the child keep a cache)
     */
    public static Ended run(Path scratch, Map<String, String> environment, String... args) {
        List<String> command = ChildProcesses.java("-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), PlanningCommand.class.getName());
        command.addAll(List.of(args));
        Path log = scratch.resolve("main-in-child-jvm.txt");
        ProcessBuilder cli = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        cli.environment().remove("JAVA_TOOL_OPTIONS");
        cli.environment().put("PLANNING_NO_CACHE", "1");
        environment.forEach((name, value) -> {
            if (value.isEmpty()) {
                cli.environment().remove(name);
            } else {
                cli.environment().put(name, value);
            }
        });
        try {
            Process process = cli.start();
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("planning " + String.join(" ", args) + " did not finish in 5 minutes");
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            return new Ended(process.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
