package dev.planning.engine.internal.lifecycle;

import dev.planning.api.WorkspaceLayout;
import dev.planning.api.artifact.StoryMap;
import dev.planning.api.artifact.TaskBreakdown;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateContext;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Transition;
import dev.planning.api.rulebook.GateProfile;
import dev.planning.api.rulebook.GateStep;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.store.WorkspaceFiles;
import dev.planning.engine.fixtures.Gates;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.engine.internal.workspace.LayoutFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Small rulebooks, gates and contexts for lifecycle tests. */
final class Fixtures {

    static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");
    static final Instant NOW = Instant.parse("2025-09-02T10:00:00Z");

    private Fixtures() {
    }

    /** What a gate sees: nothing but the cycle and the transition. */
    record StubContext(CycleRef cycle, Transition transition, Path workspace, Rulebook rulebook,
            Optional<TaskBreakdown> tasks, Optional<StoryMap> storyMap, Map<String, TaskBreakdown> otherStreams,
            List<String> artifactPaths) implements GateContext {

        @Override
        public WorkspaceFiles files() {
            return new LayoutFiles(workspace, WorkspaceLayout.DEFAULT);
        }
    }

    static Rulebook rulebook(GateStep... steps) {
        return new Rulebook(Path.of("/rulebook").toAbsolutePath(), "ab".repeat(32), "1", Map.of("fe",
                new GateProfile("fe", List.of(steps))), Map.of(), "fe", Map.of(), List.of(), Map.of(), List.of());
    }

    static GateStep step(CycleState from, CycleState to, String... gates) {
        return new GateStep(from, to, List.of(gates), Optional.empty());
    }

    static GateStep step(CycleState from, CycleState to, CycleState onFailure, String... gates) {
        return new GateStep(from, to, List.of(gates), Optional.of(onFailure));
    }

    static LifecycleMachine.Builder machine(Path workspace, Rulebook rulebook) {
        AtomicInteger ids = new AtomicInteger();
        return LifecycleMachine.builder()
                .eventStore(new FileEventStore(workspace))
                .rulebook(rulebook)
                .gateContextFactory((cycle, transition) -> new StubContext(cycle, transition, workspace, rulebook,
                        Optional.empty(), Optional.empty(), Map.of(), List.of()))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .eventIds(() -> "evt_" + ids.incrementAndGet())
                .triggeredBy("tester");
    }

    /** A gate that concludes {@code status}, with one finding of the matching severity unless it passes. */
    static Gate gate(String name, GateStatus status) {
        return gate(name, status, context -> { });
    }

    /** A gate that calls {@code spy} with its context before concluding {@code status}. */
    static Gate gate(String name, GateStatus status, Consumer<GateContext> spy) {
        return Gates.of(name, context -> {
            spy.accept(context);
            List<Finding> findings = switch (status) {
                case PASS -> List.of();
                case WARN -> List.of(new Finding(name + ".warn", Severity.WARNING, "be careful", Optional.empty(),
                        Optional.empty()));
                case FAIL -> List.of(new Finding(name + ".fail", Severity.ERROR, "broken", Optional.empty(),
                        Optional.of("FE-1")));
            };
            return new GateResult(name, status, findings, Map.of("checked", 1));
        });
    }

    /** A gate that throws. */
    static Gate throwing(String name, Error failure) {
        return Gates.of(name, context -> {
            throw failure;
        });
    }

    /** A gate that throws. */
    static Gate throwing(String name, RuntimeException failure) {
        return Gates.of(name, context -> {
            throw failure;
        });
    }
}
