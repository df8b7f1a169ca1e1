package dev.planning.engine;

import dev.planning.api.NoSuchCycleException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.KpiValue;
import dev.planning.api.digest.DigestResult;
import dev.planning.api.event.EventType;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.LintReport;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.lifecycle.ImproveResult;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.outcome.ImportReport;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.seal.Attestation;
import dev.planning.api.seal.Discrepancy;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SealResult;
import dev.planning.api.seal.SignOptions;
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.seal.VerificationSummaries;
import dev.planning.api.signing.Signer;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.cycle.ArtifactGateContext;
import dev.planning.engine.internal.cycle.ArtifactGateContexts;
import dev.planning.engine.internal.cycle.CycleArtifacts;
import dev.planning.engine.internal.cycle.CycleLogs;
import dev.planning.engine.internal.cycle.GateEnvironment;
import dev.planning.engine.internal.cycle.ReusedGateResults;
import dev.planning.engine.internal.cycle.SealedManifests;
import dev.planning.engine.internal.digest.DigestPublisher;
import dev.planning.engine.internal.eventlog.EventLogQueries;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.engine.internal.evidence.FileEvidenceWriter;
import dev.planning.engine.internal.gate.crossstream.CrossStreamConsistencyGate;
import dev.planning.engine.internal.improve.CarriedOrigins;
import dev.planning.engine.internal.improve.CycleImprover;
import dev.planning.engine.internal.lifecycle.LifecycleMachine;
import dev.planning.engine.internal.lifecycle.TransitionStep;
import dev.planning.engine.internal.lint.DirectoryFindings;
import dev.planning.engine.internal.lint.LintRules;
import dev.planning.engine.internal.lint.WorkspaceLinter;
import dev.planning.engine.internal.outcome.CoverageReader;
import dev.planning.engine.internal.outcome.OutcomeImporter;
import dev.planning.engine.internal.rulebook.RulebookFiles;
import dev.planning.engine.internal.seal.ManifestVerifier;
import dev.planning.engine.internal.seal.RecordedMoves;
import dev.planning.engine.internal.seal.SealGuard;
import dev.planning.engine.internal.seal.Sealer;
import dev.planning.engine.internal.seal.SummaryWriter;
import dev.planning.engine.internal.signing.Attester;
import dev.planning.engine.internal.workspace.ManifestBytesVerifier;
import dev.planning.engine.internal.workspace.StoreBackedWorkspace;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link PlanningWorkspace} over a directory, its rulebook and an event store. It holds the keys its builder was
 * given and answers {@link #trustedKeys()} with them itself (api40: only the builder's wrapper did, so engine code
 * handed this workspace, {@code this}, was told "no keys" by a workspace that judges with keys).
 */
final class FileWorkspace implements PlanningWorkspace, StoreBackedWorkspace, ManifestBytesVerifier {

    /** The keys of a workspace given none: no signature counts, and every check that needs one refuses. */
    private static final Supplier<TrustedKeys> NO_KEYS_GIVEN =
            () -> new TrustedKeys(List.of(), "no trust file (give one outside the workspace)");

    private final Path root;
    private final WorkspaceLayout layout;
    private final Rulebook rulebook;
    private final LifecycleMachine machine;
    private final ManifestVerifier verifier;
    private final Sealer sealer;
    private final SealGuard guard;
    /** The keys the builder was given (in code, or a trust file read on each call); empty when it was given none. */
    private final Optional<Supplier<TrustedKeys>> given;
    /** {@link #given}, or {@link #NO_KEYS_GIVEN}: what every check of this workspace judges with. */
    private final Supplier<TrustedKeys> trust;
    private final Clock clock;
    private final EventStore store;

