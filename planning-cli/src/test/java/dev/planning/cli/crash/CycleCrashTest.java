package dev.planning.cli.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.cli.CliRun;
import dev.planning.cli.CycleScript;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.document.MarkdownDocuments;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.testkit.process.ChildProcesses;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM with SIGKILL at random points while it walks a cycle through advance, seal,
 * sign (three roles), import, advance and digest, then reopens the workspace: the event chain
 * verifies, every acknowledged step's effect is in the log (or, for a signature, in the
 * manifest), a sealed manifest and a digest are whole or absent, stray temporary files are not
 * taken for artifacts, and the cycle can be finished from where it stopped.
 *
 * <p>Each child resumes the cycle after the last step done, so one cycle takes several kills;
 * a finished cycle is verified and a fresh one starts. {@code planning.crash.iterations} kills
 * (default 6 in {@code mvn verify}; the long run in docs/RELIABILITY.md uses 200), each at a
 * random moment up to {@code planning.crash.max-delay-ms} (default 600) after a randomly chosen
 * remaining step starts.
 * Figures go to {@code target/crash-figures.txt}.
 */
@Tag("slow")
@Tag("crash")
@Tag("subprocess")
class CycleCrashTest {

    private static final int KILLS = Integer.getInteger("planning.crash.iterations", 6);
    // Steps take 0.05-1.5 s; a kill lands in the chosen step or a later one (a child that finished first is not counted).
    private static final int MAX_DELAY_MS = Integer.getInteger("planning.crash.max-delay-ms", 600);

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedStepSurvivesSigkillAndTheCycleCanBeFinished() throws Exception {
        Path template = dir.resolve("template");
        CycleScript.committedExample(template);
        Path keys = CycleScript.keys(dir);
        // A child killed in verify leaves its pinned sealed inputs (planning-sealed-*) in its temporary
        // directory, as a crash would: one inside this test's directory, removed with it.
        Path childTemp = Files.createDirectories(dir.resolve("child-tmp"));
        Random random = new Random(Long.getLong("planning.crash.seed", 20251127L));
        Map<String, Integer> killsDuring = new TreeMap<>();
        int acknowledged = 0;
        int strayTemps = 0;
        int cyclesVerified = 0;
        Path ws = null;
        List<CycleSteps.Step> cycle = List.of();
        int next = 0;
        int kill = 0;
        int runs = 0;
        while (kill < KILLS) {
            assertThat(runs++).as("child runs without enough kills landing").isLessThan(KILLS * 5);
            // Each step is equally likely to be hit: a target behind the resume point starts a new cycle.
            int target = random.nextInt(CycleSteps.all(template, keys).size());
            if (ws != null && target < next) {
                deleteTree(ws);
                ws = null;
            }
            if (ws == null) {
                ws = dir.resolve("cycle-" + kill);
                copy(template.resolve("ws"), ws);
                cycle = CycleSteps.all(ws, keys);
                next = 0;
            }
            // Kill anywhere: a gate run, the seal, a signature, the import, the digest, or between them.
            Run run = runAndKill(ws, keys, childTemp, next, target, random.nextInt(MAX_DELAY_MS));
            int acked = run.acks();
            acknowledged += acked;
            String inFlight = next + acked < cycle.size() ? cycle.get(next + acked).name().split(" ")[0] : "none";
            if (run.killed()) {
                killsDuring.merge(inFlight, 1, Integer::sum);
                kill++;
            }

            String context = "kill " + kill + " during " + inFlight;
            List<RecordedEvent> events = new FileEventStore(ws).read(new CycleRef(CycleSteps.STREAM, CycleSteps.CYCLE));
            // Past PACKAGED, status re-checks the signed manifest: it needs the team's trust file.
            assertThat(CliRun.of(CycleSteps.cycle(ws, "status", "--trust", keys.resolve("trust.yaml").toString())
                    .toArray(String[]::new)).exitCode()).as(context).isZero();
            for (int s = 0; s < next + acked; s++) {
                assertThat(done(ws, events, cycle.get(s))).as(context + ": acknowledged " + cycle.get(s).name()).isTrue();
            }
            Path manifest = ws.resolve(CycleSteps.MANIFEST);
            if (next + acked > 1) {
                assertThat(manifest).as(context).exists();
            }
            if (Files.exists(manifest)) {
                Path workspace = ws;
                assertThatCode(() -> new ManifestReader(workspace).read(manifest, CycleSteps.MANIFEST)).as(context)
                        .doesNotThrowAnyException();
            }
            Path digest = ws.resolve(CycleSteps.DIGEST);
            if (Files.exists(digest)) {
                assertThatCode(() -> MarkdownDocuments.read(digest, CycleSteps.DIGEST)).as(context).doesNotThrowAnyException();
            }
            strayTemps += temporaryFiles(ws);
            assertThat(CliRun.of("lint", "-w", ws.toString()).exitCode()).as(context + ": lint after the crash").isZero();

            // The step in flight either happened or did not; the next child resumes after the last one done.
            next = 0;
            while (next < cycle.size() && done(ws, new FileEventStore(ws).read(
                    new CycleRef(CycleSteps.STREAM, CycleSteps.CYCLE)), cycle.get(next))) {
                next++;
            }
            if (next == cycle.size()) {
                assertThat(CliRun.of(CycleSteps.cycle(ws, "verify", "--trust", keys.resolve("trust.yaml").toString())
                        .toArray(String[]::new)).exitCode()).as(context + ": verify the finished cycle").isZero();
                cyclesVerified++;
                deleteTree(ws);
                ws = null;
            }
        }
        String figures = "kills=" + KILLS + " childRuns=" + runs + " inFlight=" + killsDuring + " acknowledgedSteps=" + acknowledged
                + " lost=0 strayTempFiles=" + strayTemps + " cyclesFinishedAndVerified=" + cyclesVerified;
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/crash-figures.txt"), figures + "\n");
        System.out.println("crash figures: " + figures);
        assertThat(acknowledged).isPositive();
    }

