package dev.planning.cli;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.Printable;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleStatus;
import dev.planning.api.seal.Discrepancy;
import dev.planning.report.CiReports;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code planning status}: each cycle's state and history; verifies the event chain, and for every
 * cycle past {@code PACKAGED} that its sealed manifest verifies now (exit 1 otherwise, naming the
 * event that moved it past {@code PACKAGED}).
 *
 * <p>picocli's model of this command is built in code by {@link CommandModels}: an option added
 * here must be added there too ({@code CommandModelsTest} fails until it is).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the state and history of cycles, verifying each event log's hash chain, and, for every"
                + " cycle past PACKAGED, that its sealed manifest verifies now against the trust file (checksums,"
                + " rulebook, signatures meeting the signing policy). Exit 1 when either does not hold.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    WorkspaceOptions workspace;

    @Mixin
    FormatOption format;

    @Mixin
    TrustOption trust;

    @Mixin
    CycleOptions.Filter filter;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        // Read-only: status runs no gate, so the rulebook's policies need not be compiled.
        PlanningWorkspace ws = trust.apply(workspace.builder()).readOnly().build();
        List<CycleRef> selected = select(ws);
        List<CycleStatus> statuses = new ArrayList<>();
        List<EventLogCorruptedException> broken = new ArrayList<>();
        List<Discrepancy> unsigned = new ArrayList<>();
        for (CycleRef ref : selected) {
            try {
                CycleStatus status = ws.status(ref);
                statuses.add(status);
                unsigned.addAll(ws.checkHistory(status));
            } catch (EventLogCorruptedException e) {
                broken.add(e);
            }
        }
        // One reading of which cycles lack their plan, for the text's line and the JSON's key alike.
        Map<CycleRef, String> withoutPlan = CiReports.missingTaskBreakdowns(ws, statuses);
        Reports.printJson(spec.commandLine().getOut(), format.format, () -> CiReports.statusJson(statuses, broken,
                unsigned, withoutPlan), () -> Reports.statusText(statuses, broken, withoutPlan)
                + unsigned.stream().map(d -> "UNSIGNED HISTORY: " + Printable.line(d.file()) + ": "
                        + Printable.shown(d.message(), "") + "\n")
                        .collect(Collectors.joining()), null, null, null);
        return broken.isEmpty() && unsigned.isEmpty() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /**
     * The cycles to show. A stream or cycle id that is not valid is refused (exit 2) as by every other
     * command, and so is one cycle that does not exist: its status would otherwise read {@code PLANNED}.
     */
    private List<CycleRef> select(PlanningWorkspace ws) {
        String stream = filter.stream;
        String cycle = filter.cycle;
        if (stream != null) {
            CycleRef.requireStream(stream);
        }
        if (cycle != null) {
            CycleRef.requireCycleId(cycle);
        }
        if (stream != null && cycle != null) {
            CycleOptions one = new CycleOptions();
            one.stream = stream;
            one.cycle = cycle;
            return List.of(one.existing(ws));
        }
        List<CycleRef> all = ws.cycles();
        List<CycleRef> matching = all.stream()
                .filter(c -> stream == null || c.stream().equals(stream))
                .filter(c -> cycle == null || c.cycleId().equals(cycle))
                .toList();
        if (matching.isEmpty() && (stream != null || cycle != null)) {
            String filter = stream != null ? "of stream " + stream : "with id " + cycle;
            String known = all.isEmpty() ? "the workspace has no cycle yet"
                    : "its cycles: " + all.stream().limit(10).map(CycleRef::toString).collect(Collectors.joining(", "))
                            + (all.size() > 10 ? ", ... (" + all.size() + " in all)" : "");
            throw new InvalidInputException("no cycle " + filter + " in " + ws.root() + "; " + known);
        }
        return matching;
    }
}