    /**
     * @param given the keys the builder was given, read each time they are needed (a trust file edited meanwhile
     *              counts); empty when it was given none, and then no signature counts
     */
    FileWorkspace(Path root, WorkspaceLayout layout, Rulebook rulebook, EventStore store, List<Gate> gates,
            Clock clock, String triggeredBy, Optional<Supplier<TrustedKeys>> given) {
        this.given = given;
        Supplier<TrustedKeys> trust = given.orElse(NO_KEYS_GIVEN);
        this.root = root;
        this.layout = layout;
        this.rulebook = rulebook;
        this.store = store;
        // Verdicts are re-derived over the sealed inputs pinned in a directory of their own, with the
        // machine built below: the lambda reads the field late.
        // One read of the rulebook's files serves every context of this workspace, recomputed verdicts included.
        RulebookFiles rulebookFiles = new RulebookFiles(rulebook);
        // The gates run again read the keys the verification was given, not the workspace's: one
        // verification judges with one set of keys (verify(cycle, keys) with keys of its own). Deployments are
        // judged against the cycle's creation in its log, as the live gate judged them (kpi38).
        this.verifier = new ManifestVerifier(root, layout, rulebook, store, (sealedRoot, cycle, transition, judgedAt,
                keys) -> machine().evaluateIn(cycle, transition, new ArtifactGateContext(new GateEnvironment(sealedRoot,
                        layout, rulebook, new CycleArtifacts(sealedRoot, layout), clock, () -> keys, SealedManifests.NONE,
                        rulebookFiles, CycleLogs.creationOf(store, root, layout, trustedCycles(() -> guardWith(keys)))),
                        cycle, transition,
                        Optional.of(judgedAt))),
                clock);
        GateEnvironment environment = new GateEnvironment(root, layout, rulebook, new CycleArtifacts(root, layout),
                clock, trust, new SealedManifests() {
                    @Override
                    public Optional<HandoffManifest> read(CycleRef cycle) {
                        return verifier.read(cycle).map(read -> read.manifest());
                    }

                    @Override
                    public VerificationReport verify(CycleRef cycle, TrustedKeys keys) {
                        return verifier.verify(cycle, keys);
                    }

                    @Override
                    public VerificationReport verify(CycleRef cycle, TrustedKeys keys, List<RecordedEvent> history) {
                        return verifier.verify(cycle, keys, ManifestVerifier.Scope.FULL, history);
                    }
                }, rulebookFiles, CycleLogs.of(store, root, layout, trustedCycles(this::guard)));
        this.machine = LifecycleMachine.builder()
                .eventStore(store)
                .rulebook(rulebook)
                .gates(gates.stream().map(FileWorkspace::reusingResults).toList())
                .gateContextFactory(new ArtifactGateContexts(environment))
                // Made on first use, like the verifier: the guard and the sealer are built from this machine.
                .step(TransitionStep.late(() -> guard().step(rulebook)))
                .step(TransitionStep.late(() -> sealer().step(SealOptions.defaults(), (manifest, path) -> { })))
                .evidenceWriter(new FileEvidenceWriter(root, layout))
                .clock(clock)
                .triggeredBy(triggeredBy)
                .build();
        this.sealer = new Sealer(root, layout, machine, verifier, clock, triggeredBy, trust);
        this.clock = clock;
        this.guard = new SealGuard(verifier, trust, Optional.of(new RecordedMoves(machine, store::location)));
        this.trust = trust;
    }

    /**
     * The built-in cross-stream gate behind the engine's memo of its results (the gate keeps no
     * state; the engine keeps its last result per cycle while the inputs are the same); every other
     * gate as it is.
     */
    private static Gate reusingResults(Gate gate) {
        return gate instanceof CrossStreamConsistencyGate ? new ReusedGateResults(gate) : gate;
    }

    private LifecycleMachine machine() {
        return machine;
    }

    /**
     * Other cycles as this workspace reads them with trust (origin42): {@link #status}, and the history past
     * {@code PACKAGED} checked by {@code guard}, for the digest a carried action's origin names. A live gate checks
     * with this workspace's keys ({@link #guard}); a recomputed one with the keys its verification was given
     * ({@link #guardWith}), as its own gates do: {@code planning verify --trust} opens the workspace with no keys.
     * The fields are read late: the machine and the guard are built after the contexts.
     */
    private CarriedOrigins.TrustedCycles trustedCycles(Supplier<SealGuard> guard) {
        return new CarriedOrigins.TrustedCycles() {
            @Override
            public CycleStatus status(CycleRef cycle) {
                return machine().status(cycle);
            }

            @Override
            public List<Discrepancy> checkHistory(CycleStatus status) {
                // The status #status just read (fold43: the origin's log was read again here, once per origin).
                return guard.get().history(status, store.location(status.cycle()));
            }
        };
    }

    /** The guard of sealed cycles, checking with {@code keys} instead of this workspace's. */
    private SealGuard guardWith(TrustedKeys keys) {
        return new SealGuard(verifier, () -> keys, Optional.of(new RecordedMoves(machine(), store::location)));
    }

    private Sealer sealer() {
        return sealer;
    }

    private SealGuard guard() {
        return guard;
    }

