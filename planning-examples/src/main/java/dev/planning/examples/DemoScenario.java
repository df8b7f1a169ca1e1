package dev.planning.examples;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.KpiValue;
import dev.planning.api.digest.DigestResult;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.LintReport;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.outcome.ImportReport;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SealResult;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.Keys;
import dev.planning.api.signing.SignatureAlgorithm;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.engine.OutputFile;
import dev.planning.engine.Planning;
import dev.planning.engine.internal.workspace.Shown;
import dev.planning.report.HtmlReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The demo scenario ({@code planning demo}): the frontend example's two cycles, end to end, in a
 * fresh git repository, through the public API only: lint, gates and governance, seal, sign as PM,
 * TechLead and QA, verify, import the execution outcomes, validate, publish the digest, improve
 * (carrying the retrospective's actions into the next cycle's plan), the second cycle the same
 * way (so its digest shows deltas and trends), and the HTML report of both.
 *
 * <p>The inputs a team would produce (outcomes, the retrospective, the next plan) are the files of
 * {@code planning-examples/demo}, packaged in this jar with the example workspace. Events are stamped
 * by a simulated clock (four hours per reading from 2025-09-02T08:00Z), so the durations in the
 * digests look like a real cycle's.
 *
 * <p>The {@link Result} of the demo writing into the directory {@code dir} and printing each step to the
 * {@code PrintWriter} {@code writer}:
 *
 * <pre>{@code
 * DemoScenario.builder().directory(dir).output(writer).build().run()
 * }</pre>
 *
 * <p>The directory must be new, empty, or an earlier demo's: the files an earlier demo wrote (listed
 * in its marker file) are removed, and nothing else; anything else is refused with an
 * {@link InvalidInputException} before a file is touched.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class DemoScenario {

    /** The file, in the demo's directory, that lists every file the demo wrote. */
    public static final String MARKER = ".planning-demo";

    private static final String RESOURCES = "dev/planning/examples/demo/";
    private static final CycleRef FIRST = new CycleRef("fe", "2025-09-02");
    private static final CycleRef SECOND = new CycleRef("fe", "2025-09-16");

    /** The two cycles the demo records, in order. */
    public static final List<CycleRef> CYCLES = List.of(FIRST, SECOND);
    private static final List<String> ROLES = List.of("PM", "TechLead", "QA");
    private static final WorkspaceLayout LAYOUT = WorkspaceLayout.DEFAULT;
    /** The directories the demo writes under its directory; everything in them is listed in the marker. */
    private static final List<String> OWNED = List.of("workspace", "keys", "inputs");
    private static final String LISTING = "# files written by `planning demo`; the next run removes these, and only these:";

    private final Path directory;
    private final PrintWriter o;
    private final UnaryOperator<Planning.Builder> configure;
    private final String statusOptions;
    private Path workspace;
    private Path keys;
    private Path inputs;
    private int step;

    private DemoScenario(Builder builder) {
        this.directory = builder.directory.toAbsolutePath().normalize();
        this.o = builder.output;
        this.configure = builder.configure;
        this.statusOptions = builder.statusOptions;
    }

    /** A builder; {@link Builder#directory(Path)} and {@link Builder#output(PrintWriter)} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What a run produced.
     *
     * @param passed    every lint, transition and verification of both cycles passed
     * @param workspace the demo's git repository
     * @param keys      the signing keys and {@code trust.yaml}
     * @param site      the HTML report's portfolio page
     */
    @API(status = API.Status.EXPERIMENTAL)
    public record Result(boolean passed, Path workspace, Path keys, Path site) {
    }

    /**
     * Runs both cycles, printing each step to the output.
     *
     * @return what the run produced; {@link Result#passed()} is false when a check did not hold
     * @throws InvalidInputException when the directory is neither new, empty, nor an earlier demo's
     * @throws PlanningException     when a file cannot be written
     */
    public Result run() {
        prepare(directory);
        try {
            return cycles();
        } finally {
            recordWritten(directory);
        }
    }

    private Result cycles() {
        workspace = directory.resolve("workspace");
        keys = directory.resolve("keys");
        inputs = directory.resolve("inputs");
        copyResources(RESOURCES + "fe-2025-09-02", workspace);
        copyResources(RESOURCES + "inputs", inputs);
        Planning.writeGitFiles(workspace);
        commit("plan for " + FIRST.cycleId());
        for (String role : ROLES) {
            Planning.keys().generate(role, SignatureAlgorithm.ED25519, keys);
        }
        TrustedKeys trust = Planning.keys().readTrustFile(keys.resolve(Keys.TRUST_FILE));
        PlanningWorkspace ws = configure.apply(Planning.builder().workspace(workspace)
                .trustedKeys(trust).triggeredBy("demo")
                .clock(new SimulatedClock(Instant.parse("2025-09-02T08:00:00Z"), Duration.ofHours(4))))
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
        Path site = HtmlReport.builder(ws).trustedKeys(Planning.keys().readTrustFile(keys.resolve(Keys.TRUST_FILE)))
                .asOf(LocalDate.now(ZoneOffset.UTC)).build().write(directory.resolve("site")).index();
        o.println("HTML report: " + site + " (open it in a browser)");
        o.flush();
        return new Result(ok, workspace, keys, site);
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
            // Only what this run wrote: with another event store there is no event log file.
            List<String> written = List.of(LAYOUT.manifest(cycle), LAYOUT.digest(cycle), LAYOUT.eventLog(cycle))
                    .stream().filter(file -> Files.isRegularFile(workspace.resolve(file))).toList();
            o.println("  " + cycle + ": " + String.join(", ", written));
        }
        // Past PACKAGED, status checks each manifest against the trust file (kept outside the workspace).
        o.println("Next: bin/planning status -w " + shellWord(workspace.toString()) + " --trust "
                + shellWord(keys.resolve("trust.yaml").toString()) + statusOptions);
    }

    /**
     * {@code text} as one word of a POSIX shell's command line, for a command printed to be copied:
     * as it is when it holds only characters no shell reads specially (letters and digits of ASCII and
     * {@code _ . / = : , + @ % -}), else in single quotes, a quote inside written {@code '\''}; so a path
     * with a space or non-ASCII letters pastes as one argument.
     *
     * @param text the word
     * @return the word as a shell reads it back
     */
    public static String shellWord(String text) {
        return Shown.shellWord(text);
    }

    /** One aligned line: name, value, unit, and the previous cycle's value in brackets. */
    private static String kpiLine(KpiValue kpi, KpiValue before, int width, int unitWidth) {
        return String.format(Locale.ROOT, "  %-" + width + "s  %12s %-" + unitWidth + "s  [%s]", kpi.name(),
                number(kpi), kpi.unit(), before == null ? "-" : number(before)).stripTrailing();
    }

    private static String number(KpiValue kpi) {
        return kpi.actual().map(v -> String.format(Locale.ROOT, "%.1f", v)).orElse("not measured");
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
        try (Repository repository = Files.isDirectory(workspace.resolve(".git"))
                ? new FileRepositoryBuilder().setGitDir(workspace.resolve(".git").toFile()).setMustExist(true).build()
                : OwnRepositories.create(workspace); Git git = Git.wrap(repository)) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Planning Demo", "demo@planning.dev");
            git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("git failed: " + e.getMessage(), e);
        }
    }

    /** Copies a directory of classpath resources (in this jar, or on disk in a build) to a directory. */
    private static void copyResources(String resourceDir, Path target) {
        URL url = DemoScenario.class.getResource("/" + resourceDir);
        if (url == null) {
            throw new IllegalStateException("resource directory missing from the examples jar: " + resourceDir);
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    copyTree(jar.getPath("/" + resourceDir), target);
                }
            } else {
                copyTree(Path.of(uri), target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination);
                }
            }
        }
    }

    /**
     * Makes the directory ready: a new or empty directory, or an earlier demo, whose files (listed in
     * its marker) are removed; nothing else ever is. A file in the demo's directories that the demo
     * did not write is refused before anything is removed; files beside them are left alone.
     */
    private static void prepare(Path dir) {
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
        writeAtomically(dir.resolve(MARKER), listing.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Through the product's one writer ({@link OutputFile#write}): a temporary {@code .<name>~<number>.tmp}
     * beside the file, then an atomic rename, so a reader never sees half of it and a killed write's temporary
     * goes with a later write (exit25: this wrote {@code .<name><number>.tmp}, which nothing swept).
     */
    private static void writeAtomically(Path file, byte[] content) {
        OutputFile.write(file, content);
    }

    /**
     * The demo's time: a whole cycle runs in seconds, so durations (lead time, velocity, DORA)
     * would be meaningless on the wall clock. Each reading moves it on by a fixed step instead.
     */
    private static final class SimulatedClock extends Clock {
        private final AtomicLong readings = new AtomicLong();
        private final Instant start;
        private final Duration step;

        SimulatedClock(Instant start, Duration step) {
            this.start = start;
            this.step = step;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return start.plus(step.multipliedBy(readings.getAndIncrement()));
        }
    }

    /** Builds a {@link DemoScenario}. */
    @API(status = API.Status.EXPERIMENTAL)
    public static final class Builder {
        private Path directory;
        private PrintWriter output;
        private UnaryOperator<Planning.Builder> configure = UnaryOperator.identity();
        private String statusOptions = "";

        private Builder() {
        }

        /** Where to create the demo: {@code DIR/workspace} is the repository, {@code DIR/keys} the signing keys. */
        public Builder directory(Path value) {
            this.directory = Objects.requireNonNull(value, "directory");
            return this;
        }

        /** Where each step is printed. */
        public Builder output(PrintWriter value) {
            this.output = Objects.requireNonNull(value, "output");
            return this;
        }

        /**
         * A last say over the workspace's builder before it is built, for example to give it
         * another {@link Planning.Builder#eventStore event store}; the demo has already set the
         * workspace, trusted keys, actor and its simulated clock.
         */
        public Builder configure(UnaryOperator<Planning.Builder> value) {
            this.configure = Objects.requireNonNull(value, "configure");
            return this;
        }

        /**
         * Options the follow-up {@code status} command printed at the end needs besides the
         * workspace and the trust file (for example {@code " --store FILE"} when the events went to
         * another store, each word as {@link DemoScenario#shellWord} writes it); empty by default.
         */
        public Builder statusOptions(String value) {
            this.statusOptions = Objects.requireNonNull(value, "statusOptions");
            return this;
        }

        /** The scenario, ready to {@link DemoScenario#run() run}. */
        public DemoScenario build() {
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(output, "output");
            return new DemoScenario(this);
        }
    }
}
