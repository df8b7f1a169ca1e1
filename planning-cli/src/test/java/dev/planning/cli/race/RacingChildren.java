package dev.planning.cli.race;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.testkit.process.ChildProcesses;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The child JVMs of a race ({@link RacingCli}), shared by {@link PairRaceTest} and {@link CycleRaceTest}:
 * {@link #start} launches them and returns at once (the test prepares the workspace meanwhile);
 * {@link #release} waits until each printed {@code READY}, then hands each its commands, back to back;
 * {@link #results} waits for them and reads what each command reported.
 */
final class RacingChildren {

    /** One command's exit code and standard error. */
    record Result(int exit, String err) {
    }

    private final List<Process> children;
    private final List<BufferedReader> outputs;
    private boolean ready;

    private RacingChildren(List<Process> children) {
        this.children = children;
        this.outputs = children.stream().map(child -> new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))).toList();
    }

    /** Starts {@code count} child JVMs, without waiting for them. */
    static RacingChildren start(int count) throws IOException {
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> args = ChildProcesses.java("-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), RacingCli.class.getName());
            children.add(new ProcessBuilder(args).redirectError(ProcessBuilder.Redirect.DISCARD).start());
        }
        return new RacingChildren(children);
    }

    /**
     * Waits for every child's {@code READY}, then gives child {@code i} the commands {@code commands.get(i)},
     * to every child one after the other with nothing in between.
     */
    void release(List<List<String[]>> commands) throws IOException {
        assertThat(commands).hasSameSizeAs(children);
        List<byte[]> lines = new ArrayList<>();
        for (List<String[]> list : commands) {
            List<String> words = new ArrayList<>();
            for (String[] command : list) {
                if (!words.isEmpty()) {
                    words.add(";;");
                }
                for (String word : command) {
                    assertThat(word).doesNotContain(RacingCli.ARGUMENT_SEPARATOR, "\n");
                    words.add(word);
                }
            }
            lines.add((String.join(RacingCli.ARGUMENT_SEPARATOR, words) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        awaitReady();
        for (int i = 0; i < children.size(); i++) {
            OutputStream in = children.get(i).getOutputStream();
            in.write(lines.get(i));
            in.flush();
        }
    }

    /** Waits until every child printed {@code READY} (once; {@link #release} waits too). */
    void awaitReady() throws IOException {
        if (ready) {
            return;
        }
        for (BufferedReader out : outputs) {
            assertThat(out.readLine()).as("a racing process loaded the CLI").isEqualTo("READY");
        }
        ready = true;
    }

    /** Each child's results, one per command, in order; waits for every child to end. */
    List<List<Result>> results() throws IOException, InterruptedException {
        List<List<Result>> all = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            // A hang guard, not a measurement: on a loaded machine racers' commands can take minutes.
            assertThat(children.get(i).waitFor(10, TimeUnit.MINUTES)).as("a racing process finished").isTrue();
            List<Result> results = new ArrayList<>();
            String err = "";
            for (String line = outputs.get(i).readLine(); line != null; line = outputs.get(i).readLine()) {
                if (line.startsWith("ERR ")) {
                    err = unescape(line.substring(4));
                } else if (line.startsWith("EXIT ")) {
                    results.add(new Result(Integer.parseInt(line.substring(5)), err));
                    err = "";
                }
            }
            all.add(results);
        }
        return all;
    }

    /** Ends the children that are still running (a test that failed before {@link #results}). */
    void destroy() {
        children.forEach(Process::destroyForcibly);
    }

    private static String unescape(String escaped) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && i + 1 < escaped.length()) {
                char next = escaped.charAt(++i);
                text.append(next == 'n' ? '\n' : next);
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
