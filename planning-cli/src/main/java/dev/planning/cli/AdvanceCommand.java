package dev.planning.cli;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.api.seal.SealOptions;
import dev.planning.api.seal.SealResult;
import dev.planning.report.CiReports;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
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

    @Option(names = "--allow-dirty", description = "With --to PACKAGED: seal even when artifacts have uncommitted"
            + " changes (or no git repository); the manifest records dirty: true.")
    boolean allowDirty;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PlanningWorkspace ws = workspace.compiled(trust.apply(workspace.builder()).build());
        CycleRef ref = cycle.existing(ws);
        Optional<SealResult> seal = to == CycleState.PACKAGED
                && ws.status(ref).state() == CycleState.READY_FOR_HANDOFF
                ? Optional.of(ws.seal(ref, SealOptions.defaults().withAllowDirty(allowDirty))) : Optional.empty();
        TransitionResult result = seal.flatMap(SealResult::transition).orElseGet(() -> ws.advance(ref, to));
        Map<String, String> evidence = result.evidence();
        Reports.TransitionJson json = Reports.transition(result, evidence,
                seal.flatMap(SealResult::manifestPath).orElse(null));
        Reports.print(spec.commandLine().getOut(), format.format, json,
                () -> Reports.transitionText(result, evidence) + seal.map(AdvanceCommand::sealed).orElse(""),
                () -> CiReports.gatesJunit(ref, result.transition().key(), result.gateResults()),
                () -> CiReports.gatesSarif(ref, to.name(), result.gateResults(), ws.root(), Path.of("")),
                () -> MarkdownReports.transition(result));
        return result.accepted() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** The manifest the handoff wrote, so the user knows what to sign next. */
    private static String sealed(SealResult seal) {
        return seal.manifest().map(m -> "sealed " + seal.manifestPath().orElseThrow() + " (manifest_id "
                + m.manifestId() + ", snapshot_rev " + m.snapshotRev() + (m.dirty() ? ", dirty" : "") + ")\n")
                .orElse("");
    }
}
