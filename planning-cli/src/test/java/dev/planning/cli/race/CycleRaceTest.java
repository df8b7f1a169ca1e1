package dev.planning.cli.race;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.event.EventType;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.cli.CliRun;
import dev.planning.cli.CycleScript;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.eventlog.FileEventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes and threads race on one cycle. Advancing: each racer tries PLANNED ->
 * READY_FOR_HANDOFF -> PACKAGED; exactly one transition wins per state, one manifest is sealed,
 * and the hash chain never forks. Signing: each racer signs the sealed manifest as its own role at
 * once; every signature is kept (the manifest is updated under a cross-process lock), and the
 * manifest verifies.
 *
 * <p>{@code planning.race.rounds} rounds of each (default 1 in {@code mvn verify}; the long run in
 * docs/RELIABILITY.md uses 25), with {@value #PROCESSES} processes and {@value #THREADS} threads.
 */
@Tag("slow")
@Tag("race")
@Tag("subprocess")
class CycleRaceTest {

    private static final int ROUNDS = Integer.getInteger("planning.race.rounds", 1);
    private static final int PROCESSES = 3;
    private static final int THREADS = 3;
    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    private static final String MANIFEST = "frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml";

    @TempDir
    Path dir;

    @Test
    void exactlyOneAdvanceWinsPerStateAndTheChainNeverForks() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Path ws = CycleScript.committedExample(dir.resolve("advance-" + round));
            List<Integer> exits = race(dir.resolve("go-advance-" + round), racer -> List.of(
                    CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"),
                    CycleScript.cycle(ws, "advance", "--to", "PACKAGED")));

            List<RecordedEvent> events = new FileEventStore(ws).read(CYCLE); // verifies the chain
            assertChainIsLinear(events);
            assertThat(transitionsTo(events, CycleState.READY_FOR_HANDOFF)).as("round %d", round).isEqualTo(1);
            assertThat(transitionsTo(events, CycleState.PACKAGED)).as("round %d", round).isEqualTo(1);
            assertThat(events.stream().filter(e -> e.event().type() == EventType.MANIFEST_SEALED)).hasSize(1);
            assertThat(exits).as("each racer's two attempts").hasSize(2 * (PROCESSES + THREADS));
            assertThat(exits.stream().filter(code -> code == 0)).as("accepted attempts").hasSize(2);
            assertThat(exits).as("the others are refused as bad input or failed checks, never crashes")
                    .allMatch(code -> code == 0 || code == 1 || code == 2);
            assertThat(CliRun.of(CycleScript.cycle(ws, "status")).exitCode()).isZero();
        }
    }

    @Test
    void everyConcurrentSignatureIsKept() throws Exception {
        List<String> roles = List.of("PM", "TechLead", "QA", "Security", "Ops", "Design");
        for (int round = 0; round < ROUNDS; round++) {
            Path base = dir.resolve("sign-" + round);
            Path ws = CycleScript.committedExample(base);
            Path keys = base.resolve("keys");
            for (String role : roles) {
                CycleScript.ok("keys", "generate", "--role", role, "--out", keys.toString());
            }
            CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
            CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "PACKAGED"));
            Path manifest = ws.resolve(MANIFEST);

            List<Integer> exits = race(base.resolve("go"), racer -> List.<String[]>of(new String[] {
                "sign", manifest.toString(), "--role", roles.get(racer), "--key",
                keys.resolve(roles.get(racer) + ".key.pem").toString(), "--trust", keys.resolve("trust.yaml").toString()}));

            assertThat(exits).as("every signer succeeds").containsOnly(0).hasSize(roles.size());
            var signatures = new ManifestReader(ws).read(manifest, MANIFEST).manifest().signatures();
            assertThat(signatures).extracting(s -> s.role()).containsExactlyInAnyOrderElementsOf(roles);
            List<RecordedEvent> events = new FileEventStore(ws).read(CYCLE);
            assertChainIsLinear(events);
            assertThat(events.stream().filter(e -> e.event().type() == EventType.SIGNATURE_ADDED)).hasSize(roles.size());
            assertThat(CliRun.of(CycleScript.cycle(ws, "verify", "--trust", keys.resolve("trust.yaml").toString()))
                    .exitCode()).isZero();
        }
    }

    /**
     * Starts {@value #PROCESSES} child JVMs and {@value #THREADS} threads, each running the commands
     * {@code commands.apply(racerIndex)} (processes are racers 0..P-1), released together; returns all exit codes.
     */
    private static List<Integer> race(Path go, Function<Integer, List<String[]>> commands) throws Exception {
        RacingChildren children = RacingChildren.start(PROCESSES);
        try {
            // The threads spin from when the processes are ready, and all start when the start file appears.
            children.awaitReady();
            ConcurrentLinkedQueue<Integer> exits = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                List<String[]> list = commands.apply(PROCESSES + t);
                Thread thread = new Thread(() -> {
                    while (!Files.exists(go)) {
                        Thread.onSpinWait();
                    }
                    for (String[] command : list) {
                        exits.add(RacingCli.run(command));
                    }
                });
                thread.start();
                threads.add(thread);
            }
            List<List<String[]>> byProcess = new ArrayList<>();
            for (int p = 0; p < PROCESSES; p++) {
                byProcess.add(commands.apply(p));
            }
            children.release(byProcess);
            Files.createFile(go);
            // Hang guards, not measurements: on a loaded machine six racers' commands can take minutes.
            for (Thread thread : threads) {
                thread.join(TimeUnit.MINUTES.toMillis(10));
                assertThat(thread.isAlive()).as("a racing thread finished its commands").isFalse();
            }
            children.results().forEach(results -> results.forEach(result -> exits.add(result.exit())));
            return List.copyOf(exits);
        } finally {
            children.destroy();
        }
    }

    private static long transitionsTo(List<RecordedEvent> events, CycleState state) {
        return events.stream().map(RecordedEvent::event)
                .filter(e -> e.type() == EventType.STATE_TRANSITION && e.toState().equals(Optional.of(state))).count();
    }

    /** Each event names its predecessor's hash: one line of history, no fork. */
    private static void assertChainIsLinear(List<RecordedEvent> events) {
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).prevHash()).isEqualTo(events.get(i - 1).hash());
        }
    }
}
