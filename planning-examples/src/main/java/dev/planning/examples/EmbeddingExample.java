package dev.planning.examples;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.LintReport;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.engine.Planning;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Embedding the engine: lint a workspace, advance a cycle and print why a refused transition was
 * refused. The README shows the body of {@link #run} verbatim, and a test runs it.
 *
 * <p>Run: {@code java -cp ... dev.planning.examples.EmbeddingExample planning-examples/workspaces/fe-2025-09-02}
 * (it records a transition in that workspace's event log; use a copy).
 */
public final class EmbeddingExample {

    private EmbeddingExample() {
    }

    /** Lints the workspace and advances {@code fe/2025-09-02}; returns whether the transition was accepted. */
    public static boolean run(Path workspaceDir) {
        // tag::embed[]
        PlanningWorkspace workspace = Planning.builder()
                .workspace(workspaceDir)              // rulebook defaults to <workspace>/rulebook
                .triggeredBy("release-bot")
                .build();

        LintReport lint = workspace.lint();
        lint.findings().forEach(finding -> System.out.println(finding.describe()));

        CycleRef cycle = new CycleRef("fe", "2025-09-02");
        TransitionResult result = workspace.advance(cycle, CycleState.READY_FOR_HANDOFF);
        if (!result.accepted()) {
            result.failedGates().forEach(gate -> gate.findings().forEach(f -> System.out.println(f.describe())));
        }
        System.out.println(cycle + " is now " + workspace.status(cycle).state());
        // end::embed[]
        return result.accepted();
    }

    /** Entry point: {@code EmbeddingExample WORKSPACE}. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: EmbeddingExample WORKSPACE");
            System.exit(2);
        }
        System.exit(run(Path.of(args[0])) ? 0 : 1);
    }
}
