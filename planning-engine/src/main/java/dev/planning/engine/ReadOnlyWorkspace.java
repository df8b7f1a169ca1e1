package dev.planning.engine;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.KpiValue;
import dev.planning.api.digest.DigestResult;
import dev.planning.api.event.EventType;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.LintReport;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.lifecycle.ImproveResult;
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
import dev.planning.engine.internal.eventlog.EventLogQueries;
import dev.planning.engine.internal.lifecycle.LifecycleMachine;
import dev.planning.engine.internal.seal.SealGuard;
import dev.planning.engine.internal.workspace.ManifestBytesVerifier;
import dev.planning.engine.internal.workspace.StoreBackedWorkspace;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The workspace {@link Planning.Builder#readOnly()} builds: its rulebook's policies are never
 * compiled, so it serves only what runs no gate and records nothing (an allow-list: the workspace,
 * its rulebook and cycles, a cycle's status and history check, its manifest, and verification
 * without re-deriving verdicts). Everything else throws an {@link IllegalStateException} before
 * anything runs, so a rulebook whose policies do not compile can never judge through it.
 *
 * <p>Its rulebook is loaded and validated (schema, profiles, every gate a profile names available)
 * the first time an operation needs it, by {@code opener}; until then it reads only what needs no
 * rulebook: its cycles, their statuses (folded from the verified event logs) and the history check
 * of a cycle not past {@code PACKAGED}, which has no signed manifest to check, and the trusted keys, which are the
 * builder's, not the rulebook's. Every operation that reads the rulebook or the manifest, or judges with the trusted
 * keys, opens it first, so an invalid rulebook
 * throws its {@code InvalidInputException} there, before anything is judged; a failed opening is
 * not kept, and the next operation tries again.
 */
final class ReadOnlyWorkspace implements PlanningWorkspace, StoreBackedWorkspace, ManifestBytesVerifier {

    private final Path root;
    private final WorkspaceLayout layout;
    private final EventStore store;
    private final Optional<Supplier<TrustedKeys>> given;
    private final Supplier<PlanningWorkspace> opener;
    private volatile PlanningWorkspace opened;

    /**
     * @param store  the event store {@code opener}'s workspace reads, for statuses before it is opened
     * @param given  the keys the builder was given, as {@code opener}'s workspace is given them; empty when none
     * @param opener loads and validates the rulebook and assembles the full workspace; called at
     *               most once successfully
     */
    ReadOnlyWorkspace(Path root, WorkspaceLayout layout, EventStore store, Optional<Supplier<TrustedKeys>> given,
            Supplier<PlanningWorkspace> opener) {
        this.root = root;
        this.layout = layout;
        this.store = store;
        this.given = given;
        this.opener = opener;
    }

    /** The workspace with its rulebook loaded and validated: opened on first use, once. */
    private PlanningWorkspace delegate() {
        PlanningWorkspace ws = opened;
        if (ws == null) {
            synchronized (this) {
                ws = opened;
                if (ws == null) {
                    ws = opener.get();
                    opened = ws;
                }
            }
        }
        return ws;
    }

    private static IllegalStateException refused(String operation) {
        return new IllegalStateException(operation + " is not available on a workspace built with readOnly():"
                + " it runs gates or records events, and readOnly() skips compiling the rulebook's policies;"
                + " build the workspace without readOnly()");
    }

    @Override
    public Optional<EventStore> eventStore() {
        return Optional.of(store);
    }

    /** The builder's keys, without opening the rulebook: the keys are not the rulebook's. */
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
        return delegate().rulebook();
    }

    @Override
    public WorkspaceLayout layout() {
        return layout;
    }

    @Override
    public List<CycleRef> cycles() {
        return WorkspaceCycles.of(root, layout, store);
    }

    @Override
    public boolean exists(CycleRef cycle) {
        return WorkspaceCycles.exists(root, layout, store, cycle);
    }

    @Override
    public CycleStatus status(CycleRef cycle) {
        return LifecycleMachine.status(store, cycle);
    }

    @Override
    public List<Discrepancy> checkHistory(CycleStatus status) {
        // Past PACKAGED the history rests on the signed manifest, checked under the rulebook's
        // signing policy: the rulebook is loaded and validated first. Before it there is nothing to
        // check (SealGuard.history answers the same without reading anything). The state is the
        // log's as it is now, never the one handed in (stale, or built by hand).
        CycleStatus current = status(status.cycle());
        return SealGuard.isPastPackaged(current.state()) ? delegate().checkHistory(current) : List.of();
    }

    @Override
    public CycleQueries queries(TrustedKeys trust) {
        // Reads logs and manifests only; the rulebook is loaded only for pendingSignatures, whose roles
        // must be named by its signing policy.
        return EventLogQueries.ofStore(root, layout, store, trust, this::rulebook);
    }

    @Override
    public Optional<HandoffManifest> manifest(CycleRef cycle) {
        return delegate().manifest(cycle);
    }

    @Override
    public VerificationReport verifyChecksumsOnly(CycleRef cycle, TrustedKeys trust) {
        return delegate().verifyChecksumsOnly(cycle, trust);
    }

    @Override
    public VerificationReport verifyChecksumsOnly(Path manifestFile, TrustedKeys trust) {
        return delegate().verifyChecksumsOnly(manifestFile, trust);
    }

    @Override
    public VerificationReport verifyChecksumsOnly(CycleRef cycle, TrustedKeys trust, byte[] manifest) {
        return ManifestBytesVerifier.verify(delegate(), cycle, trust, manifest);
    }

    @Override
    public LintReport lint() {
        throw refused("lint");
    }

    @Override
    public LintReport lint(String stream) {
        throw refused("lint");
    }

    @Override
    public LintReport lint(String stream, String cycleId) {
        throw refused("lint");
    }

    @Override
    public LintReport lintCycle(String cycleId) {
        throw refused("lintCycle");
    }

    @Override
    public CycleStatus create(CycleRef cycle) {
        throw refused("create");
    }

    @Override
    public List<GateResult> dryRun(CycleRef cycle, CycleState to) {
        throw refused("dryRun");
    }

    @Override
    public TransitionResult advance(CycleRef cycle, CycleState to) {
        throw refused("advance");
    }

    @Override
    public RecordedEvent record(CycleRef cycle, EventType type, Map<String, String> details) {
        throw refused("record");
    }

    @Override
    public SealResult seal(CycleRef cycle, SealOptions options) {
        throw refused("seal");
    }

    @Override
    public HandoffManifest sign(CycleRef cycle, Signer signer, SignOptions options) {
        throw refused("sign");
    }

    @Override
    public VerificationReport verify(CycleRef cycle, TrustedKeys trust) {
        throw refused("verify (which re-derives the sealed verdicts; verifyChecksumsOnly does not)");
    }

    @Override
    public VerificationReport verify(Path manifestFile, TrustedKeys trust) {
        throw refused("verify (which re-derives the sealed verdicts; verifyChecksumsOnly does not)");
    }

    @Override
    public ImportReport importOutcomes(CycleRef cycle, List<Path> files) {
        throw refused("importOutcomes");
    }

    @Override
    public DigestResult digest(CycleRef cycle) {
        throw refused("digest");
    }

    /** Reads only (nothing is written or recorded): the opened workspace computes them. */
    @Override
    public Map<String, KpiValue> kpis(CycleRef cycle) {
        return delegate().kpis(cycle);
    }

    @Override
    public DigestResult digest(CycleRef cycle, Path template) {
        throw refused("digest");
    }

    @Override
    public ImproveResult improve(CycleRef cycle, String nextCycleId) {
        throw refused("improve");
    }

    @Override
    public Attestation attest(CycleRef cycle, List<Signer> signers) {
        throw refused("attest");
    }

    @Override
    public VerificationSummaries summarize(CycleRef cycle, List<Signer> signers) {
        throw refused("summarize");
    }

    @Override
    public VerificationSummaries summarize(CycleRef cycle, List<Signer> signers, URI testRun) {
        throw refused("summarize");
    }

    @Override
    public String toString() {
        PlanningWorkspace ws = opened;
        return (ws != null ? ws.toString() : "workspace " + root) + " (read-only)";
    }
}
