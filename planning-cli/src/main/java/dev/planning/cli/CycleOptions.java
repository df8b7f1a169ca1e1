package dev.planning.cli;

import dev.planning.api.NoSuchCycleException;
import dev.planning.api.PlanningWorkspace;
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
     * The cycle, which must exist ({@link PlanningWorkspace#exists}: a planning file, or an event; a cycle whose
     * log is broken exists, and the command reading it reports the log). Gates run on a cycle that was never
     * created would only report its missing files one gate at a time.
     *
     * @throws NoSuchCycleException "no such cycle" (exit code 2), naming the files looked for and the nearest
     *                              cycles, as the API's writing jobs refuse it
     */
    CycleRef existing(PlanningWorkspace ws) {
        CycleRef ref = ref();
        if (!ws.exists(ref)) {
            throw new NoSuchCycleException(ref, ws.layout(), ws.cycles(), "create it with `planning init -w "
                    + DemoScenario.shellWord(ws.root().toString()) + " --stream " + ref.stream() + " --cycle "
                    + ref.cycleId() + "`, or see `planning status`");
        }
        return ref;
    }
}
