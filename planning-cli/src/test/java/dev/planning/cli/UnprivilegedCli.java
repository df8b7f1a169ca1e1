package dev.planning.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.planning.testkit.process.ChildProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CLI in a child JVM that file permission bits bind, even as root: under {@code setpriv} with
 * {@code CAP_DAC_OVERRIDE} and {@code CAP_DAC_READ_SEARCH} dropped.
 */
final class UnprivilegedCli {

    private static final List<String> SETPRIV = List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search");

    private UnprivilegedCli() {
    }

    /**
     * Runs the CLI with {@code args} and {@code environment} added (an empty value removes a variable); as root
     * with no {@code setpriv} that can drop the override, the test is skipped: chmod would bind nothing.
     */
    static CliRun run(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            assumeTrue(setprivDropsTheOverride(), "root, and no setpriv that can drop CAP_DAC_OVERRIDE: chmod binds nothing");
            command.addAll(SETPRIV);
        }
        command.addAll(ChildProcesses.java("-cp", System.getProperty("java.class.path"), PlanningCommand.class.getName()));
        return CliRun.inChild(command, environment, args);
    }

    private static boolean isRoot() throws IOException {
        Path probe = Files.createTempFile("uid", ".probe");
        try {
            return ((Integer) Files.getAttribute(probe, "unix:uid")) == 0;
        } finally {
            Files.delete(probe);
        }
    }

    private static boolean setprivDropsTheOverride() {
        try {
            List<String> command = new ArrayList<>(SETPRIV);
            command.addAll(List.of("test", "-r", "/proc/sys/vm/compact_memory"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            // compact_memory is write-only (0200): with the override gone, even root may not read it.
            return process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 1;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
