package dev.planning.cli;

import dev.planning.api.lifecycle.CycleRef;
import picocli.CommandLine.Option;

/** The required {@code --stream} and {@code --cycle} options. */
final class CycleOptions {

    @Option(names = "--stream", paramLabel = "S", required = true, description = "Stream, e.g. fe, be, design.")
    String stream;

    @Option(names = "--cycle", paramLabel = "C", required = true, description = "Cycle id, e.g. 2025-09-02.")
    String cycle;

    /** The cycle, validated (a hostile id is refused before any path is built). */
    CycleRef ref() {
        return new CycleRef(stream, cycle);
    }
}