    @Override
    public Optional<EventStore> eventStore() {
        return Optional.of(store);
    }

    @Override
    public Optional<TrustedKeys> trustedKeys() {
        return given.map(Supplier::get);
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public Rulebook rulebook() {
        return rulebook;
    }

    @Override
    public List<CycleRef> cycles() {
        return WorkspaceCycles.of(root, layout, store);
    }

    @Override
    public WorkspaceLayout layout() {
        return layout;
    }

    @Override
    public boolean exists(CycleRef cycle) {
        return WorkspaceCycles.exists(root, layout, store, cycle);
    }

    /**
     * Lints, then places each finding about a whole directory at the rulebook entry that needs the
     * directory, with a region ({@link DirectoryFindings}).
     */
    private LintReport lint(Optional<String> stream, Optional<String> cycleId) {
        // store36: the event logs linted are those the workspace reads, its store's when that is not its files.
        Optional<EventStore> logs = store instanceof FileEventStore ? Optional.empty() : Optional.of(store);
        return DirectoryFindings.relocate(new WorkspaceLinter(layout).lint(root, stream, cycleId, lintRules(), logs),
                root, layout, rulebook);
    }

    /** The lint rules of the rulebook, with waivers judged against the builder's clock. */
    private LintRules lintRules() {
        return LintRules.of(rulebook, LocalDate.now(clock));
    }

    @Override
    public LintReport lint() {
        return lint(Optional.empty(), Optional.empty());
    }

    @Override
    public LintReport lint(String stream) {
        return lint(Optional.of(stream), Optional.empty());
    }

    @Override
    public LintReport lint(String stream, String cycleId) {
        return lint(Optional.of(stream), Optional.of(cycleId));
    }

    @Override
    public CycleStatus create(CycleRef cycle) {
        return machine.create(cycle);
    }

    @Override
    public List<GateResult> dryRun(CycleRef cycle, CycleState to) {
        // One read of the log: the state the trust check needs and the attempt come from the same history.
        List<RecordedEvent> history = machine.history(cycle);
        CycleState state = machine.status(cycle, history).state();
        if (SealGuard.isSealed(state)) {
            guard.requireTrust("the gates of " + cycle + " from " + state + " to " + to);
            // The dry run judges what advance would judge, or refuses as advance would: the guard of a
            // sealed cycle runs first, so a plan changed after sealing never meets the gates.
            TransitionStep sealed = guard.step(rulebook);
            Lifecycle.find(state, to).filter(sealed::appliesTo)
                    .ifPresent(transition -> sealed.before(cycle, transition, history));
        }
        return machine.dryRun(cycle, to, history);
    }

    @Override
    public TransitionResult advance(CycleRef cycle, CycleState to) {
        requireExisting(cycle);
        // Sealing (entering PACKAGED) and the guard of sealed cycles are steps of the machine.
        return machine.advance(cycle, to);
    }

    @Override
    public RecordedEvent record(CycleRef cycle, EventType type, Map<String, String> details) {
        requireExisting(cycle);
        return machine.record(cycle, type, details);
    }

    /**
     * Refuses a cycle that does not exist before anything is written (api26: {@code advance} and {@code record}
     * opened its log and recorded the attempt, so a mistyped id became a cycle; status27: every other writing
     * job, {@code seal}, {@code sign}, {@code digest}, {@code improve} and {@code summarize}, asks it too, so
     * that each refuses alike, by type). A cycle whose log is broken exists (cycles27): each job refuses it when
     * it reads the log, before it writes ({@code sign} refuses its missing manifest first). Asking writes nothing
     * and reads the log only when the cycle has no planning file (the jobs' single reads of it stay single).
     */
    private void requireExisting(CycleRef cycle) {
        if (!exists(cycle)) {
            throw new NoSuchCycleException(cycle, layout, cycles());
        }
    }

    @Override
    public SealResult seal(CycleRef cycle, SealOptions options) {
        requireExisting(cycle);
        return sealer.seal(cycle, options);
    }

    @Override
    public Optional<HandoffManifest> manifest(CycleRef cycle) {
        return verifier.read(cycle).map(read -> read.manifest());
    }

    @Override
    public HandoffManifest sign(CycleRef cycle, Signer signer, SignOptions options) {
        requireExisting(cycle);
        return sealer.sign(cycle, signer, trust.get(), options);
    }

    @Override
    public VerificationReport verify(CycleRef cycle, TrustedKeys trust) {
        return verifier.verify(cycle, trust);
    }

    @Override
    public VerificationReport verify(Path manifestFile, TrustedKeys trust) {
        return verifier.verify(manifestFile, trust);
    }

    @Override
    public VerificationReport verifyChecksumsOnly(CycleRef cycle, TrustedKeys trust) {
        return verifier.verify(cycle, trust, false);
    }

    @Override
    public VerificationReport verifyChecksumsOnly(Path manifestFile, TrustedKeys trust) {
        return verifier.verify(manifestFile, trust, false);
    }

    @Override
    public VerificationReport verifyChecksumsOnly(CycleRef cycle, TrustedKeys trust, byte[] manifest) {
        return verifier.verify(cycle, trust, ManifestVerifier.Scope.CHECKSUMS_ONLY, manifest);
    }

    @Override
    public CycleStatus status(CycleRef cycle) {
        return machine.status(cycle);
    }

    @Override
    public List<Discrepancy> checkHistory(CycleStatus status) {
        // The log as it is now, never the state and history handed in (stale, or built by hand).
        CycleRef cycle = status.cycle();
        return guard.history(machine.status(cycle), store.location(cycle));
    }

    @Override
    public CycleQueries queries(TrustedKeys trust) {
        return EventLogQueries.ofStore(root, layout, store, trust, this::rulebook);
    }

    @Override
    public LintReport lintCycle(String cycleId) {
        return lint(Optional.empty(), Optional.of(cycleId));
    }

    @Override
    public ImportReport importOutcomes(CycleRef cycle, List<Path> files) {
        // A cycle with no event yet is created by the import's record, at the instant its deployments were judged.
        return new OutcomeImporter(this, layout, new CycleArtifacts(root, layout)::taskBreakdown, clock,
                (at, type, details, history, createdAt) -> machine.record(at, type, details, history, createdAt))
                .importFiles(cycle, files);
    }

    @Override
    public DigestResult digest(CycleRef cycle) {
        requireExisting(cycle);
        return new DigestPublisher(this, layout, CoverageReader.STANDARD, trust).publish(cycle, Optional.empty());
    }

    @Override
    public Map<String, KpiValue> kpis(CycleRef cycle) {
        return new DigestPublisher(this, layout, CoverageReader.STANDARD, trust).kpis(cycle);
    }

    @Override
    public DigestResult digest(CycleRef cycle, Path template) {
        requireExisting(cycle);
        return new DigestPublisher(this, layout, CoverageReader.STANDARD, trust).publish(cycle, Optional.of(template));
    }

    @Override
    public ImproveResult improve(CycleRef cycle, String nextCycleId) {
        requireExisting(cycle);
        return new CycleImprover(this, layout).complete(cycle, nextCycleId);
    }

    @Override
    public Attestation attest(CycleRef cycle, List<Signer> signers) {
        // The workspace's trusted keys check the signatures the statement lists as approvals; without
        // any, it lists none (approvals_verified: false).
        TrustedKeys keys = trust.get();
        return new Attester(root, layout).attest(cycle,
                read -> verifier.verify(cycle, keys, ManifestVerifier.Scope.FULL, read), () -> verify(cycle, keys),
                !keys.keys().isEmpty(), signers);
    }

    @Override
    public VerificationSummaries summarize(CycleRef cycle, List<Signer> signers) {
        return summarize(cycle, signers, Optional.empty());
    }

    @Override
    public VerificationSummaries summarize(CycleRef cycle, List<Signer> signers, URI testRun) {
        if (!testRun.isAbsolute()) {
            throw new dev.planning.api.InvalidInputException("the test run's url " + testRun
                    + " is not an absolute URI: expected e.g. https://ci.example.org/runs/42");
        }
        return summarize(cycle, signers, Optional.of(testRun));
    }

    private VerificationSummaries summarize(CycleRef cycle, List<Signer> signers, Optional<URI> testRun) {
        requireExisting(cycle);
        if (signers.isEmpty()) {
            throw new dev.planning.api.InvalidInputException("a verification summary needs at least one signing key");
        }
        TrustedKeys keys = trust.get();
        CycleStatus status = machine.status(cycle);
        return new SummaryWriter(root, layout, rulebook, clock).write(status, verifier.verify(cycle, keys), signers,
                testRun, keys, details -> machine.record(cycle, EventType.SUMMARIES_WRITTEN,
                        details, status.history()));
    }
}