    /**
     * Runs the cycle from step {@code first} in a child JVM and SIGKILLs it {@code delayMs} after step
     * {@code target} starts (a later step when that one was quicker), with {@code temp} as its
     * temporary directory; returns the child's acks.
     */
    private static Run runAndKill(Path ws, Path keys, Path temp, int first, int target, int delayMs) throws Exception {
        Process child = new ProcessBuilder(ChildProcesses.java(
                // After ChildProcesses' own -Djava.io.tmpdir, so this one wins.
                "-Djava.io.tmpdir=" + temp.toAbsolutePath(), "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), CrashingCycle.class.getName(),
                ws.toString(), keys.toString(), Integer.toString(first)))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        AtomicInteger acks = new AtomicInteger();
        AtomicInteger started = new AtomicInteger(first - 1);
        StringBuilder failure = new StringBuilder();
        AtomicReference<IOException> readFailure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("STEP ")) {
                        started.set(Integer.parseInt(line.substring(5)));
                    } else if (line.startsWith("ACK ")) {
                        acks.incrementAndGet();
                    } else if (line.startsWith("FAIL ")) {
                        failure.append(line);
                    }
                }
            } catch (IOException e) {
                readFailure.set(e);
            }
        });
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (started.get() < target && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        child.waitFor(delayMs, TimeUnit.MILLISECONDS);
        boolean killed = child.isAlive();
        // SIGKILL: no shutdown hooks, no flush, no finally blocks. Sent through the process handle,
        // which only signals: Process.destroyForcibly() also closes this side of the child's stdout,
        // throwing away the lines still in the pipe, so under load acknowledgements (and a FAIL
        // line) went unseen and the checks below checked less than the child had done.
        child.toHandle().destroyForcibly();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        // The pipe's write end died with the child: the reader gets every line, then the end.
        reader.join(120_000);
        assertThat(reader.isAlive()).as("the child's output was read to the end").isFalse();
        assertThat(readFailure.get()).as("reading the child's output").isNull();
        assertThat(failure).as("a step failed in the child").isEmpty();
        return new Run(acks.get(), killed);
    }

    /** What a child did before it was killed (or finished). */
    private record Run(int acks, boolean killed) {
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
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
