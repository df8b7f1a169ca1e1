package dev.planning.cli;

import dev.planning.api.PlanningException;
import dev.planning.engine.OutputFile;
import java.nio.file.Path;

/** Files the CLI writes for the user (an attestation): written whole or not at all. */
final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * Replaces (or creates) a file atomically through the product's one writer ({@link OutputFile#write}): a
     * temporary {@code .<name>~<number>.tmp} beside it, then an atomic rename, so a reader never sees half of it,
     * and a killed write's temporary goes with a later write (exit25: this wrote {@code .<name><number>.tmp},
     * which nothing swept). Missing parent directories are created.
     *
     * @param file    the file as the user gave it, named so in an error
     * @param content its bytes
     * @throws PlanningException when the file cannot be written, naming it: exit 3 when the system failed the
     *     write (a full disk, an I/O error), exit 2 when the user can fix it
     */
    static void write(Path file, byte[] content) {
        OutputFile.write(file, content);
    }
}
