package dev.planning.cli;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.artifact.KpiValue;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.LintReport;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SealResult;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.engine.Planning;
import dev.planning.engine.digest.DigestPublisher;
import dev.planning.engine.digest.DigestResult;
import dev.planning.engine.improve.CycleImprover;
import dev.planning.engine.outcome.ImportReport;
import dev.planning.engine.outcome.OutcomeImporter;
import dev.planning.engine.signing.KeyFiles;
import dev.planning.engine.signing.PemSigner;
import dev.planning.engine.signing.TrustFile;
import dev.planning.engine.workspace.WorkspaceLayout;
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
import dev.planning.engine.scaffold.GitFiles;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code planning demo}: the frontend example's two cycles, end to end, in a fresh git repository:
 * lint, gates and governance, seal, sign as PM, TechLead and QA, verify, import the execution
 * outcomes, validate, publish the digest, improve (carrying the retrospective's actions into the
 * next cycle's plan), and the second cycle the same way, so its digest shows deltas and trends.
 *
 * <p>Everything goes through the same public operations the other commands use; the inputs a team
 * would produce (outcomes, the retrospective, the next plan) come from {@code planning-examples/demo}.
 * Events are stamped by a simulated clock (four hours per reading from 2025-09-02T08:00Z), so the
 * durations in the digests look like a real cycle's.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the example frontend planning cycles end to end in a fresh workspace copy.")
final class DemoCommand implements Callable<Integer> {

    static final String MARKER = ".planning-demo";
    private static final String RESOURCES = "dev/planning/cli/demo/";
    private static final CycleRef FIRST = new CycleRef("fe", "2025-09-02");
    private static final CycleRef SECOND = new CycleRef("fe", "2025-09-16");
    private static final List<String> ROLES = List.of("PM", "TechLead", "QA");
    private static final WorkspaceLayout LAYOUT = WorkspaceLayout.DEFAULT;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "planning-demo",
            description = "Where to create the demo (default: ./${DEFAULT-VALUE}): DIR/workspace is the "
                    + "repository, DIR/keys the signing keys. An earlier demo there is replaced; any other "
                    + "non-empty directory is refused.")
    Path out;

    @Spec
    CommandSpec spec;

    private PrintWriter o;
    private Path workspace;
    private Path keys;
    private Path inputs;
    private int step;

    @Override
    public Integer call() {
        o = spec.commandLine().getOut();
        Path dir = prepare(out.toAbsolutePath().normalize());
        workspace = dir.resolve("workspace");
        keys = dir.resolve("keys");
        inputs = dir.resolve("inputs");
        ClasspathTree.copy(RESOURCES + "fe-2025-09-02", workspace);
        ClasspathTree.copy(RESOURCES + "inputs", inputs);
        GitFiles.write(workspace);
        commit("plan for " + FIRST.cycleId());
        for (String role : ROLES) {
            KeyFiles.generate(role, SignatureAlgorithm.ED25519, keys);
        }
        PlanningWorkspace ws = Planning.builder().workspace(workspace)
                .trustedKeys(TrustFile.read(keys.resolve(KeyFiles.TRUST_FILE))).triggeredBy("demo")
                .clock(new SimulatedClock(java.time.Instant.parse("2025-09-02T08:00:00Z"), java.time.Duration.ofHours(4)))
                .build();
        o.println("Planning demo: two frontend cycles in " + workspace);
        o.println("rulebook " + ws.rulebook().version() + " sha256:" + ws.rulebook().hash());

        boolean ok = runCycle(ws, FIRST);
        say("retrospective: decisions and improvement actions in " + copyInput("retro/2025-09-02-retrospective.yaml",
                LAYOUT.retrospective(FIRST)));
        DigestResult firstDigest = new DigestPublisher(ws).publish(FIRST, Optional.empty());
        say("digest " + firstDigest.path());
        ok &= accepted(ws.advance(FIRST, CycleState.IMPROVE));
        copyInput("next/2025-09-16-fe_task_breakdown.yaml", LAYOUT.taskBreakdown(SECOND));
        copyInput("next/2025-09-16-story_map.md", LAYOUT.storyMap(SECOND));
        var improved = new CycleImprover(ws).complete(FIRST, SECOND.cycleId());
        say(FIRST + " COMPLETED; " + SECOND + " opened with " + improved.carried().size()
                + " improvement action(s) carried into " + improved.planPath());
        commit("plan for " + SECOND.cycleId());

        ok &= runCycle(ws, SECOND);
        DigestResult secondDigest = new DigestPublisher(ws).publish(SECOND, Optional.empty());
        say("digest " + secondDigest.path() + " (deltas against " + FIRST.cycleId() + ")");
        summary(firstDigest, secondDigest);
        return ok ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** One cycle from PLANNED to VALIDATED. */
    private boolean runCycle(PlanningWorkspace ws, CycleRef cycle) {
        o.println();
        o.println("== cycle " + cycle);
        LintReport lint = ws.lint(Optional.of(cycle.stream()), Optional.of(cycle.cycleId()));
        say("lint: " + (lint.passed() ? "passed" : "FAILED") + " (" + lint.filesChecked().size() + " files, "
                + lint.findings().size() + " findings)");
        lint.findings().forEach(f -> o.println("      " + f.describe()));
        boolean ok = lint.passed() && accepted(ws.advance(cycle, CycleState.READY_FOR_HANDOFF));
        SealResult seal = ws.seal(cycle, SealOptions.defaults());
        seal.transition().ifPresent(this::accepted);
        ok &= seal.sealed();
        seal.manifestPath().ifPresent(path -> say("sealed " + path + " at " + seal.manifest().orElseThrow().snapshotRev()));
        for (String role : ROLES) {
            ws.sign(cycle, PemSigner.load(role, keys.resolve(role + ".key.pem")));
        }
        say("signed by " + String.join(", ", ROLES));
        VerificationReport verified = ws.verify(cycle, TrustFile.read(keys.resolve(KeyFiles.TRUST_FILE)));
        say("verify: " + (verified.passed() ? "passed" : "FAILED") + " (" + verified.artifactsChecked()
                + " artifacts, " + verified.countedSignatures().size() + " signatures)");
        ok &= verified.passed() && accepted(ws.advance(cycle, CycleState.EXECUTED));
        ImportReport imported = new OutcomeImporter(ws).importFiles(cycle, outcomes(cycle));
        say("imported " + imported.files().size() + " outcome file(s) into " + LAYOUT.outcomesDir(cycle));
        return ok && accepted(ws.advance(cycle, CycleState.VALIDATED));
    }

    private boolean accepted(TransitionResult result) {
        say(result.transition().from() + " -> " + result.transition().to() + ": "
                + (result.accepted() ? "accepted" : "REFUSED") + gates(result.gateResults()));
        if (!result.accepted()) {
            result.failedGates().forEach(g -> g.findings().forEach(f -> o.println("      " + f.describe())));
        }
        return result.accepted();
    }

    private static String gates(List<GateResult> results) {
        return results.isEmpty() ? "" : " (" + String.join(", ",
                results.stream().map(r -> r.gate() + " " + r.status()).toList()) + ")";
    }

    private void summary(DigestResult first, DigestResult second) {
        o.println();
        o.println("KPIs of " + SECOND + " (previous cycle in brackets):");
        for (KpiValue kpi : second.summary().kpis().values()) {
            KpiValue before = first.summary().kpis().get(kpi.name());
            o.printf("  %-30s %12s  [%s]%n", kpi.name(), value(kpi), before == null ? "-" : value(before));
        }
        o.println();
        o.println("Wrote:");
        o.println("  workspace  " + workspace + " (a git repository)");
        o.println("  keys       " + keys + " (PM, TechLead, QA and trust.yaml)");
        for (CycleRef cycle : List.of(FIRST, SECOND)) {
            o.println("  " + cycle + ": " + LAYOUT.manifest(cycle) + ", " + LAYOUT.digest(cycle) + ", "
                    + LAYOUT.eventLog(cycle));
        }
        o.println("Next: bin/planning status -w " + workspace);
    }

    /**
     * The demo's time: a whole cycle runs in seconds, so durations (lead time, velocity, DORA)
     * would be meaningless on the wall clock. Each reading moves it on by a fixed step instead.
     */
    private static final class SimulatedClock extends java.time.Clock {
        private final java.util.concurrent.atomic.AtomicLong readings = new java.util.concurrent.atomic.AtomicLong();
        private final java.time.Instant start;
        private final java.time.Duration step;

        SimulatedClock(java.time.Instant start, java.time.Duration step) {
            this.start = start;
            this.step = step;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return start.plus(step.multipliedBy(readings.getAndIncrement()));
        }
    }

    private static String value(KpiValue kpi) {
        return kpi.actual().map(v -> String.format(java.util.Locale.ROOT, "%.1f %s", v, kpi.unit()))
                .orElse("not measured");
    }

    private void say(String text) {
        o.printf("%2d. %s%n", ++step, text);
    }

    private List<Path> outcomes(CycleRef cycle) {
        try (Stream<Path> list = Files.list(inputs.resolve("outcomes").resolve(cycle.cycleId()))) {
            return list.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String copyInput(String input, String workspacePath) {
        try {
            Path target = workspace.resolve(workspacePath);
            Files.createDirectories(target.getParent());
            Files.copy(inputs.resolve(input), target);
            return workspacePath;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void commit(String message) {
        try (Git git = Files.isDirectory(workspace.resolve(".git")) ? Git.open(workspace.toFile())
                : Git.init().setDirectory(workspace.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Planning Demo", "demo@planning.dev");
            git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("git failed: " + e.getMessage(), e);
        }
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
            Files.writeString(dir.resolve(MARKER),
                    "created by `planning demo`; the next demo run replaces this directory\n");
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
}
