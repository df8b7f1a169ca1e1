package dev.planning.testkit.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.PlanningException;
import dev.planning.api.artifact.CapacityModel;
import dev.planning.api.artifact.Contract;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.Task;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.LintReport;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.lifecycle.Transition;
import dev.planning.api.outcome.CoverageOutcome;
import dev.planning.api.outcome.CoverageOutcomes;
import dev.planning.api.outcome.CoverageTotal;
import dev.planning.api.outcome.CycleOutcomes;
import dev.planning.api.outcome.TestOutcome;
import dev.planning.api.rulebook.GateProfile;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.ArtifactKind;
import dev.planning.api.store.WorkspaceFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A {@link GateContext} for testing a gate without an engine or a workspace on disk: every part of
 * the context is set in code, and whatever is not set answers "nothing" (no plan, no waivers, no
 * trusted key), so a gate author implements none of the context's methods by hand.
 *
 * <pre>{@code
 * GateContext context = GateContextFixture.builder(new CycleRef("fe", "2025-09-02"))
 *         .tasks(Task.builder("FE-1", "Checkout").priority(Priority.P0).build())
 *         .today(LocalDate.of(2025, 9, 2))
 *         .file("frameworks/planning-fe/decisions/2025-09-02-decision_log.yaml", "decisions: []\n")
 *         .build();
 *
 * GateResult result = new P0DueDateGate().evaluate(context);   // p0.no-due-date for FE-1
 * }</pre>
 *
 * <p>Waivers given ({@link Builder#waivers}) reach the gate as {@link GateContext#waivers()}, and no more: the
 * engine lifts no gate's finding by a waiver (the {@code governance} gate judges the decision log's waivers
 * against its rules), so a waiver lifts a custom gate's finding only where that gate reads its waivers itself.
 *
 * <p>Defaults: the transition {@code PLANNED -> READY_FOR_HANDOFF}; a rulebook with one empty
 * profile and the thresholds, taxonomy and required tags given here, whose files are those given with
 * {@link Builder#rulebookFile} (none by default: a rule file not given is not served); a clock fixed at
 * {@link #DEFAULT_NOW} (never the wall clock); files in memory, placed by the engine's default
 * layout ({@code frameworks/planning-{stream}/...}) unless {@link Builder#path} says otherwise;
 * {@link GateContext#artifactPaths()} lists the files given; the workspace path is
 * {@link #DEFAULT_WORKSPACE}, which does not exist (set {@link Builder#workspace} for a gate that
 * hands a directory to a tool). Outcomes: none imported unless given ({@link Builder#testReport},
 * {@link Builder#coverageReport}, {@link Builder#deployed}, {@link Builder#previousCoverage}), placed
 * under the cycle's outcomes directory ({@link ArtifactKind#OUTCOMES}). {@link GateContext#lint()}
 * and {@link GateContext#verifyManifest()} refuse, as the interface does, unless a report is given
 * with {@link Builder#lint} or {@link Builder#verification}: a fixture never lets a gate pass by
 * leaving something out (an empty lint would pass).
 *
 * <p>The context built is immutable; the builder is not thread-safe.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class GateContextFixture {

    /** The instant the default clock is fixed at: 2025-09-02T09:00:00Z. */
    public static final Instant DEFAULT_NOW = Instant.parse("2025-09-02T09:00:00Z");

    /** The workspace path when none is given: a directory that does not exist. */
    public static final Path DEFAULT_WORKSPACE =
            Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().resolve("planning-gate-fixture-no-workspace");

    private GateContextFixture() {
    }

    /**
     * A builder for a context of one cycle.
     *
     * @param cycle the cycle the gate checks, never {@code null}
     * @return a new builder
     */
    public static Builder builder(CycleRef cycle) {
        return new Builder(cycle);
    }

    /**
     * Builds fixture contexts; see {@link GateContextFixture} for the defaults. Setters given a
     * {@code null} refuse it, naming it; list setters add to what was given before.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final CycleRef cycle;
        private Transition transition = Lifecycle.find(CycleState.PLANNED, CycleState.READY_FOR_HANDOFF).orElseThrow();
        private Path workspace = DEFAULT_WORKSPACE;
        private Rulebook rulebook;
        private final Map<String, Double> thresholds = new LinkedHashMap<>();
        private final Map<String, List<String>> taxonomy = new LinkedHashMap<>();
        private final List<String> requiredTags = new ArrayList<>();
        private TaskBreakdown plan;
        private final List<Task> tasks = new ArrayList<>();
        private StoryMap storyMap;
        private final Map<String, TaskBreakdown> otherStreams = new LinkedHashMap<>();
        private final Map<String, byte[]> files = new LinkedHashMap<>();
        private final Map<String, byte[]> rulebookFiles = new LinkedHashMap<>();
        private final Map<ArtifactKind, String> paths = new EnumMap<>(ArtifactKind.class);
        private List<String> artifactPaths;
        private final List<GateResult> priorResults = new ArrayList<>();
        private Clock clock = Clock.fixed(DEFAULT_NOW, ZoneOffset.UTC);
        private Instant judgedAt;
        private final List<Waiver> waivers = new ArrayList<>();
        private final List<Contract> contracts = new ArrayList<>();
        private CapacityModel capacity;
        private TrustedKeys trustedKeys = TrustedKeys.none();
        private HandoffManifest manifest;
        private VerificationReport verification;
        private LintReport lint;
        private final List<TestOutcome> tests = new ArrayList<>();
        private final List<CoverageOutcome> coverage = new ArrayList<>();
        private final List<CoverageOutcomes.Unreadable> coverageProblems = new ArrayList<>();
        private final List<CoverageTotal> coverageTotals = new ArrayList<>();
        private final Set<String> deployed = new HashSet<>();
        private CoverageOutcomes previousCoverage;

        private Builder(CycleRef cycle) {
            this.cycle = Objects.requireNonNull(cycle, "cycle");
        }

        /**
         * The transition the gate runs for.
         *
         * @param from the state the transition leaves
         * @param to the target state
         * @return this builder
         * @throws IllegalArgumentException when the lifecycle has no such transition
         */
        public Builder transition(CycleState from, CycleState to) {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            this.transition = Lifecycle.find(from, to).orElseThrow(() -> new IllegalArgumentException(
                    "the lifecycle has no transition " + from + "->" + to + "; expected one of "
                            + Lifecycle.transitions().stream().map(Transition::key).toList()));
            return this;
        }

        /**
         * The workspace root the context reports (made absolute); nothing is read from it.
         *
         * @param value the workspace root the context reports (made absolute); nothing is read from it
         * @return this builder
         */
        public Builder workspace(Path value) {
            this.workspace = Objects.requireNonNull(value, "workspace").toAbsolutePath();
            return this;
        }

        /**
         * The rulebook in force, instead of the fixture's (then no threshold, taxonomy or required tag may be set).
         *
         * @param value the rulebook in force, instead of the fixture's (then no threshold, taxonomy or
         *              required tag may be set)
         * @return this builder
         */
        public Builder rulebook(Rulebook value) {
            this.rulebook = Objects.requireNonNull(value, "rulebook");
            return this;
        }

        /**
         * A file of the rulebook in force, as {@link GateContext#rulebookFile(String)} serves it: the
         * {@code governance} gate compiles the rule files from here, never from the rulebook's
         * directory. A rule file not given is not served, which fails that gate.
         *
         * @param file    relative to the rulebook directory, e.g. {@code rules/critical.drl}
         * @param content the file's text, stored as UTF-8
         * @return this builder
         */
        public Builder rulebookFile(String file, String content) {
            rulebookFiles.put(Objects.requireNonNull(file, "file"),
                    Objects.requireNonNull(content, "content").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /**
         * A threshold of the fixture's rulebook.
         *
         * @param name the threshold's name, e.g. {@code critical_approvals}
         * @param value the threshold's value
         * @return this builder
         */
        public Builder threshold(String name, double value) {
            thresholds.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        /**
         * The allowed values of a tag key in the fixture's rulebook.
         *
         * @param key the tag key, e.g. {@code compliance}
         * @param allowed its allowed values
         * @return this builder
         */
        public Builder taxonomy(String key, String... allowed) {
            taxonomy.put(Objects.requireNonNull(key, "key"), List.of(allowed));
            return this;
        }

        /**
         * Tag keys every task must carry, in the fixture's rulebook.
         *
         * @param keys the tag keys
         * @return this builder
         */
        public Builder requiredTags(String... keys) {
            requiredTags.addAll(List.of(keys));
            return this;
        }

        /**
         * Tasks of the cycle's plan ({@link TaskBreakdown#of}), after those given before.
         *
         * @param more tasks of the cycle's plan ({@link TaskBreakdown#of}), after those given before
         * @return this builder
         */
        public Builder tasks(Task... more) {
            Arrays.stream(more).forEach(t -> tasks.add(Objects.requireNonNull(t, "task")));
            return this;
        }

        /**
         * The cycle's plan as a whole, instead of {@link #tasks}.
         *
         * @param value the cycle's plan as a whole, instead of {@link #tasks}
         * @return this builder
         */
        public Builder plan(TaskBreakdown value) {
            this.plan = Objects.requireNonNull(value, "plan");
            return this;
        }

        /**
         * The cycle's story map.
         *
         * @param value the cycle's story map
         * @return this builder
         */
        public Builder storyMap(StoryMap value) {
            this.storyMap = Objects.requireNonNull(value, "storyMap");
            return this;
        }

        /**
         * Another stream's plan, made of these tasks.
         *
         * @param stream the other stream's name
         * @param streamTasks that stream's tasks
         * @return this builder
         */
        public Builder otherStream(String stream, Task... streamTasks) {
            Objects.requireNonNull(stream, "stream");
            return otherStream(TaskBreakdown.of(stream, cycle.cycleId(), Arrays.asList(streamTasks)));
        }

        /**
         * Another stream's plan.
         *
         * @param value another stream's plan
         * @return this builder
         */
        public Builder otherStream(TaskBreakdown value) {
            Objects.requireNonNull(value, "otherStream");
            otherStreams.put(value.stream(), value);
            return this;
        }

        /**
         * A workspace file, UTF-8, readable through {@link GateContext#files()}.
         *
         * @param path the workspace-relative path
         * @param content the file's text
         * @return this builder
         * @throws dev.planning.api.InvalidInputException when the path is not workspace-relative
         */
        public Builder file(String path, String content) {
            Objects.requireNonNull(content, "content");
            return file(path, content.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * A workspace file, readable through {@link GateContext#files()}.
         *
         * @param path the workspace-relative path
         * @param content the file's bytes
         * @return this builder
         * @throws dev.planning.api.InvalidInputException when the path is not workspace-relative
         */
        public Builder file(String path, byte[] content) {
            Objects.requireNonNull(content, "content");
            files.put(MemoryFiles.check(path), content.clone());
            return this;
        }

        /**
         * Where {@link WorkspaceFiles#path} places an artifact kind of the cycle, instead of the
         * default layout (for a gate tested against another layout).
         *
         * @param kind the kind of artifact
         * @param path the workspace-relative path to place it at
         * @return this builder
         */
        public Builder path(ArtifactKind kind, String path) {
            paths.put(Objects.requireNonNull(kind, "kind"), MemoryFiles.check(path));
            return this;
        }

        /**
         * The cycle's artifact files, instead of the paths of the files given.
         *
         * @param value the cycle's artifact files, instead of the paths of the files given
         * @return this builder
         */
        public Builder artifactPaths(String... value) {
            this.artifactPaths = Arrays.stream(value).map(MemoryFiles::check).toList();
            return this;
        }

        /**
         * Results of gates that ran before this one, in order, after those given before.
         *
         * @param results the earlier gates' results, in order
         * @return this builder
         */
        public Builder priorResults(GateResult... results) {
            Arrays.stream(results).forEach(r -> priorResults.add(Objects.requireNonNull(r, "priorResult")));
            return this;
        }

        /**
         * The clock the verdict is judged by, in UTC: its instants are kept and its zone dropped, as the
         * engine's builder does, so {@link GateContext#today()} is the UTC day whatever the zone of
         * {@code value} (a gate tested here judges the day the engine will).
         *
         * @param value the clock the verdict is judged by; its zone is not used
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock").withZone(ZoneOffset.UTC);
            return this;
        }

        /**
         * A clock fixed at the start of this day, UTC.
         *
         * @param value a clock fixed at the start of this day, UTC
         * @return this builder
         */
        public Builder today(LocalDate value) {
            Objects.requireNonNull(value, "today");
            return clock(Clock.fixed(value.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC));
        }

        /**
         * The moment a sealed verdict is recomputed at; the context's clock is then fixed there.
         *
         * @param value the moment a sealed verdict is recomputed at; the context's clock is then fixed there
         * @return this builder
         */
        public Builder judgedAt(Instant value) {
            this.judgedAt = Objects.requireNonNull(value, "judgedAt");
            return this;
        }

        /**
         * Waivers of the cycle's decision log, after those given before.
         *
         * @param more waivers of the cycle's decision log, after those given before
         * @return this builder
         */
        public Builder waivers(Waiver... more) {
            Arrays.stream(more).forEach(w -> waivers.add(Objects.requireNonNull(w, "waiver")));
            return this;
        }

        /**
         * Contracts the cycle's stream declares, after those given before.
         *
         * @param more contracts the cycle's stream declares, after those given before
         * @return this builder
         */
        public Builder contracts(Contract... more) {
            Arrays.stream(more).forEach(c -> contracts.add(Objects.requireNonNull(c, "contract")));
            return this;
        }

        /**
         * The workspace's capacity model.
         *
         * @param value the workspace's capacity model
         * @return this builder
         */
        public Builder capacity(CapacityModel value) {
            this.capacity = Objects.requireNonNull(value, "capacity");
            return this;
        }

        /**
         * The keys trusted to sign manifests.
         *
         * @param value the keys trusted to sign manifests
         * @return this builder
         */
        public Builder trustedKeys(TrustedKeys value) {
            this.trustedKeys = Objects.requireNonNull(value, "trustedKeys");
            return this;
        }

        /**
         * The cycle's sealed manifest.
         *
         * @param value the cycle's sealed manifest
         * @return this builder
         */
        public Builder manifest(HandoffManifest value) {
            this.manifest = Objects.requireNonNull(value, "manifest");
            return this;
        }

        /**
         * What {@link GateContext#verifyManifest()} reports.
         *
         * @param value what {@link GateContext#verifyManifest()} reports
         * @return this builder
         */
        public Builder verification(VerificationReport value) {
            this.verification = Objects.requireNonNull(value, "verification");
            return this;
        }

        /**
         * What {@link GateContext#lint()} reports: the files checked and the findings.
         *
         * @param value what {@link GateContext#lint()} reports: the files checked and the findings
         * @return this builder
         */
        public Builder lint(LintReport value) {
            this.lint = Objects.requireNonNull(value, "lint");
            return this;
        }

        /**
         * An imported JUnit report of the cycle ({@link GateContext#outcomes()}), after those given before.
         *
         * @param value an imported JUnit report of the cycle ({@link GateContext#outcomes()}), after those
         *              given before
         * @return this builder
         */
        public Builder testReport(TestOutcome value) {
            tests.add(Objects.requireNonNull(value, "testReport"));
            return this;
        }

        /**
         * A coverage report of the cycle's outcomes directory, after those given before.
         *
         * @param value a coverage report of the cycle's outcomes directory, after those given before
         * @return this builder
         */
        public Builder coverageReport(CoverageOutcome value) {
            coverage.add(Objects.requireNonNull(value, "coverageReport"));
            return this;
        }

        /**
         * The merged coverage of one kind of the cycle's reports ({@link CoverageOutcomes#total}), as
         * when reports share source files. Without one, a kind's total is the sum of its reports, as of
         * reports that share no source file.
         *
         * @param value the merged coverage of the unit or the end-to-end reports given with
         *              {@link #coverageReport}
         * @return this builder
         */
        public Builder coverageTotal(CoverageTotal value) {
            coverageTotals.add(Objects.requireNonNull(value, "coverageTotal"));
            return this;
        }

        /**
         * A coverage report of the cycle's outcomes directory that could not be read.
         *
         * @param value a coverage report of the cycle's outcomes directory that could not be read
         * @return this builder
         */
        public Builder unreadableCoverage(CoverageOutcomes.Unreadable value) {
            coverageProblems.add(Objects.requireNonNull(value, "unreadableCoverage"));
            return this;
        }

        /**
         * Tasks that the cycle's successful deployments list (delivered, whatever their status).
         *
         * @param taskIds the ids of the tasks deployed
         * @return this builder
         */
        public Builder deployed(String... taskIds) {
            Arrays.stream(taskIds).forEach(id -> deployed.add(Objects.requireNonNull(id, "taskId")));
            return this;
        }

        /**
         * The coverage of the stream's previous cycle ({@link GateContext#previousCoverage()}); none by default.
         *
         * @param value the coverage of the stream's previous cycle ({@link GateContext#previousCoverage()});
         *              none by default
         * @return this builder
         */
        public Builder previousCoverage(CoverageOutcomes value) {
            Objects.requireNonNull(value, "previousCoverage");
            if (!value.cycle().stream().equals(cycle.stream()) || value.cycle().cycleId().compareTo(cycle.cycleId()) >= 0) {
                throw new IllegalArgumentException("the previous coverage must be of an earlier cycle of stream "
                        + cycle.stream() + ", not of " + value.cycle());
            }
            this.previousCoverage = value;
            return this;
        }

        /**
         * The context.
         *
         * @return the context
         * @throws IllegalStateException when both a plan and separate tasks were given, or both a
         *         rulebook and rulebook settings
         * @throws dev.planning.api.InvalidInputException when a threshold holds a value its name cannot, as
         *         in a loaded rulebook ({@link dev.planning.api.rulebook.ThresholdBound})
         */
        public GateContext build() {
            if (plan != null && !tasks.isEmpty()) {
                throw new IllegalStateException("give either plan(...) or tasks(...), not both");
            }
            if (rulebook != null && !(thresholds.isEmpty() && taxonomy.isEmpty() && requiredTags.isEmpty())) {
                throw new IllegalStateException(
                        "give either rulebook(...) or threshold/taxonomy/requiredTags, not both");
            }
            Optional<TaskBreakdown> cyclePlan = plan != null ? Optional.of(plan)
                    : tasks.isEmpty() ? Optional.empty()
                    : Optional.of(TaskBreakdown.of(cycle.stream(), cycle.cycleId(), tasks));
            MemoryFiles memory = new MemoryFiles(files, paths);
            Rulebook inForce = rulebook != null ? rulebook
                    : new Rulebook(workspace.resolve("rulebook"), "0".repeat(64), "fixture",
                            Map.of("default", new GateProfile("default", List.of())), Map.of(), "default", taxonomy,
                            requiredTags, thresholds, List.of());
            Clock judging = judgedAt != null ? Clock.fixed(judgedAt, ZoneOffset.UTC) : clock;
            String outcomesDir = memory.path(cycle, ArtifactKind.OUTCOMES);
            CycleOutcomes outcomes = new CycleOutcomes(cycle, tests, coverageTotals.isEmpty()
                    ? new CoverageOutcomes(cycle, outcomesDir, coverage, coverageProblems)
                    : new CoverageOutcomes(cycle, outcomesDir, coverage, coverageProblems, coverageTotals), deployed);
            return new FixtureContext(cycle, transition, workspace, inForce, cyclePlan, Optional.ofNullable(storyMap),
                    Map.copyOf(otherStreams), artifactPaths != null ? artifactPaths : memory.paths(), memory,
                    List.copyOf(priorResults), Optional.ofNullable(judgedAt), judging, List.copyOf(waivers),
                    List.copyOf(contracts), Optional.ofNullable(capacity), trustedKeys, Optional.ofNullable(manifest),
                    Optional.ofNullable(verification), Optional.ofNullable(lint), outcomes,
                    Optional.ofNullable(previousCoverage), Map.copyOf(rulebookFiles));
        }
    }

    /** The context a fixture builds: values only. */
    private record FixtureContext(
            CycleRef cycle,
            Transition transition,
            Path workspace,
            Rulebook rulebook,
            Optional<TaskBreakdown> tasks,
            Optional<StoryMap> storyMap,
            Map<String, TaskBreakdown> otherStreams,
            List<String> artifactPaths,
            WorkspaceFiles files,
            List<GateResult> priorResults,
            Optional<Instant> judgedAt,
            Clock clock,
            List<Waiver> waivers,
            List<Contract> contracts,
            Optional<CapacityModel> capacity,
            TrustedKeys trustedKeys,
            Optional<HandoffManifest> manifest,
            Optional<VerificationReport> verification,
            Optional<LintReport> givenLint,
            CycleOutcomes outcomes,
            Optional<CoverageOutcomes> previousCoverage,
            Map<String, byte[]> givenRulebookFiles) implements GateContext {

        @Override
        public Optional<byte[]> rulebookFile(String file) {
            return Optional.ofNullable(givenRulebookFiles.get(file)).map(byte[]::clone);
        }

        @Override
        public LintReport lint() {
            return givenLint.orElseThrow(() -> new PlanningException(
                    "this fixture context was given no lint report (GateContextFixture.Builder.lint), so"
                            + " GateContext.lint() refuses rather than report a clean lint"));
        }

        @Override
        public LocalDate today() {
            return LocalDate.now(clock);
        }

        @Override
        public VerificationReport verifyManifest() {
            return verification.orElseThrow(() -> new PlanningException(
                    "this fixture context was given no verification report (GateContextFixture.Builder.verification)"));
        }

        @Override
        public String toString() {
            return "GateContextFixture[" + cycle + " " + transition.key() + "]";
        }
    }
}
