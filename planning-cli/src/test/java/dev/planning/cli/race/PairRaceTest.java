package dev.planning.cli.race;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.event.EventType;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.cli.CliRun;
import dev.planning.cli.CycleScript;
import dev.planning.cli.race.RacingChildren.Result;
import dev.planning.engine.internal.artifact.ManifestReader;
import dev.planning.engine.internal.eventlog.FileEventStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two CLI processes run two writing commands on one workspace at once: advance and advance, seal and
 * advance, seal and sign, sign and sign (one role, and two), import and advance, digest and advance.
 * Both child JVMs start while the test prepares the workspace, print {@code READY} and block reading their
 * commands ({@link RacingChildren}), which the test writes to both back to back once the workspace is
 * ready: the two commands start within microseconds of each other and their work overlaps (each takes the
 * better part of a second).
 *
 * <p>Whatever the order: each command exits 0, or 1 (its gates refused, recorded) or 2 with one message and
 * no stack trace; the event log's chain verifies and never forks; each command that succeeded has exactly
 * its event, and no other command's event is doubled; the manifest reads and carries as many signatures as
 * signings were recorded; no temporary file is left (nothing half-written); and {@code status} reads the
 * workspace. {@code planning.race.rounds} rounds of each pair (default 1).
 */
@Tag("slow")
@Tag("race")
@Tag("subprocess")
class PairRaceTest {

    private static final int ROUNDS = Integer.getInteger("planning.race.rounds", 1);
    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    private static final String MANIFEST = "frameworks/planning-fe/manifests/2025-09-02-handoff_manifest.yaml";

    @TempDir
    Path dir;

    /** Where a pair starts from. */
    private enum Start {
        COMMITTED, READY, PACKAGED, EXECUTED, VALIDATED
    }

    /** A writing command and the event that acknowledges its success. */
    private record Racer(String name, EventType event, Optional<CycleState> reaches) {
    }

    /** The pairs raced. */
    enum Pair {
        ADVANCE_ADVANCE(Start.COMMITTED, "advance READY_FOR_HANDOFF", "advance READY_FOR_HANDOFF"),
        SEAL_ADVANCE(Start.READY, "seal", "advance PACKAGED"),
        SEAL_SIGN(Start.READY, "seal", "sign PM"),
        SIGN_SIGN_ONE_ROLE(Start.PACKAGED, "sign PM", "sign PM"),
        SIGN_SIGN_TWO_ROLES(Start.PACKAGED, "sign PM", "sign TechLead"),
        IMPORT_ADVANCE(Start.EXECUTED, "import", "advance VALIDATED"),
        DIGEST_ADVANCE(Start.VALIDATED, "digest", "advance IMPROVE");

        final Start start;
        final String first;
        final String second;

        Pair(Start start, String first, String second) {
            this.start = start;
            this.first = first;
            this.second = second;
        }
    }

    @ParameterizedTest
    @EnumSource(Pair.class)
    void bothCommandsEndCleanlyAndTheWorkspaceStaysWhole(Pair pair) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Path base = dir.resolve(pair.name().toLowerCase() + "-" + round);
            // The children's JVMs start while the workspace is prepared; they wait for their commands.
            RacingChildren children = RacingChildren.start(2);
            List<Result> results;
            Path ws;
            Path keys;
            int[] before;
            try {
                ws = prepare(pair.start, base);
                // The prepared copies bring their keys from VALIDATED and EXECUTED on.
                keys = Files.isDirectory(base.resolve("keys")) ? base.resolve("keys") : CycleScript.keys(base);
                before = counts(ws);
                children.release(List.<List<String[]>>of(List.<String[]>of(command(pair.first, ws, keys)),
                        List.<String[]>of(command(pair.second, ws, keys))));
                results = children.results().stream().map(reported -> {
                    assertThat(reported).as("%s: a racer reported its exit", pair).hasSize(1);
                    return reported.get(0);
                }).toList();
            } finally {
                children.destroy();
            }

