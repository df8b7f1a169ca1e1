package dev.planning.engine.internal.cycle;

import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.GateContext;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.Transition;
import dev.planning.engine.internal.lifecycle.GateContextFactory;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A workspace's gate contexts: an {@link ArtifactGateContext} over one {@link GateEnvironment} for every attempt and
 * every move run again, the first move of a cycle whose log has no event included
 * ({@link ArtifactGateContext#opening}).
 */
public final class ArtifactGateContexts implements GateContextFactory {

    private final GateEnvironment environment;

    /** The contexts over {@code environment}. */
    public ArtifactGateContexts(GateEnvironment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    @Override
    public GateContext create(CycleRef cycle, Transition transition) {
        return new ArtifactGateContext(environment, cycle, transition);
    }

    @Override
    public GateContext create(CycleRef cycle, Transition transition, Optional<Instant> judgedAt) {
        return new ArtifactGateContext(environment, cycle, transition, judgedAt);
    }

    @Override
    public GateContext create(CycleRef cycle, Transition transition, List<RecordedEvent> history) {
        return new ArtifactGateContext(environment, cycle, transition, history);
    }

    @Override
    public GateContext create(CycleRef cycle, Transition transition, Optional<Instant> judgedAt,
            List<RecordedEvent> history) {
        return new ArtifactGateContext(environment, cycle, transition, judgedAt, history);
    }

    @Override
    public GateContext createOpening(CycleRef cycle, Transition transition, Instant createdAt) {
        return ArtifactGateContext.opening(environment, cycle, transition, createdAt);
    }
}
