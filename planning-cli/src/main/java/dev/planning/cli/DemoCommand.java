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
import dev.planning.api.digest.DigestResult;
import dev.planning.api.outcome.ImportReport;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.signing.Keys;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
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
                    + "repository, DIR/keys the signing keys. The files an earlier demo wrote there are removed, and nothing else; any other "
                    + "non-empty directory is refused.")
    Path out;

    @Option(names = "--store", paramLabel = "FILE",
            description = "Record the demo's events in the PostgreSQL store this configuration file names (url, user,"
                    + " password, repository, kafka.bootstrap.servers, kafka.topic); default: $PLANNING_STORE_CONFIG or"
                    + " $PLANNING_STORE_URL, else the workspace's files. With Kafka configured, the events are"
                    + " published to the topic when the demo ends. Never a URL or password here.")
    Path store;

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
        try {
            return run(dir);
        } finally {
            recordWritten(dir);
        }
    }

    private int run(Path dir) {
        workspace = dir.resolve("workspace");
        keys = dir.resolve("keys");
        inputs = dir.resolve("inputs");
        ClasspathTree.copy(RESOURCES + "fe-2025-09-02", workspace);
        ClasspathTree.copy(RESOURCES + "inputs", inputs);
        Planning.writeGitFiles(workspace);
        commit("plan for " + FIRST.cycleId());
        for (String role : ROLES) {
            Planning.keys().generate(role, SignatureAlgorithm.ED25519, keys);
        }
        Planning.Builder builder = Planning.builder().workspace(workspace);
        StoreSelection.open(store).ifPresent(opened -> {
            for (CycleRef cycle : List.of(FIRST, SECOND)) {
                if (!opened.store().eventStore().read(cycle).isEmpty()) {
                    throw new InvalidInputException("the store's repository '"
                            + opened.config().repository() + "' already holds cycle " + cycle
                            + ": run the demo against a repository of its own (repository= in the store file,"
                            + " or $PLANNING_STORE_REPOSITORY)");
                }
            }
            o.println("events go to the PostgreSQL store, repository " + opened.config().repository()
                    + opened.config().kafkaBootstrap().map(servers -> ", then to Kafka topic "
                            + opened.config().kafkaTopic() + " at " + servers).orElse(""));
            builder.eventStore(opened.store().eventStore());
        });
        PlanningWorkspace ws = builder
                .trustedKeys(Planning.keys().readTrustFile(keys.resolve(Keys.TRUST_FILE))).triggeredBy("demo")
                .clock(new SimulatedClock(java.time.Instant.parse("2025-09-02T08:00:00Z"), java.time.Duration.ofHours(4)))
                .build();
        o.println("Planning demo: two frontend cycles in " + workspace);
        o.println("rulebook " + ws.rulebook().version() + " sha256:" + ws.rulebook().hash());

        boolean ok = runCycle(ws, FIRST);
        say("retrospective: decisions and improvement actions in " + copyInput("retro/2025-09-02-retrospective.yaml",
                LAYOUT.retrospective(FIRST)));
        DigestResult firstDigest = ws.digest(FIRST);
        say("digest " + firstDigest.path());
        ok &= accepted(ws.advance(FIRST, CycleState.IMPROVE));
        copyInput("next/2025-09-16-fe_task_breakdown.yaml", LAYOUT.taskBreakdown(SECOND));
        copyInput("next/2025-09-16-story_map.md", LAYOUT.storyMap(SECOND));
        var improved = ws.improve(FIRST, SECOND.cycleId());
        say(FIRST + " COMPLETED; " + SECOND + " opened with " + improved.carried().size()
                + " improvement action(s) carried into " + improved.planPath());
        commit("plan for " + SECOND.cycleId());

        ok &= runCycle(ws, SECOND);
        DigestResult secondDigest = ws.digest(SECOND);
        say("digest " + secondDigest.path() + " (deltas against " + FIRST.cycleId() + ")");
        summary(firstDigest, secondDigest);
        // The HTML report of both cycles, as `planning report --html DIR/site` writes it.
        o.println("HTML report: " + DemoSite.write(ws, Planning.keys().readTrustFile(keys.resolve(Keys.TRUST_FILE)),
                workspace.getParent().resolve("site")) + " (open it in a browser)");
        return ok ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** One cycle from PLANNED to VALIDATED. */
    private boolean runCycle(PlanningWorkspace ws, CycleRef cycle) {
        o.println();
        o.println("== cycle " + cycle);
        LintReport lint = ws.lint(cycle.stream(), cycle.cycleId());
        say("lint: " + (lint.passed() ? "passed" : "FAILED") + " (" + lint.filesChecked().size() + " files, "
                + lint.findings().size() + " findings)");
        lint.findings().forEach(f -> o.println("      " + f.describe()));
        boolean ok = lint.passed() && accepted(ws.advance(cycle, CycleState.READY_FOR_HANDOFF));
        SealResult seal = ws.seal(cycle, SealOptions.defaults());
        seal.transition().ifPresent(this::accepted);
        ok &= seal.sealed();
        seal.manifestPath().ifPresent(path -> say("sealed " + path + " at " + seal.manifest().orElseThrow().snapshotRev()));
        for (String role : ROLES) {
            ws.sign(cycle, Planning.keys().pemSigner(role, keys.resolve(role + ".key.pem")));
        }
        say("signed by " + String.join(", ", ROLES));
        VerificationReport verified = ws.verify(cycle, Planning.keys().readTrustFile(keys.resolve(Keys.TRUST_FILE)));
        say("verify: " + (verified.passed() ? "passed" : "FAILED") + " (" + verified.artifactsChecked()
                + " artifacts, " + verified.countedSignatures().size() + " signatures)");
        ok &= verified.passed() && accepted(ws.advance(cycle, CycleState.EXECUTED));
        ImportReport imported = ws.importOutcomes(cycle, outcomes(cycle));
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
        int width = second.summary().kpis().keySet().stream().mapToInt(String::length).max().orElse(0);
        int unitWidth = second.summary().kpis().values().stream().mapToInt(k -> k.unit().length()).max().orElse(0);
        for (KpiValue kpi : second.summary().kpis().values()) {
            KpiValue before = first.summary().kpis().get(kpi.name());
            o.println(kpiLine(kpi, before, width, unitWidth));
        }
        o.println();
        o.println("Wrote:");
        o.println("  workspace  " + workspace + " (a git repository)");
        o.println("  keys       " + keys + " (PM, TechLead, QA and trust.yaml)");
        for (CycleRef cycle : List.of(FIRST, SECOND)) {
            o.println("  " + cycle + ": " + LAYOUT.manifest(cycle) + ", " + LAYOUT.digest(cycle) + ", "
                    + LAYOUT.eventLog(cycle));
        }
        // Past PACKAGED, status checks each manifest against the trust file (kept outside the workspace).
        o.println("Next: bin/planning status -w " + workspace + " --trust " + keys.resolve("trust.yaml")
                + (store != null ? " --store " + store : ""));
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

    /** One aligned line: name, value, unit, and the previous cycle's value in brackets. */
    static String kpiLine(KpiValue kpi, KpiValue before, int width, int unitWidth) {
        return String.format(java.util.Locale.ROOT, "  %-" + width + "s  %12s %-" + unitWidth + "s  [%s]", kpi.name(),
                number(kpi), kpi.unit(), before == null ? "-" : number(before)).stripTrailing();
    }

    private static String number(KpiValue kpi) {
        return kpi.actual().map(v -> String.format(java.util.Locale.ROOT, "%.1f", v)).orElse("not measured");
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

    /** The directories the demo writes under DIR; everything in them is listed in the marker. */
    private static final List<String> OWNED = List.of("workspace", "keys", "inputs");
    private static final String LISTING = "# files written by `planning demo`; the next run removes these, and only these:";

    /**
     * Makes DIR ready: a new or empty directory, or an earlier demo, whose files (listed in its
     * marker) are removed; nothing else ever is. A file in the demo's directories that the demo did
     * not write is refused before anything is removed; files beside them are left alone.
     */
    private static Path prepare(Path dir) {
        try {
            if (Files.exists(dir)) {
                boolean empty;
                try (Stream<Path> list = Files.list(dir)) {
                    empty = list.findAny().isEmpty();
                }
                if (!empty) {
                    removeEarlierDemo(dir);
                }
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MARKER), LISTING + "\n", StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void removeEarlierDemo(Path dir) throws IOException {
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(dir + " exists and is not an earlier demo; choose another --out");
        }
        List<String> lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(LISTING)) {
            throw new InvalidInputException(dir + " holds an earlier demo that did not list the files it wrote;"
                    + " remove it yourself, or choose another --out");
        }
        Set<Path> written = new HashSet<>();
        lines.stream().skip(1).filter(l -> !l.isBlank()).forEach(l -> written.add(dir.resolve(l).normalize()));
        List<Path> files = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        for (String owned : OWNED) {
            Path top = dir.resolve(owned);
            if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(top)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        dirs.add(p);
                    } else if (written.contains(p.normalize())) {
                        files.add(p);
                    } else {
                        throw new InvalidInputException(p + " was not written by the demo, and the next demo would"
                                + " replace " + top + "; move the file elsewhere, or choose another --out");
                    }
                }
            }
        }
        for (Path file : files) {
            Files.delete(file);
        }
        dirs.sort(Comparator.reverseOrder());
        for (Path d : dirs) {
            Files.delete(d); // empty now: every file in it was the demo's
        }
        Files.delete(marker);
    }

    /** Lists every file the demo wrote in its marker, so that the next run removes exactly these. */
    private static void recordWritten(Path dir) {
        StringBuilder listing = new StringBuilder(LISTING).append('\n');
        for (String owned : OWNED) {
            Path top = dir.resolve(owned);
            if (!Files.exists(top)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(top)) {
                walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted()
                        .forEach(p -> listing.append(dir.relativize(p).toString().replace('\\', '/')).append('\n'));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        OutputFiles.write(dir.resolve(MARKER), listing.toString().getBytes(StandardCharsets.UTF_8));
    }
}
