package dev.planning.cli;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.TransitionResult;
import dev.planning.engine.evidence.GateOutcomes;
import java.util.LinkedHashMap;
import java.util.Map;
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
        Map<String, String> evidence = evidence(ws, ref, result.eventId());
        Reports.print(spec.commandLine().getOut(), format.format, Reports.transition(result, evidence),
                () -> Reports.transitionText(result, evidence),
                () -> CiReports.gatesJunit(ref, result.transition().key(), result.gateResults()),
                () -> CiReports.gatesSarif(ref, to.name(), result.gateResults(), ws.root()),
                () -> MarkdownReports.transition(result));
        return result.accepted() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** Each gate's evidence file, as recorded in the attempt's event ({@code evidence.<gate>}). */
    private static Map<String, String> evidence(PlanningWorkspace ws, CycleRef ref, String eventId) {
        Map<String, String> evidence = new LinkedHashMap<>();
        ws.status(ref).history().stream().map(RecordedEvent::event).filter(e -> e.id().equals(eventId)).findFirst()
                .ifPresent(event -> event.details().forEach((key, value) -> {
                    if (key.startsWith(GateOutcomes.DETAIL_PREFIX)) {
                        evidence.put(key.substring(GateOutcomes.DETAIL_PREFIX.length()), value);
                    }
                }));
        return evidence;
    }
}
