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
import dev.planning.engine.internal.seal.WaiverFacts;
import dev.planning.engine.internal.workspace.ManifestBytesVerifier;
import dev.planning.engine.internal.workspace.StoreBackedWorkspace;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workspace {@link Planning.Builder#build()} returns: every argument is checked for
 * {@code null} (a {@link NullPointerException} naming the parameter) before the implementation
 * sees it, so that a caller's mistake is reported as theirs, not as an internal failure.
 */
final class ArgumentCheckingWorkspace implements PlanningWorkspace, StoreBackedWorkspace, ManifestBytesVerifier {

    private final PlanningWorkspace delegate;

    ArgumentCheckingWorkspace(PlanningWorkspace delegate) {
        this.delegate = delegate;
    }

    /** The delegate's: the keys are a property of the workspace the builder built, held there only. */
    @Override
    public Optional<TrustedKeys> trustedKeys() {
        return delegate.trustedKeys();
    }

    @Override
    public Optional<EventStore> eventStore() {
        return delegate instanceof StoreBackedWorkspace backed ? backed.eventStore() : Optional.empty();
    }

    private static <T> T nonNull(T value, String name) {
        if (value == null) {
            throw new NullPointerException(name);
        }
        return value;
    }

    private static <T> List<T> elementsNonNull(List<T> values, String name) {
        nonNull(values, name);
        for (int i = 0; i < values.size(); i++) {
            nonNull(values.get(i), name + "[" + i + "]");
        }
        return values;
    }

    @Override
    public Path root() {
        return delegate.root();
    }

    @Override
    public Rulebook rulebook() {
        return delegate.rulebook();
    }

    @Override
    public WorkspaceLayout layout() {
        return delegate.layout();
    }

    @Override
    public List<CycleRef> cycles() {
        return delegate.cycles();
    }

    @Override
    public LintReport lint() {
        return delegate.lint();
    }

    @Override
    public LintReport lint(String stream) {
        return delegate.lint(nonNull(stream, "stream"));
    }

    @Override
    public LintReport lint(String stream, String cycleId) {
        return delegate.lint(nonNull(stream, "stream"), nonNull(cycleId, "cycleId"));
    }

    @Override
    public LintReport lintCycle(String cycleId) {
        return delegate.lintCycle(nonNull(cycleId, "cycleId"));
    }

    @Override
    public CycleStatus create(CycleRef cycle) {
        return delegate.create(nonNull(cycle, "cycle"));
    }

    @Override
    public List<GateResult> dryRun(CycleRef cycle, CycleState to) {
        return delegate.dryRun(nonNull(cycle, "cycle"), nonNull(to, "to"));
    }

    @Override
    public TransitionResult advance(CycleRef cycle, CycleState to) {
        return delegate.advance(nonNull(cycle, "cycle"), nonNull(to, "to"));
    }

    @Override
    public RecordedEvent record(CycleRef cycle, EventType type, Map<String, String> details) {
        WaiverFacts.requireReadableExpiry(nonNull(type, "type"), nonNull(details, "details"));
        return delegate.record(nonNull(cycle, "cycle"), type, details);
    }

    @Override
    public SealResult seal(CycleRef cycle, SealOptions options) {
        return delegate.seal(nonNull(cycle, "cycle"), nonNull(options, "options"));
    }

    @Override
    public Optional<HandoffManifest> manifest(CycleRef cycle) {
        return delegate.manifest(nonNull(cycle, "cycle"));
    }

    @Override
    public HandoffManifest sign(CycleRef cycle, Signer signer, SignOptions options) {
        return delegate.sign(nonNull(cycle, "cycle"), nonNull(signer, "signer"), nonNull(options, "options"));
    }

    @Override
    public VerificationReport verify(CycleRef cycle, TrustedKeys trust) {
        return delegate.verify(nonNull(cycle, "cycle"), nonNull(trust, "trust"));
    }

    @Override
    public VerificationReport verifyChecksumsOnly(CycleRef cycle, TrustedKeys trust) {
        return delegate.verifyChecksumsOnly(nonNull(cycle, "cycle"), nonNull(trust, "trust"));
    }

    @Override
    public VerificationReport verifyChecksumsOnly(Path manifestFile, TrustedKeys trust) {
        return delegate.verifyChecksumsOnly(nonNull(manifestFile, "manifestFile"), nonNull(trust, "trust"));
    }

    @Override
    public VerificationReport verifyChecksumsOnly(CycleRef cycle, TrustedKeys trust, byte[] manifest) {
        return ManifestBytesVerifier.verify(delegate, nonNull(cycle, "cycle"), nonNull(trust, "trust"),
                nonNull(manifest, "manifest"));
    }

    @Override
    public VerificationReport verify(Path manifestFile, TrustedKeys trust) {
        return delegate.verify(nonNull(manifestFile, "manifestFile"), nonNull(trust, "trust"));
    }

    @Override
    public CycleStatus status(CycleRef cycle) {
        return delegate.status(nonNull(cycle, "cycle"));
    }

    @Override
    public List<Discrepancy> checkHistory(CycleStatus status) {
        return delegate.checkHistory(nonNull(status, "status"));
    }

    @Override
    public CycleQueries queries(TrustedKeys trust) {
        return delegate.queries(nonNull(trust, "trust"));
    }

    @Override
    public ImportReport importOutcomes(CycleRef cycle, List<Path> files) {
        return delegate.importOutcomes(nonNull(cycle, "cycle"), elementsNonNull(files, "files"));
    }

    @Override
    public DigestResult digest(CycleRef cycle) {
        return delegate.digest(nonNull(cycle, "cycle"));
    }

    @Override
    public boolean exists(CycleRef cycle) {
        return delegate.exists(nonNull(cycle, "cycle"));
    }

    @Override
    public Map<String, KpiValue> kpis(CycleRef cycle) {
        return delegate.kpis(nonNull(cycle, "cycle"));
    }

    @Override
    public DigestResult digest(CycleRef cycle, Path template) {
        return delegate.digest(nonNull(cycle, "cycle"), nonNull(template, "template"));
    }

    @Override
    public ImproveResult improve(CycleRef cycle, String nextCycleId) {
        return delegate.improve(nonNull(cycle, "cycle"), nonNull(nextCycleId, "nextCycleId"));
    }

    @Override
    public Attestation attest(CycleRef cycle, List<Signer> signers) {
        return delegate.attest(nonNull(cycle, "cycle"), elementsNonNull(signers, "signers"));
    }

    @Override
    public VerificationSummaries summarize(CycleRef cycle, List<Signer> signers) {
        return delegate.summarize(nonNull(cycle, "cycle"), elementsNonNull(signers, "signers"));
    }

    @Override
    public VerificationSummaries summarize(CycleRef cycle, List<Signer> signers, URI testRun) {
        return delegate.summarize(nonNull(cycle, "cycle"), elementsNonNull(signers, "signers"),
                nonNull(testRun, "testRun"));
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
