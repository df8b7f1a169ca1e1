package dev.planning.cli;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code planning advance}: run one transition's gates and record the attempt. */
@Command(name = "advance", mixinStandardHelpOptions = true,
        description = "Run the gates of one transition and record it in the cycle's event log.")
final class AdvanceCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Mixin
    CycleOptions cycle;

    @Mixin
    FormatOption format;

    @Mixin
    TrustOption trust;

    @Option(names = "--to", paramLabel = "STATE", required = true, converter = StateConverter.class,
            description = "Target state, e.g. READY_FOR_HANDOFF.")
    CycleState to;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CycleRef ref = cycle.ref();
        PlanningWorkspace ws = workspace.compiled(trust.apply(workspace.builder()).build());
        TransitionResult result = ws.advance(ref, to);
        Reports.print(spec.commandLine().getOut(), format.format, Reports.transition(result),
                () -> Reports.transitionText(result));
        return result.accepted() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
