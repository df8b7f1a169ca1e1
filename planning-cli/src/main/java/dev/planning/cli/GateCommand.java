package dev.planning.cli;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.gate.GateResult;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.report.CiReports;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code planning gate}: a dry run of one transition's gates; records nothing.
 *
 * <p>picocli's model of this command is built in code by {@link CommandModels}: an option added
 * here must be added there too ({@code CommandModelsTest} fails until it is).
 */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = "Run the gates of one transition without recording anything (a dry run).")
final class GateCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Mixin
    CycleOptions cycle;

    @Mixin
    FormatOption.Every format;

    @Mixin
    TrustOption trust;

    @Option(names = "--to", paramLabel = "STATE", required = true, converter = StateConverter.class,
            description = "Target state, e.g. READY_FOR_HANDOFF.")
    CycleState to;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PlanningWorkspace ws = workspace.compiled(trust.apply(workspace.builder()).build());
        // Two questions, no read shared between them (api40): existing() asks only whether the cycle exists (its log is
        // read only when it has no planning file), and dryRun reads the log once and judges the state and the attempt
        // from that read alone. Handing it the first read would take an API that trusts a caller's history.
        CycleRef ref = cycle.existing(ws);
        workspace.buildAhead(ws, ref.stream(), to);
        List<GateResult> results = ws.dryRun(ref, to);
        Reports.printJson(spec.commandLine().getOut(), format.format, () -> CiReports.gatesJson(ref, to, results),
                () -> Reports.gatesText(ref, to, results),
                () -> CiReports.gatesJunit(ref, "-> " + to + " (dry run)", results),
                () -> CiReports.gatesSarif(ref, to.name(), results, ws.root(), Path.of("")),
                () -> CiReports.gatesMarkdown(ref, to, results));
        return results.stream().allMatch(GateResult::passed) ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
