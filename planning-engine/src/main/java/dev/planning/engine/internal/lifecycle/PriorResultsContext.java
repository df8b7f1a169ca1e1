package dev.planning.engine.internal.lifecycle;

import dev.planning.api.artifact.CapacityModel;
import dev.planning.api.artifact.Contract;
import dev.planning.api.artifact.HandoffManifest;
import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
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
import dev.planning.engine.internal.cycle.PublishedDigests;
import dev.planning.engine.internal.improve.CarriedOrigins;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A gate context that adds the results of the gates that ran before, and in a live run the one
 * instant the whole run judges as of, delegating everything else.
 * Every method of {@link GateContext} must be delegated here, default methods included, or a
 * context's own answer would be hidden behind the interface default (a test checks this); and so are the
 * delegate's published digests ({@link PublishedDigests}), refused when it supplies none.
 */
final class PriorResultsContext implements GateContext, PublishedDigests {

    private final GateContext delegate;
    private final List<GateResult> priorResults;
    private final Optional<Clock> clock;

    /** {@code clock}, when given, replaces the delegate's: a live run judged as of one reading of the clock. */
    PriorResultsContext(GateContext delegate, List<GateResult> priorResults, Optional<Clock> clock) {
        this.delegate = delegate;
        this.priorResults = List.copyOf(priorResults);
        this.clock = clock;
    }

    @Override
    public CycleRef cycle() {
        return delegate.cycle();
    }

    @Override
    public Transition transition() {
        return delegate.transition();
    }

    @Override
    public Path workspace() {
        return delegate.workspace();
    }

    @Override
    public Rulebook rulebook() {
        return delegate.rulebook();
    }

    @Override
    public Optional<byte[]> rulebookFile(String file) {
        return delegate.rulebookFile(file);
    }

    @Override
    public Optional<TaskBreakdown> tasks() {
        return delegate.tasks();
    }

    @Override
    public Optional<StoryMap> storyMap() {
        return delegate.storyMap();
    }

    @Override
    public Map<String, TaskBreakdown> otherStreams() {
        return delegate.otherStreams();
    }

    @Override
    public List<String> artifactPaths() {
        return delegate.artifactPaths();
    }

    @Override
    public List<GateResult> priorResults() {
        return priorResults;
    }

    @Override
    public Optional<Instant> judgedAt() {
        return delegate.judgedAt();
    }

    @Override
    public WorkspaceFiles files() {
        return delegate.files();
    }

    @Override
    public Clock clock() {
        return clock.orElseGet(delegate::clock);
    }

    @Override
    public LocalDate today() {
        return clock.map(LocalDate::now).orElseGet(delegate::today);
    }

    @Override
    public List<Waiver> waivers() {
        return delegate.waivers();
    }

    @Override
    public List<Contract> contracts() {
        return delegate.contracts();
    }

    @Override
    public Optional<CapacityModel> capacity() {
        return delegate.capacity();
    }

    @Override
    public LintReport lint() {
        return delegate.lint();
    }

    @Override
    public CycleOutcomes outcomes() {
        return delegate.outcomes();
    }

    @Override
    public Optional<CoverageOutcomes> previousCoverage() {
        return delegate.previousCoverage();
    }

    @Override
    public TrustedKeys trustedKeys() {
        return delegate.trustedKeys();
    }

    @Override
    public Optional<HandoffManifest> manifest() {
        return delegate.manifest();
    }

    @Override
    public VerificationReport verifyManifest() {
        return delegate.verifyManifest();
    }

    @Override
    public CarriedOrigins.Publication publishedDigest(CycleRef cycle) {
        return PublishedDigests.of(delegate).publishedDigest(cycle);
    }
}
