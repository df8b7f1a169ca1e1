package dev.planning.cli;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.LintReport;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.engine.Planning;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code planning demo}: the example frontend cycle, end to end, in a fresh copy of the example
 * workspace: lint, a dry run of the handoff gates, the recorded transition, and the history.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the example frontend planning cycle end to end in a fresh workspace copy.")
final class DemoCommand implements Callable<Integer> {

    static final String MARKER = ".planning-demo";
    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "planning-demo",
            description = "Where to create the demo workspace (default: ./${DEFAULT-VALUE}). "
                    + "An earlier demo there is replaced; any other non-empty directory is refused.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        Path workspace = prepare(out.toAbsolutePath().normalize());
        ClasspathTree.copy("dev/planning/cli/demo/fe-2025-09-02", workspace);
        write(workspace.resolve(MARKER));
        PlanningWorkspace ws = Planning.builder().workspace(workspace).build();

        o.println("Planning demo: frontend cycle " + CYCLE + " in " + workspace);
        o.println("rulebook " + ws.rulebook().version() + " sha256:" + ws.rulebook().hash());
        o.println();

        LintReport lint = ws.lint(Optional.of(CYCLE.stream()), Optional.of(CYCLE.cycleId()));
        o.println("1. lint: " + (lint.passed() ? "passed" : "FAILED") + " (" + lint.filesChecked().size() + " files, "
                + lint.findings().size() + " findings)");
        lint.findings().forEach(f -> o.println("     " + f.describe()));

        List<GateResult> dry = ws.dryRun(CYCLE, CycleState.READY_FOR_HANDOFF);
        o.println("2. gate (dry run) PLANNED -> READY_FOR_HANDOFF: " + describe(dry));

        TransitionResult advanced = ws.advance(CYCLE, CycleState.READY_FOR_HANDOFF);
        o.println("3. advance -> READY_FOR_HANDOFF: " + (advanced.accepted() ? "accepted" : "REFUSED")
                + ", " + describe(advanced.gateResults()));

        CycleStatus status = ws.status(CYCLE);
        o.println("4. status: " + status.state() + ", " + status.history().size()
                + " events, hash chain intact");
        o.println();
        o.println("Wrote:");
        o.println("  workspace  " + workspace);
        o.println("  event log  " + workspace.resolve("frameworks/planning-fe/events/2025-09-02.events.jsonl"));
        o.println("Next: bin/planning status -w " + workspace);
        boolean ok = lint.passed() && advanced.accepted();
        return ok ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private static String describe(List<GateResult> results) {
        if (results.isEmpty()) {
            return "no gates";
        }
        return String.join(", ", results.stream().map(r -> r.gate() + " " + r.status()).toList());
    }

    private static Path prepare(Path dir) {
        try {
            if (Files.exists(dir)) {
                boolean empty;
                try (Stream<Path> list = Files.list(dir)) {
                    empty = list.findAny().isEmpty();
                }
                if (!empty && !Files.exists(dir.resolve(MARKER))) {
                    throw new InvalidInputException(dir + " exists and is not an earlier demo; choose another --out");
                }
                deleteTree(dir);
            }
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private static void write(Path marker) {
        try {
            Files.writeString(marker, "created by `planning demo`; the next demo run replaces this directory\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
