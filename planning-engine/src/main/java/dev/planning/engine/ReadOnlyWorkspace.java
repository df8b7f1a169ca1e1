package dev.planning.engine;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.HandoffManifest;
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
import dev.planning.api.seal.VerificationReport;
import dev.planning.api.seal.VerificationSummaries;
import dev.planning.api.signing.Signer;
import dev.planning.api.signing.TrustedKeys;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workspace {@link Planning.Builder#readOnly()} builds: its rulebook's policies were not
 * compiled, so it serves only what runs no gate and records nothing (an allow-list: the workspace,
 * its rulebook and cycles, a cycle's status and history check, its manifest, and verification
 * without re-deriving verdicts). Everything else throws an {@link IllegalStateException} before
 * anything runs, so a rulebook whose policies do not compile can never judge through it.
 */
final class ReadOnlyWorkspace implements PlanningWorkspace {

    private final PlanningWorkspace delegate;

    ReadOnlyWorkspace(PlanningWorkspace delegate) {
        this.delegate = delegate;
    }

    private static IllegalStateException refused(String operation) {
        return new IllegalStateException(operation + " is not available on a workspace built with readOnly():"
                + " it runs gates or records events, and readOnly() skips compiling the rulebook's policies;"
                + " build the workspace without readOnly()");
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
    public CycleStatus status(CycleRef cycle) {
        return delegate.status(cycle);
    }

    @Override
    public List<Discrepancy> checkHistory(CycleStatus status) {
        return delegate.checkHistory(status);
    }

    @Override
    public Optional<HandoffManifest> manifest(CycleRef cycle) {
        return delegate.manifest(cycle);
    }

    @Override
    public VerificationReport verifyChecksumsOnly(CycleRef cycle, TrustedKeys trust) {
        return delegate.verifyChecksumsOnly(cycle, trust);
    }

    @Override
    public VerificationReport verifyChecksumsOnly(Path manifestFile, TrustedKeys trust) {
        return delegate.verifyChecksumsOnly(manifestFile, trust);
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
    public HandoffManifest sign(CycleRef cycle, Signer signer) {
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
        return delegate.toString() + " (read-only)";
    }
}
