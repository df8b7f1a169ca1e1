package dev.planning.cli.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.cli.CliRun;
import dev.planning.cli.CycleScript;
import dev.planning.engine.artifact.ManifestReader;
import dev.planning.engine.document.MarkdownDocuments;
import dev.planning.engine.eventlog.FileEventStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM with SIGKILL at random points while it walks a cycle through advance, seal,
 * sign (three roles), import, advance and digest, then reopens the workspace: the event chain
 * verifies, every acknowledged step's effect is in the log (or, for a signature, in the
 * manifest), a sealed manifest and a digest are whole or absent, stray temporary files are not
 * taken for artifacts, and the cycle can be finished from where it stopped.
 *
 * <p>{@code planning.crash.iterations} kills (default 2 in {@code mvn verify}; the long run in
 * docs/RELIABILITY.md uses 200). Figures go to {@code target/crash-figures.txt}.
 */
class CycleCrashTest {

    private static final int ITERATIONS = Integer.getInteger("planning.crash.iterations", 2);

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedStepSurvivesSigkillAndTheCycleCanBeFinished() throws Exception {
        Path template = dir.resolve("template");
        CycleScript.committedExample(template);
        Path keys = CycleScript.keys(dir);
        Random random = new Random(Long.getLong("planning.crash.seed", 20251127L));
        int steps = CycleSteps.all(template, keys).size();
        Map<String, Integer> killsDuring = new TreeMap<>();
        int acknowledged = 0;
        int strayTemps = 0;
        int completedBeforeKill = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            Path ws = dir.resolve("run-" + i);
            copy(template.resolve("ws"), ws);
            List<CycleSteps.Step> cycle = CycleSteps.all(ws, keys);

            int acked = runAndKill(ws, keys, random.nextInt(steps), random.nextInt(700));
            acknowledged += acked;
            if (acked == steps) {
                completedBeforeKill++;
            } else {
                killsDuring.merge(cycle.get(acked).name().split(" ")[0], 1, Integer::sum);
            }

            String context = "iteration " + i + ", killed during step " + acked;
            List<RecordedEvent> events = new FileEventStore(ws).read(new CycleRef(CycleSteps.STREAM, CycleSteps.CYCLE));
            assertThat(CliRun.of(CycleSteps.cycle(ws, "status").toArray(String[]::new)).exitCode()).as(context).isZero();
            for (int s = 0; s < acked; s++) {
                assertThat(done(ws, events, cycle.get(s))).as(context + ": acknowledged " + cycle.get(s).name()).isTrue();
            }
            Path manifest = ws.resolve(CycleSteps.MANIFEST);
            if (acked > 1) {
                assertThat(manifest).as(context).exists();
            }
            if (Files.exists(manifest)) {
                assertThatCode(() -> new ManifestReader(ws).read(manifest, CycleSteps.MANIFEST)).as(context)
                        .doesNotThrowAnyException();
            }
            Path digest = ws.resolve(CycleSteps.DIGEST);
            if (Files.exists(digest)) {
                assertThatCode(() -> MarkdownDocuments.read(digest, CycleSteps.DIGEST)).as(context).doesNotThrowAnyException();
            }
            strayTemps += temporaryFiles(ws);
            assertThat(CliRun.of("lint", "-w", ws.toString()).exitCode()).as(context + ": lint after the crash").isZero();

            // Resume: the step in flight either happened or did not; the rest of the cycle goes through.
            int next = acked;
            while (next < steps && done(ws, new FileEventStore(ws).read(
                    new CycleRef(CycleSteps.STREAM, CycleSteps.CYCLE)), cycle.get(next))) {
                next++;
            }
            for (int s = next; s < steps; s++) {
                CliRun run = CliRun.of(cycle.get(s).args().toArray(String[]::new));
                assertThat(run.exitCode()).as(context + ": resuming " + cycle.get(s).name() + "\n" + run.out() + run.err())
                        .isZero();
            }
            assertThat(CliRun.of(CycleSteps.cycle(ws, "verify", "--trust", keys.resolve("trust.yaml").toString())
                    .toArray(String[]::new)).exitCode()).as(context + ": verify after resuming").isZero();
            deleteTree(ws);
        }
        String figures = "iterations=" + ITERATIONS + " kills=" + (ITERATIONS - completedBeforeKill)
                + " killedDuring=" + killsDuring + " acknowledgedSteps=" + acknowledged + " lost=0 strayTempFiles="
                + strayTemps + " resumedToVerified=" + ITERATIONS;
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/crash-figures.txt"), figures + "\n");
        System.out.println("crash figures: " + figures);
    }

    /** Runs the cycle in a child JVM, SIGKILLs it {@code delayMs} after its {@code afterAcks}-th ack; returns the acks. */
    private static int runAndKill(Path ws, Path keys, int afterAcks, int delayMs) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), CrashingCycle.class.getName(),
                ws.toString(), keys.toString(), "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        AtomicInteger acks = new AtomicInteger();
        StringBuilder failure = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("ACK ")) {
                        acks.incrementAndGet();
                    } else if (line.startsWith("FAIL ")) {
                        failure.append(line);
                    }
                }
            } catch (IOException ignored) {
                // the pipe breaks when the child is killed
            }
        });
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (acks.get() < afterAcks && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        Thread.sleep(delayMs);
        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no flush, no finally blocks
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        reader.join(10_000);
        assertThat(failure).as("a step failed in the child").isEmpty();
        return acks.get();
    }

    /** Whether a step's durable effect is there: its event, or for a signature its entry in the manifest. */
    private static boolean done(Path ws, List<RecordedEvent> events, CycleSteps.Step step) {
        if (step.role().isPresent()) {
            Path manifest = ws.resolve(CycleSteps.MANIFEST);
            return Files.exists(manifest) && new ManifestReader(ws).read(manifest, CycleSteps.MANIFEST).manifest()
                    .signatures().stream().anyMatch(s -> s.role().equals(step.role().get()));
        }
        return events.stream().map(RecordedEvent::event).anyMatch(e -> e.type() == step.event()
                && (step.reaches().isEmpty() || e.toState().equals(step.reaches())));
    }

    private static int temporaryFiles(Path ws) throws IOException {
        try (Stream<Path> walk = Files.walk(ws)) {
            return (int) walk.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
