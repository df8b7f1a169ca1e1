package dev.planning.cli;

import dev.planning.rules.CompiledRulebooks;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run {@code bin/planning} records its start-up cache from (a JVM's class-data or
 * ahead-of-time cache holds the classes one process loaded): the commands a user runs most, in one
 * process, on a copy of an example workspace in a temporary directory (the example itself is never
 * written): {@code --version}, {@code rules hash}, {@code lint}, a {@code gate} dry run,
 * {@code advance}, {@code seal}, {@code keys generate}, {@code sign}, {@code verify} with and
 * without {@code --checksums-only}, and {@code status}. Their output is discarded; the exit code is
 * 0 only when every step reached the verdict it should, so a recording that trained on failures is
 * thrown away by the launcher.
 *
 * <p>Not a user command: {@code java -cp planning.jar dev.planning.cli.StartupTraining EXAMPLE}.
 */
final class StartupTraining {

    private StartupTraining() {
    }

    /**
     * Runs the training over a copy of the example workspace {@code args[0]}.
     *
     * @param args the example workspace (the frontend example, cycle {@code fe/2025-09-02})
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: StartupTraining EXAMPLE_WORKSPACE");
            System.exit(ExitCodes.BAD_INPUT);
        }
        Path scratch = Files.createTempDirectory("planning-training");
        int failed;
        try {
            failed = run(Path.of(args[0]), scratch);
        } finally {
            delete(scratch);
        }
        System.exit(failed == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED);
    }

    /** Runs every step; returns how many did not end with the expected exit code. */
    static int run(Path example, Path scratch) throws IOException {
        Path ws = scratch.resolve("ws");
        Path keys = scratch.resolve("keys");
        Path cache = scratch.resolve("rulebook-cache");
        copy(example, ws);
        // The compiled-rulebook cache, as the command line uses it (private to this run: the user's
        // own cache is left alone): stored by the first compilation, read by the later ones.
        CompiledRulebooks.cacheAcrossRuns(Map.of("PLANNING_CACHE_DIR", cache.toString()));
        String w = ws.toString();
        String manifest = ws.resolve("frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml").toString();
        String trust = keys.resolve("trust.yaml").toString();
        List<String[]> steps = new ArrayList<>();
        steps.add(new String[] {"--version"});
        steps.add(new String[] {"rules", "hash", ws.resolve("rulebook").toString()});
        steps.add(new String[] {"lint", "-w", w});
        steps.add(new String[] {"gate", "-w", w, "--stream", "fe", "--cycle", "2025-09-02", "--to", "READY_FOR_HANDOFF"});
        steps.add(new String[] {"advance", "-w", w, "--stream", "fe", "--cycle", "2025-09-02", "--to", "READY_FOR_HANDOFF"});
        steps.add(new String[] {"seal", "-w", w, "--stream", "fe", "--cycle", "2025-09-02", "--allow-dirty"});
        for (String role : List.of("PM", "TechLead", "QA")) {
            steps.add(new String[] {"keys", "generate", "--role", role, "--out", keys.toString()});
        }
        for (String role : List.of("PM", "TechLead", "QA")) {
            steps.add(new String[] {"sign", manifest, "--role", role, "--key", keys.resolve(role + ".key.pem").toString(),
                "--trust", trust});
        }
        steps.add(new String[] {"verify", "-w", w, "--stream", "fe", "--cycle", "2025-09-02", "--trust", trust,
            "--checksums-only"});
        steps.add(new String[] {"verify", "-w", w, "--stream", "fe", "--cycle", "2025-09-02", "--trust", trust});
        steps.add(new String[] {"status", "-w", w, "--trust", trust});
        int failed = 0;
        PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        for (String[] step : steps) {
            if (PlanningCommand.execute(step, discard, discard) != ExitCodes.OK) {
                failed++;
            }
        }
        return failed;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