            for (Result result : results) {
                assertThat(result.exit()).as("%s: %s", pair, result.err()).isIn(0, 1, 2);
                assertThat(result.err()).as("%s", pair).doesNotContain("\tat ", "Exception in thread", "internal error");
                if (result.exit() == 2) {
                    assertThat(result.err().strip()).as("%s: a message", pair).isNotEmpty();
                }
            }
            List<RecordedEvent> events = new FileEventStore(ws).read(CYCLE); // verifies the chain
            for (int i = 1; i < events.size(); i++) {
                assertThat(events.get(i).prevHash()).as("%s: one line of history", pair).isEqualTo(events.get(i - 1).hash());
            }
            int[] after = counts(ws);
            int[] expected = before.clone();
            List<Racer> kinds = List.of(racer(pair.first), racer(pair.second));
            for (int r = 0; r < 2; r++) {
                if (results.get(r).exit() == 0) {
                    expected[kinds.get(r).event().ordinal()]++;
                    if (kinds.get(r).reaches().equals(Optional.of(CycleState.PACKAGED))) {
                        expected[EventType.MANIFEST_SEALED.ordinal()]++;
                    }
                }
            }
            for (EventType type : List.of(EventType.MANIFEST_SEALED, EventType.SIGNATURE_ADDED,
                    EventType.OUTCOMES_IMPORTED, EventType.DIGEST_PUBLISHED)) {
                assertThat(after[type.ordinal()]).as("%s: %s events %s", pair, type, results).isEqualTo(expected[type.ordinal()]);
            }
            assertThat(transitions(events)).as("%s: each state reached once", pair).doesNotHaveDuplicates();
            assertThat(results.stream().filter(r -> r.exit() == 0)).as("%s: one of them succeeds", pair).isNotEmpty();
            if (Files.exists(ws.resolve(MANIFEST))) {
                var manifest = new ManifestReader(ws).read(ws.resolve(MANIFEST), MANIFEST).manifest();
                assertThat(manifest.signatures()).as("%s", pair).hasSize(after[EventType.SIGNATURE_ADDED.ordinal()]);
            }
            assertThat(temporaryFiles(ws)).as("%s: nothing half-written", pair).isEmpty();
            CliRun status = CliRun.of(CycleScript.cycle(ws, "status", "--trust", keys.resolve("trust.yaml").toString()));
            assertThat(status.exitCode()).as("%s: %s", pair, status.out() + status.err()).isZero();
        }
    }

    private static Path prepare(Start start, Path base) throws Exception {
        if (start == Start.VALIDATED) {
            return CycleScript.validatedExample(base);
        }
        Path ws = CycleScript.committedExample(base);
        if (start == Start.COMMITTED) {
            return ws;
        }
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "READY_FOR_HANDOFF"));
        if (start == Start.READY) {
            return ws;
        }
        CycleScript.ok(CycleScript.cycle(ws, "advance", "--to", "PACKAGED"));
        if (start == Start.PACKAGED) {
            return ws;
        }
        CycleScript.signVerifyAndExecute(ws, CycleScript.keys(base));
        return ws;
    }

    private static Racer racer(String command) {
        String[] words = command.split(" ");
        return switch (words[0]) {
            case "advance" -> new Racer(command, EventType.STATE_TRANSITION, Optional.of(CycleState.valueOf(words[1])));
            case "seal" -> new Racer(command, EventType.MANIFEST_SEALED, Optional.empty());
            case "sign" -> new Racer(command, EventType.SIGNATURE_ADDED, Optional.empty());
            case "import" -> new Racer(command, EventType.OUTCOMES_IMPORTED, Optional.empty());
            case "digest" -> new Racer(command, EventType.DIGEST_PUBLISHED, Optional.empty());
            default -> throw new IllegalArgumentException(command);
        };
    }

    private static String[] command(String command, Path ws, Path keys) {
        String[] words = command.split(" ");
        String trust = keys.resolve("trust.yaml").toString();
        return switch (words[0]) {
            case "advance" -> CycleScript.cycle(ws, "advance", "--to", words[1], "--trust", trust);
            case "seal" -> CycleScript.cycle(ws, "seal");
            case "sign" -> new String[] {"sign", ws.resolve(MANIFEST).toString(), "--role", words[1], "--key",
                keys.resolve(words[1] + ".key.pem").toString(), "--trust", trust};
            case "import" -> {
                List<String> args = new ArrayList<>(List.of(CycleScript.cycle(ws, "import")));
                args.addAll(outcomes(ws));
                yield args.toArray(String[]::new);
            }
            case "digest" -> CycleScript.cycle(ws, "digest");
            default -> throw new IllegalArgumentException(command);
        };
    }

    private static int[] counts(Path ws) {
        int[] counts = new int[EventType.values().length];
        for (RecordedEvent event : new FileEventStore(ws).read(CYCLE)) {
            counts[event.event().type().ordinal()]++;
        }
        return counts;
    }

    private static List<CycleState> transitions(List<RecordedEvent> events) {
        return events.stream().map(RecordedEvent::event).filter(e -> e.type() == EventType.STATE_TRANSITION)
                .map(e -> e.toState().orElseThrow()).toList();
    }

    private static List<Path> temporaryFiles(Path ws) throws IOException {
        try (Stream<Path> files = Files.walk(ws)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    /** The demo's outcomes, its deployments dated after the cycle's creation ({@link CycleScript#afterNow}). */
    private static List<String> outcomes(Path ws) {
        Path outcomes = Path.of("..", "planning-examples", "demo", "outcomes", "2025-09-02").toAbsolutePath().normalize();
        try (Stream<Path> list = Files.list(outcomes)) {
            return list.map(p -> p.getFileName().toString().equals("deployments.yaml") ? CycleScript.afterNow(p, ws)
                    : p).map(Path::toString).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
