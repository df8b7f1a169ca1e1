package dev.planning.cli.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.planning.cli.PlanningCommand;
import dev.planning.testkit.process.ChildProcesses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The CLI in a child JVM under {@code strace}, whose fault injection fails or kills the process at an
 * exact system call: the shared runner of {@link WriteFaultTest} and {@link KeysGenerateFaultTest}.
 */
final class StracedCli {

    /** The outcome of a CLI run in a child JVM under strace. */
    record Run(int exitCode, String out, String err) {
    }

    private StracedCli() {
    }

    /**
     * Skips the calling test class where {@code strace} cannot inject faults (not installed, or ptrace not
     * permitted); under {@code CI=true} that fails instead, as {@code .ci/run} installs strace.
     */
    static void requireFaultInjection() throws InterruptedException {
        boolean works;
        try {
            Process probe = new ProcessBuilder("strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=getpid",
                    "-e", "inject=getpid:error=ENOSPC", "true").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            works = probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            works = false;
        }
        String missing = "strace with fault injection is not available here";
        if (!works && "true".equalsIgnoreCase(System.getenv("CI"))) {
            // .ci/run installs strace: in CI a missing one is a broken machine, never a skipped test.
            org.junit.jupiter.api.Assertions.fail(missing + " (CI=true: not skipped)");
        }
        assumeTrue(works, missing);
    }

    /**
     * Runs the CLI with {@code args}, the {@code nth} call of {@code syscalls} (a comma-separated strace
     * set) failing with ENOSPC, and the process killed with SIGKILL on entering it when {@code kill}.
     */
    static Run run(String syscalls, int nth, boolean kill, List<String> args) throws Exception {
        return run(List.of("-e", "trace=" + syscalls,
                "-e", "inject=" + syscalls + ":error=ENOSPC" + (kill ? ":signal=SIGKILL" : "") + ":when=" + nth), args);
    }

    /**
     * Runs the CLI with {@code args}, the {@code nth} call of {@code syscalls} made on {@code file} (by name or
     * through a descriptor of it: strace's {@code -P}) failing with {@code error}.
     */
    static Run runFailingOn(Path file, String syscalls, int nth, String error, List<String> args) throws Exception {
        return run(List.of("-P", file.toString(), "-e", "trace=" + syscalls,
                "-e", "inject=" + syscalls + ":error=" + error + ":when=" + nth), args);
    }

    private static Run run(List<String> faults, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of("strace", "-f", "-qq", "-o", "/dev/null"));
        command.addAll(faults);
        command.addAll(ChildProcesses.java("-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), PlanningCommand.class.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the child ended").isTrue();
        return new Run(process.exitValue(), out, err.join());
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
