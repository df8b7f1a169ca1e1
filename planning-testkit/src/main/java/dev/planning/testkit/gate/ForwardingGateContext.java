package dev.planning.testkit.gate;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A {@link GateContext} that passes every call to another context, for a test that changes one
 * answer of a context and keeps the rest: override that method, and {@code super} gives the other
 * context's answer. Every method of {@code GateContext}, the {@code default} ones included, is
 * forwarded (a test in the kit checks it), so nothing falls back to the interface's defaults by
 * accident.
 *
 * <pre>{@code
 * GateContext full = GateContextFixture.builder(new CycleRef("fe", "2025-09-02"))
 *         .tasks(Task.builder("FE-1", "Checkout").build()).build();
 * GateContext brokenContracts = new ForwardingGateContext(full) {
 *     @Override
 *     public List<Contract> contracts() {
 *         throw new InvalidInputException("contracts file unreadable");
 *     }
 * };
 * }</pre>
 *
 * <p>To test a gate against an embedder's own context, which implements only what the interface
 * requires, wrap {@link #requiredOnly(GateContext)}: its {@code default} methods answer as the
 * interface's do (so {@code waivers()}, {@code contracts()}, {@code capacity()}, ... refuse, naming
 * the method), and an override supplies one of them.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class ForwardingGateContext implements GateContext {

    private final GateContext delegate;

    /**
     * A context that answers every call as {@code delegate} does.
     *
     * @param delegate the context calls are passed to, never {@code null}
     */
    public ForwardingGateContext(GateContext delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * A context as an embedder writes one with the least effort: the methods {@code GateContext}
     * requires are passed to {@code delegate}, every {@code default} method is the interface's own
     * (inputs not supplied refuse, no key is trusted, the clock is UTC system time). Wrap it in a
     * {@code ForwardingGateContext} to supply one more method.
     *
     * @param delegate the context the required methods are passed to, never {@code null}
     * @return a context that supplies only what {@code GateContext} requires
     */
    public static GateContext requiredOnly(GateContext delegate) {
        Objects.requireNonNull(delegate, "delegate");
        return new GateContext() {
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
            public WorkspaceFiles files() {
                return delegate.files();
            }

            @Override
            public String toString() {
                return "requiredOnly(" + delegate + ")";
            }
        };
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
    public WorkspaceFiles files() {
        return delegate.files();
    }

    @Override
    public Optional<byte[]> rulebookFile(String file) {
        return delegate.rulebookFile(file);
    }

    @Override
    public List<GateResult> priorResults() {
        return delegate.priorResults();
    }

    @Override
    public Optional<Instant> judgedAt() {
        return delegate.judgedAt();
    }

    @Override
    public Clock clock() {
        return delegate.clock();
    }

    @Override
    public LocalDate today() {
        return delegate.today();
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
    public String toString() {
        return "ForwardingGateContext(" + delegate + ")";
    }
}
