package dev.planning.engine;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.Gate;
import dev.planning.api.gate.GateResult;
import dev.planning.api.gate.LintReport;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.store.EventStore;
import dev.planning.engine.cycle.ArtifactGateContext;
import dev.planning.engine.cycle.CycleArtifacts;
import dev.planning.engine.evidence.FileEvidenceWriter;
import dev.planning.engine.lifecycle.LifecycleMachine;
import dev.planning.engine.lint.WorkspaceLinter;
import dev.planning.engine.workspace.WorkspaceLayout;
import dev.planning.engine.workspace.WorkspaceScanner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** A {@link PlanningWorkspace} over a directory, its rulebook and an event store. */
final class FileWorkspace implements PlanningWorkspace {

    private final Path root;
    private final WorkspaceLayout layout;
    private final Rulebook rulebook;
    private final LifecycleMachine machine;

    FileWorkspace(Path root, WorkspaceLayout layout, Rulebook rulebook, EventStore store, List<Gate> gates,
            Clock clock, String triggeredBy) {
        this.root = root;
        this.layout = layout;
        this.rulebook = rulebook;
        CycleArtifacts artifacts = new CycleArtifacts(root, layout);
        this.machine = LifecycleMachine.builder()
                .eventStore(store)
                .rulebook(rulebook)
                .gates(gates)
                .gateContextFactory((cycle, transition) ->
                        new ArtifactGateContext(artifacts, root, rulebook, cycle, transition))
                .evidenceWriter(new FileEvidenceWriter(root, layout))
                .clock(clock)
                .triggeredBy(triggeredBy)
                .build();
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
        return new WorkspaceScanner(root, layout).cycles();
    }

    @Override
    public LintReport lint(Optional<String> stream, Optional<String> cycleId) {
        return new WorkspaceLinter(layout).lint(root, stream, cycleId);
    }

    @Override
    public CycleStatus create(CycleRef cycle) {
        return machine.create(cycle);
    }

    @Override
    public List<GateResult> dryRun(CycleRef cycle, CycleState to) {
        return machine.dryRun(cycle, to);
    }

    @Override
    public TransitionResult advance(CycleRef cycle, CycleState to) {
        return machine.advance(cycle, to);
    }

    @Override
    public CycleStatus status(CycleRef cycle) {
        return machine.status(cycle);
    }
}
