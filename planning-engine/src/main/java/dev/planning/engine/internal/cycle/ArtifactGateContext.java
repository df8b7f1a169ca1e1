package dev.planning.engine.internal.cycle;

import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.gate.GateContext;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.Transition;
import dev.planning.api.rulebook.Rulebook;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link GateContext} of one transition attempt, reading each artifact at most once and only
 * when a gate asks for it.
 */
public final class ArtifactGateContext implements GateContext {

    private final CycleRef cycle;
    private final Transition transition;
    private final Path workspace;
    private final Rulebook rulebook;
    private final Supplier<Optional<TaskBreakdown>> tasks;
    private final Supplier<Optional<StoryMap>> storyMap;
    private final Supplier<Map<String, TaskBreakdown>> otherStreams;
    private final Supplier<List<String>> artifactPaths;
    private final Optional<java.time.Instant> judgedAt;

    public ArtifactGateContext(CycleArtifacts artifacts, Path workspace, Rulebook rulebook,
            CycleRef cycle, Transition transition) {
        this(artifacts, workspace, rulebook, cycle, transition, Optional.empty());
    }

    /** A context that judges as of {@code judgedAt} (see {@link GateContext#judgedAt()}). */
    public ArtifactGateContext(CycleArtifacts artifacts, Path workspace, Rulebook rulebook,
            CycleRef cycle, Transition transition, Optional<java.time.Instant> judgedAt) {
        this.judgedAt = java.util.Objects.requireNonNull(judgedAt, "judgedAt");
        this.cycle = cycle;
        this.transition = transition;
        this.workspace = workspace;
        this.rulebook = rulebook;
        this.tasks = memoize(() -> artifacts.taskBreakdown(cycle));
        this.storyMap = memoize(() -> artifacts.storyMap(cycle));
        this.otherStreams = memoize(() -> artifacts.otherStreams(cycle));
        this.artifactPaths = memoize(() -> artifacts.artifactPaths(cycle));
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
        return workspace;
    }

    @Override
    public Rulebook rulebook() {
        return rulebook;
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
    public Optional<java.time.Instant> judgedAt() {
        return judgedAt;
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;
            private boolean done;

            @Override
            public synchronized T get() {
                if (!done) {
                    value = supplier.get();
                    done = true;
                }
                return value;
            }
        };
    }
}
