package dev.planning.cli;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.Planning;
import dev.planning.engine.internal.scaffold.GitFiles;
import dev.planning.engine.internal.scaffold.StarterCycle;
import dev.planning.engine.internal.workspace.WorkspaceLayout;
import dev.planning.rules.internal.defaults.DefaultRulebook;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code planning init}: scaffolds a workspace for a stream and cycle: the default rulebook (when
 * the workspace has none), {@code .gitignore} and {@code .gitattributes} (see {@link GitFiles}), a
 * starter task breakdown and story map, and the cycle's first event.
 * Never replaces an existing file.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Scaffold a workspace for a stream and cycle (with the default rulebook when none exists).")
final class InitCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Mixin
    CycleOptions cycle;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CycleRef ref = cycle.ref();
        PrintWriter out = spec.commandLine().getOut();
        Path root = workspace.workspace.toAbsolutePath().normalize();
        createDirectories(root);
        Path rulebookDir = workspace.rulebook != null ? workspace.rulebook : root.resolve(WorkspaceLayout.DEFAULT.rulebookDir());
        if (!Files.exists(rulebookDir)) {
            DefaultRulebook.copyTo(rulebookDir);
            out.println("created " + rulebookDir + " (the default rulebook)");
        }
        List<String> written = new ArrayList<>(GitFiles.write(root));
        written.addAll(StarterCycle.write(root, ref, WorkspaceLayout.DEFAULT, Clock.systemUTC()));
        written.forEach(p -> out.println("created " + p));
        PlanningWorkspace ws = workspace.open();
        ws.create(ref);
        out.println("opened cycle " + ref + " in PLANNED");
        out.println("next: edit the files above (lint refuses the placeholders: owner `change-me`, the task's"
                + " description and acceptance criterion), then `planning lint -w " + workspace.workspace + "`");
        return ExitCodes.OK;
    }

    private static void createDirectories(Path root) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new dev.planning.api.InvalidInputException("cannot create workspace " + root + ": " + e.getMessage());
        }
    }
}
