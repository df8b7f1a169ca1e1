package dev.planning.cli;

import dev.planning.api.PlanningException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files the CLI writes for the user (an attestation, the demo's files): written whole or not at all. */
final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * Replaces (or creates) a file atomically: a temporary file beside it, then an atomic rename, so
     * a reader never sees half of it. Missing parent directories are created.
     *
     * @throws PlanningException when the file cannot be written, naming it
     */
    static void write(Path file, byte[] content) {
        Path target = file.toAbsolutePath().normalize();
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.write(temp, content);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new PlanningException("cannot write " + file + ": " + e.getMessage());
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The rename consumed it, or the failure above is the one to report.
                }
            }
        }
    }
}
