package dev.planning.cli;

import dev.planning.api.InitResult;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.Planning;
import dev.planning.examples.DemoScenario;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;


/**
 * {@code planning init}: scaffolds a workspace for a stream and cycle: the default rulebook (when
 * the workspace has none), {@code .gitignore} and {@code .gitattributes} (see {@link Planning#init}), a
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
        InitResult result = workspace.rulebook != null
                ? Planning.init(workspace.workspace, workspace.rulebook, ref)
                : Planning.init(workspace.workspace, ref);
        result.createdRulebook().ifPresent(dir -> out.println("created "
                + (workspace.rulebook != null ? workspace.rulebook : dir) + " (the default rulebook)"));
        result.written().forEach(p -> out.println("created " + p));
        out.println("opened cycle " + ref + " in PLANNED");
        out.println("next: edit the files above (lint refuses the placeholders: owner `change-me`, the task's"
                + " description and acceptance criterion), then `planning lint -w "
                + DemoScenario.shellWord(workspace.workspace.toString()) + "`");
        return ExitCodes.OK;
    }
}
