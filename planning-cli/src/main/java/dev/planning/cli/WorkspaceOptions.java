package dev.planning.cli;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.governance.GovernanceEngine;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.rulebook.GateProfile;
import dev.planning.engine.Planning;
import dev.planning.rules.CompiledRulebooks;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code -w/--workspace} and {@code --rulebook} options, shared by workspace commands.
 *
 * <p>For the commands {@link CommandModels} builds, picocli's model of these options is built there in
 * code: an option added here must be added there too ({@code CommandModelsTest} fails until it is).
 */
final class WorkspaceOptions {

    /** The name under which rulebook profiles run the rule engine's gate. */
    private static final String GOVERNANCE_GATE = "governance";

    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR", defaultValue = ".",
            description = "Workspace directory (default: the current directory).")
    Path workspace;

    @Option(names = "--rulebook", paramLabel = "DIR",
            description = "Rulebook directory (default: <workspace>/rulebook).")
    Path rulebook;

    @Option(names = "--store", paramLabel = "FILE",
            description = "Keep event logs in the PostgreSQL store this configuration file names (url, user,"
                    + " password, repository, kafka.*); default: $PLANNING_STORE_CONFIG or $PLANNING_STORE_URL,"
                    + " else the workspace's files. Never a URL or password here.")
    Path store;

    /** The governance engine {@link #compiled} compiled the rulebook with, if any. */
    private Optional<GovernanceEngine> compiledEngine = Optional.empty();

    /**
     * Opens the workspace and compiles its rulebook's policies first, for commands whose gates may
     * run them: a DRL error is then reported as bad input, at its file and line.
     */
    PlanningWorkspace openCompiled() {
        return compiled(open());
    }

    /** Compiles an opened workspace's rulebook policies (see {@link #openCompiled()}) and returns it. */
    PlanningWorkspace compiled(PlanningWorkspace ws) {
        compiledEngine = Rulebooks.compile(ws.rulebook(), rulebook != null ? rulebook : workspace.resolve("rulebook"));
        return ws;
    }

    /**
     * For a command about to run the gates of a transition to {@code to} in {@code stream}, once its
     * arguments are checked: when the stream's profile runs the governance gate at a step to that
     * state, the knowledge base of the rulebook {@link #compiled} served from the compiled-rulebook
     * cache is built in the background while the gates before it run
     * ({@link CompiledRulebooks#buildAhead}: same outcome; measured in docs/benchmarks/cold-start.md, tenth pass).
     */
    void buildAhead(PlanningWorkspace ws, String stream, CycleState to) {
        GateProfile profile = ws.rulebook().profileFor(stream);
        if (compiledEngine.isPresent() && profile != null && profile.steps().stream()
                .anyMatch(step -> step.to() == to && step.gates().contains(GOVERNANCE_GATE))) {
            CompiledRulebooks.buildAhead(compiledEngine.get());
        }
    }

    /** Opens the workspace with its rulebook. */
    PlanningWorkspace open() {
        return builder().build();
    }

    /** A builder for the workspace with its rulebook, for commands that configure more. */
    Planning.Builder builder() {
        return builder(workspace, rulebook, store);
    }

    /**
     * A builder for {@code workspace} with {@code rulebook} ({@code null}: the workspace's own) and its
     * event logs in the central store that {@code store} ({@code null}: {@code $PLANNING_STORE_CONFIG} or
     * {@code $PLANNING_STORE_URL}) names, else in the workspace's files: every command that opens a
     * workspace reads and writes its logs where the others do.
     */
    static Planning.Builder builder(Path workspace, Path rulebook, Path store) {
        Planning.Builder builder = Planning.builder().workspace(workspace);
        if (rulebook != null) {
            builder.rulebook(rulebook);
        }
        StoreSelection.open(store, workspace).ifPresent(opened -> builder.eventStore(opened.store().eventStore()));
        return builder;
    }
}
