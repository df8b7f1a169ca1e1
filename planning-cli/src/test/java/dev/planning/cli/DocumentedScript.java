package dev.planning.cli;

import dev.planning.testkit.process.ChildProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A shell block of a document run as written: {@code bash} with {@code set -euo pipefail}, in a
 * workspace, {@code planning} the CLI of this build (its class path, in a child JVM), {@code HOME} a
 * directory of the test's and git's author and committer set, so that nothing of the user's is read.
 */
final class DocumentedScript {

    /** The exit code of a run and what it printed on both streams. */
    record Run(int exit, String out) {
    }

    private DocumentedScript() {
    }

    /** {@code docs/NAME}, read from the repository (the CLI's tests run in planning-cli). */
    static String document(String name) throws IOException {
        return Files.readString(Path.of("..", "docs", name), StandardCharsets.UTF_8);
    }

    /** The text of the first block opening with {@code fence} (such as {@code ```sh}) after {@code heading}. */
    static String block(String document, String heading, String fence) {
        int section = document.indexOf(heading);
        if (section < 0) {
            throw new AssertionError("no heading " + heading);
        }
        int start = document.indexOf(fence + "\n", section) + fence.length() + 1;
        return document.substring(start, document.indexOf("```\n", start));
    }

    /**
     * Runs {@code block} in {@code ws} with {@code HOME} at {@code home}, the script and its output
     * written as {@code NAME.sh} and {@code NAME.txt} under {@code dir}; {@code environment} is added
     * last. Gives it ten minutes.
     */
    static Run run(Path dir, String name, Path ws, Path home, String block, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path script = dir.resolve(name + ".sh");
        String java = ChildProcesses.javaLauncher();
        Files.writeString(script, "set -euo pipefail\n"
                + "planning() { \"" + java + "\" \"" + ChildProcesses.temporaryDirectoryOption()
                + "\" -XX:TieredStopAtLevel=1 -cp \"$PLANNING_CP\" "
                + PlanningCommand.class.getName() + " \"$@\"; }\n" + block, StandardCharsets.UTF_8);
        Path out = dir.resolve(name + ".txt");
        ProcessBuilder bash = new ProcessBuilder("bash", script.toString()).directory(ws.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        ChildProcesses.passTemporaryDirectory(bash);
        Map<String, String> env = bash.environment();
        env.put("HOME", home.toString());
        env.put("PLANNING_CP", System.getProperty("java.class.path"));
        env.putAll(Map.of("GIT_AUTHOR_NAME", "Tester", "GIT_AUTHOR_EMAIL", "tester@example.org",
                "GIT_COMMITTER_NAME", "Tester", "GIT_COMMITTER_EMAIL", "tester@example.org",
                "GIT_CONFIG_NOSYSTEM", "1"));
        env.putAll(environment);
        Process process = bash.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not finish in 10 minutes");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
