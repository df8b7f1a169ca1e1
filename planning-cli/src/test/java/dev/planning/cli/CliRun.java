package dev.planning.cli;

import dev.planning.testkit.process.ChildProcesses;
import dev.planning.testkit.workspace.WorkspaceCopies;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the CLI in-process and captures what it printed. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PlanningCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    /**
     * Runs a built jar of the CLI ({@code java -jar jar args}) in a child JVM of this test's Java and
     * captures what it printed; gives it five minutes.
     */
    public static CliRun ofJar(Path jar, String... args) {
        return ofJar(jar, Map.of(), args);
    }

    /**
     * {@link #ofJar(Path, String...)} with {@code environment} added to the inherited environment
     * (an empty value removes the variable).
     */
    public static CliRun ofJar(Path jar, Map<String, String> environment, String... args) {
        return inChild(ChildProcesses.java("-jar", jar.toString()), environment, args);
    }

    /**
     * Runs the CLI's main class on this test's class path in a child JVM, with {@code environment}
     * added to the inherited environment (an empty value removes the variable): for what only a
     * process shows, such as settings read from the environment.
     */
    public static CliRun inChildJvm(Map<String, String> environment, String... args) {
        return inChild(ChildProcesses.java("-cp", System.getProperty("java.class.path"),
                PlanningCommand.class.getName()), environment, args);
    }

    /**
     * {@link #inChildJvm(Map, String...)} run in {@code directory}: for what a relative or empty path means
     * to a process, which resolves it against its working directory.
     */
    public static CliRun inChildJvmAt(Path directory, String... args) {
        return inChild(ChildProcesses.java("-cp", System.getProperty("java.class.path"),
                PlanningCommand.class.getName()), Map.of(), directory, args);
    }

    static CliRun inChild(List<String> command, Map<String, String> environment, String... args) {
        return inChild(command, environment, null, args);
    }

    private static CliRun inChild(List<String> command, Map<String, String> environment, Path directory,
            String... args) {
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            environment.forEach((name, value) -> {
                if (value.isEmpty()) {
                    builder.environment().remove(name);
                } else {
                    builder.environment().put(name, value);
                }
            });
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(
                    () -> read(process.getErrorStream()));
            String out = read(process.getInputStream());
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("planning " + String.join(" ", args) + " did not finish in 5 minutes");
            }
            return new CliRun(process.exitValue(), out, err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the example workspaces are, from this module's directory (Maven's working directory). */
    public static Path example(String name) {
        return Path.of("..", "planning-examples", "workspaces", name).toAbsolutePath().normalize();
    }

    /** A fresh copy of an example workspace, safe to modify. */
    public static Path copyOf(String name, Path target) {
        return WorkspaceCopies.copy(example(name), target);
    }

    /** Whether anything looks like a Java stack trace. */
    public boolean printedStackTrace() {
        return (out + err).matches("(?s).*\\n\\s+at [a-z]+\\.[\\w.$]+\\(.*") || (out + err).contains("Exception in thread");
    }
}
