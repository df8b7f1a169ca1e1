package dev.planning.cli;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code planning status}: each cycle's state and history; verifies the event chain. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the state and history of cycles, verifying each event log's hash chain.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Mixin
    FormatOption format;

    @Option(names = "--stream", paramLabel = "S", description = "Only this stream.")
    String stream;

    @Option(names = "--cycle", paramLabel = "C", description = "Only this cycle.")
    String cycle;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PlanningWorkspace ws = workspace.open();
        List<CycleRef> selected = select(ws);
        List<CycleStatus> statuses = new ArrayList<>();
        List<EventLogCorruptedException> broken = new ArrayList<>();
        for (CycleRef ref : selected) {
            try {
                statuses.add(ws.status(ref));
            } catch (EventLogCorruptedException e) {
                broken.add(e);
            }
        }
        Reports.print(spec.commandLine().getOut(), format.format, Reports.statuses(statuses, broken),
                () -> Reports.statusText(statuses, broken));
        return broken.isEmpty() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private List<CycleRef> select(PlanningWorkspace ws) {
        if (stream != null && cycle != null) {
            return List.of(new CycleRef(stream, cycle));
        }
        return ws.cycles().stream()
                .filter(c -> stream == null || c.stream().equals(stream))
                .filter(c -> cycle == null || c.cycleId().equals(cycle))
                .toList();
    }
}
