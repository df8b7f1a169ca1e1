package dev.planning.cli;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningWorkspace;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.examples.DemoScenario;
import picocli.CommandLine.Option;

/**
 * The required {@code --stream} and {@code --cycle} options; {@link Filter}, the optional ones.
 *
 * <p>For the commands {@link CommandModels} builds, picocli's model of these options is built there in
 * code: an option added here must be added there too ({@code CommandModelsTest} fails until it is).
 */
final class CycleOptions {

    @Option(names = "--stream", paramLabel = "S", required = true, description = "Stream, e.g. fe, be, design.")
    String stream;

    @Option(names = "--cycle", paramLabel = "C", required = true, description = "Cycle id, e.g. 2025-09-02.")
    String cycle;

    /** The optional {@code --stream} and {@code --cycle} of {@code lint} and {@code status}: only these cycles. */
    static final class Filter {

        @Option(names = "--stream", paramLabel = "S", description = "Only this stream.")
        String stream;

        @Option(names = "--cycle", paramLabel = "C", description = "Only this cycle.")
        String cycle;
    }

    /** The cycle, validated (a hostile id is refused before any path is built). */
    CycleRef ref() {
        return new CycleRef(stream, cycle);
    }

    /**
     * The cycle, which must exist: it has an event log or a task breakdown. Gates run on a cycle
     * that was never created would only report its missing files one gate at a time.
     *
     * @throws InvalidInputException "no such cycle" (exit code 2)
     */
    CycleRef existing(PlanningWorkspace ws) {
        CycleRef ref = ref();
        if (!ws.exists(ref)) {
            WorkspaceLayout layout = ws.layout();
            throw new InvalidInputException("no such cycle " + ref + ": it has no event log and no task breakdown ("
                    + layout.taskBreakdown(ref) + "); create it with `planning init -w "
                    + DemoScenario.shellWord(ws.root().toString()) + " --stream "
                    + ref.stream() + " --cycle " + ref.cycleId() + "`, or see `planning status`",
                    SourceLocation.ofFile(layout.eventLog(ref)));
        }
        return ref;
    }
}
