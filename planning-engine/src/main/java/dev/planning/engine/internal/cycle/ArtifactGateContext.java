package dev.planning.engine.internal.cycle;

import dev.planning.api.artifact.CapacityModel;
import dev.planning.api.artifact.Contract;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.LintReport;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.Transition;
import dev.planning.api.outcome.CoverageOutcomes;
import dev.planning.api.outcome.CycleOutcomes;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.WorkspaceFiles;
import dev.planning.engine.internal.artifact.CapacityReader;
import dev.planning.engine.internal.artifact.ContractsReader;
import dev.planning.engine.internal.artifact.DecisionLogReader;
import dev.planning.engine.internal.artifact.ReadResult;
import dev.planning.engine.internal.hash.JudgedReads;
import dev.planning.engine.internal.improve.CarriedOrigins;
import dev.planning.engine.internal.outcome.CycleCreation;
import dev.planning.engine.internal.outcome.DeploymentScope;
import dev.planning.engine.internal.outcome.GateOutcomes;
import dev.planning.engine.internal.outcome.JudgedOutcomeFiles;
import dev.planning.engine.internal.outcome.OutcomeSnapshot;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.LayoutFiles;
import dev.planning.engine.internal.workspace.SafePaths;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The {@link GateContext} of one transition attempt (or one recomputed verdict), reading each
 * artifact at most once and only when a gate asks for it. Every method of {@link GateContext} is
 * answered from the {@link GateEnvironment}: the configured layout, the builder's clock (fixed at
 * {@link #judgedAt()} when a sealed verdict is recomputed), the trusted keys and the sealed
 * manifests.
 */
public final class ArtifactGateContext implements GateContext, JudgedOutcomeFiles, JudgedReads.Source,
        PublishedDigests {

    private final GateEnvironment environment;
    private final CycleRef cycle;
    private final Transition transition;
    private final Optional<Instant> judgedAt;
    private final LayoutFiles files;
    private final Supplier<Optional<TaskBreakdown>> tasks;
    private final Supplier<Optional<StoryMap>> storyMap;
    private final Supplier<Map<String, TaskBreakdown>> otherStreams;
    private final Supplier<List<String>> artifactPaths;
    private final Supplier<List<Waiver>> waivers;
    private final Supplier<List<Contract>> contracts;
    private final Supplier<Optional<CapacityModel>> capacity;
    private final Supplier<TrustedKeys> trust;
    private final Supplier<LintReport> lint;
    private final Memo<OutcomeSnapshot> outcomeFiles;
    private final Memo<Optional<OutcomeSnapshot>> previousOutcomeFiles;
    private final Supplier<CycleOutcomes> outcomes;
    private final Supplier<Optional<CoverageOutcomes>> previousCoverage;
    private final Optional<List<RecordedEvent>> history;
    /** The digests of the bytes each input of the gates was read as, for the evidence ({@link JudgedReads}). */
    private final JudgedReads reads = new JudgedReads();

    /** The context of a live run. */
    public ArtifactGateContext(GateEnvironment environment, CycleRef cycle, Transition transition) {
        this(environment, cycle, transition, Optional.empty());
    }

    /** A context that judges as of {@code judgedAt} when given (see {@link GateContext#judgedAt()}). */
    public ArtifactGateContext(GateEnvironment environment, CycleRef cycle, Transition transition,
            Optional<Instant> judgedAt) {
        this(environment, cycle, transition, judgedAt, Optional.empty());
    }

    /**
     * The context of a live attempt that already read the cycle's log: {@link #verifyManifest()}
     * checks the seal event against {@code history} instead of reading the log again.
     */
    public ArtifactGateContext(GateEnvironment environment, CycleRef cycle, Transition transition,
            List<RecordedEvent> history) {
        this(environment, cycle, transition, Optional.empty(), Optional.of(List.copyOf(history)));
    }

    /**
     * A context that judges as of {@code judgedAt} when given, over the cycle's log as the caller read it
     * ({@code history}): a move the sealed-state guard re-derives learns the cycle's creation from it rather than
     * reading the log again (scope39).
     */
    public ArtifactGateContext(GateEnvironment environment, CycleRef cycle, Transition transition,
            Optional<Instant> judgedAt, List<RecordedEvent> history) {
        this(environment, cycle, transition, judgedAt, Optional.of(List.copyOf(history)));
    }

    /**
     * The context of a live attempt at a cycle whose log has no event yet, which the attempt opens with a
     * {@code CYCLE_CREATED} stamped {@code createdAt}: deployments are judged against that creation, as a rerun over
     * the log then judges them (time40).
     */
    public static ArtifactGateContext opening(GateEnvironment environment, CycleRef cycle, Transition transition,
            Instant createdAt) {
        Optional<Instant> created = Optional.of(createdAt);
        return new ArtifactGateContext(environment, cycle, transition, Optional.empty(), Optional.of(List.of()),
                () -> created);
    }

    private ArtifactGateContext(GateEnvironment environment, CycleRef cycle, Transition transition,
            Optional<Instant> judgedAt, Optional<List<RecordedEvent>> history) {
        this(environment, cycle, transition, judgedAt, history,
                history.map(CycleCreation::of).orElse(() -> environment.logs().created(cycle)));
    }

    private ArtifactGateContext(GateEnvironment environment, CycleRef cycle, Transition transition,
            Optional<Instant> judgedAt, Optional<List<RecordedEvent>> history, CycleCreation creation) {
        this.history = history;
        this.environment = Objects.requireNonNull(environment, "environment");
        this.cycle = Objects.requireNonNull(cycle, "cycle");
        this.transition = Objects.requireNonNull(transition, "transition");
        this.judgedAt = Objects.requireNonNull(judgedAt, "judgedAt");
        this.files = environment.files();
        CycleArtifacts artifacts = environment.artifacts();
        this.tasks = recorded(() -> artifacts.taskBreakdown(cycle));
        this.storyMap = recorded(() -> artifacts.storyMap(cycle));
        // Served to every gate of the run from one memo: a view that refuses changes, so that no gate (a plug-in's
        // that sorts or trims what it is given) changes what the gates after it judge (attack26).
        this.otherStreams = recorded(() -> Collections.unmodifiableMap(artifacts.otherStreams(cycle)));
        this.artifactPaths = recorded(() -> Collections.unmodifiableList(artifacts.artifactPaths(cycle)));
        this.waivers = recorded(() -> readOptional(environment.layout().decisionLog(cycle),
                (file, path) -> new DecisionLogReader().readFor(file, path, cycle)).orElse(List.of()));
        this.contracts = recorded(() -> readOptional(environment.layout().contracts(cycle),
                new ContractsReader()::read).orElse(List.of()));
        this.capacity = recorded(() -> readOptional(environment.layout().capacityModel(), new CapacityReader()::read));
        this.trust = memoize(environment.trust());
        this.lint = recorded(() -> artifacts.lint(cycle, environment.rulebook()));
        GateOutcomes imported = new GateOutcomes(environment.root(), environment.layout());
        // Each outcomes directory is read once: the gates parse, and the evidence hashes, the same bytes.
        this.outcomeFiles = new Memo<>(() -> imported.snapshot(cycle));
        Supplier<Optional<CycleRef>> previous = memoize(() -> previousCycle(files, environment.logs(), cycle));
        this.previousOutcomeFiles = new Memo<>(() -> previous.get().map(imported::snapshot));
        // The deployments judged against the cycle's creation and plan, as the import and the digest judge them
        // (kpi37). A refusal, not a figure: the plan is read for it without recording it as an input of the gates.
        this.outcomes = memoize(() -> imported.read(cycle, outcomeFiles.get(), DeploymentScope.of(creation,
                artifacts.taskBreakdown(cycle))));
        this.previousCoverage = memoize(() -> previous.get().flatMap(p -> previousOutcomeFiles.get()
                .map(snapshot -> imported.coverage(p, snapshot))));
    }

    @Override
    public CycleRef cycle() {
        return cycle;
    }

    @Override
    public Transition transition() {
        return transition;
    }

    @Override
    public Path workspace() {
        return environment.root();
    }

    @Override
    public Rulebook rulebook() {
        return environment.rulebook();
    }

    @Override
    public Optional<byte[]> rulebookFile(String file) {
        return environment.rulebookFiles().read(file);
    }

    @Override
    public Optional<TaskBreakdown> tasks() {
        return tasks.get();
    }

    @Override
    public Optional<StoryMap> storyMap() {
        return storyMap.get();
    }

    @Override
    public Map<String, TaskBreakdown> otherStreams() {
        return otherStreams.get();
    }

    @Override
    public List<String> artifactPaths() {
        return artifactPaths.get();
    }

    @Override
    public WorkspaceFiles files() {
        return files;
    }

    @Override
    public Optional<Instant> judgedAt() {
        return judgedAt;
    }

    @Override
    public Clock clock() {
        Clock clock = environment.clock();
        return judgedAt.map(at -> Clock.fixed(at, clock.getZone())).orElse(clock);
    }

    @Override
    public List<Waiver> waivers() {
        return waivers.get();
    }

    @Override
    public List<Contract> contracts() {
        return contracts.get();
    }

    @Override
    public Optional<CapacityModel> capacity() {
        return capacity.get();
    }

    @Override
    public LintReport lint() {
        return lint.get();
    }

    @Override
    public CycleOutcomes outcomes() {
        return outcomes.get();
    }

    @Override
    public Optional<CoverageOutcomes> previousCoverage() {
        return previousCoverage.get();
    }

    @Override
    public Optional<Map<String, String>> judgedOutcomeDigests() {
        Optional<OutcomeSnapshot> current = outcomeFiles.ifDone();
        if (current.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> digests = new TreeMap<>(current.get().digests());
        previousOutcomeFiles.ifDone().flatMap(p -> p).ifPresent(p -> digests.putAll(p.digests()));
        return Optional.of(Collections.unmodifiableMap(digests));
    }

    @Override
    public TrustedKeys trustedKeys() {
        return trust.get();
    }

    @Override
    public Optional<HandoffManifest> manifest() {
        return environment.manifests().read(cycle);
    }

    @Override
    public VerificationReport verifyManifest() {
        return history.isPresent() ? environment.manifests().verify(cycle, trustedKeys(), history.get())
                : environment.manifests().verify(cycle, trustedKeys());
    }

    /**
     * The stream's cycle just before this one in cycle-id order, among those with planning files, found as
     * {@code cycles()} finds them ({@link LayoutFiles#cycles}): a planning file's name on a dangling link, a link
     * out of the workspace or a directory is refused, naming it, and so is a previous cycle whose log is broken
     * ({@link CycleLogs}), never skipped for the one before it nor read as sound. The gate that asks fails.
     */
    private static Optional<CycleRef> previousCycle(LayoutFiles files, CycleLogs logs, CycleRef cycle) {
        Optional<CycleRef> previous = files.cycles(cycle.stream()).stream()
                .filter(other -> other.cycleId().compareTo(cycle.cycleId()) < 0)
                .reduce((first, second) -> second);
        previous.ifPresent(logs::requireIntact);
        return previous;
    }

    /**
     * An optional input file: absent is empty; present but malformed is a located exception, and so is
     * one that cannot be examined (under a directory that may not be searched), never taken for absent.
     */
    private <T> Optional<T> readOptional(String path, BiFunction<Path, String, ReadResult<T>> reader) {
        Path file = SafePaths.resolve(environment.root(), path);
        if (DirectoryEntries.attributes(environment.root(), file, "the gates cannot judge the cycle without it")
                .isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(reader.apply(file, path).orThrow());
    }

    /** A value computed once, on first use, that can also be asked whether it was computed. */
    private static final class Memo<T> implements Supplier<T> {
        private final Supplier<T> supplier;
        private T value;
        private boolean done;

        Memo(Supplier<T> supplier) {
            this.supplier = supplier;
        }

        @Override
        public synchronized T get() {
            if (!done) {
                value = supplier.get();
                done = true;
            }
            return value;
        }

        /** The value if it was computed, without computing it. */
        synchronized Optional<T> ifDone() {
            return done ? Optional.of(value) : Optional.empty();
        }
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Memo<>(supplier);
    }

    /** As {@link #memoize}, the files read on the way recorded in {@link #reads}. */
    private <T> Supplier<T> recorded(Supplier<T> supplier) {
        return new Memo<>(() -> reads.recording(supplier));
    }

    @Override
    public CarriedOrigins.Publication publishedDigest(CycleRef other) {
        return environment.logs().publishedDigest(other);
    }

    @Override
    public JudgedReads judgedReads() {
        return reads;
    }
}
