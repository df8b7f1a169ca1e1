package dev.planning.cli;

import dev.planning.api.PlanningException;
import dev.planning.api.Printable;
import java.io.IOException;
import java.nio.file.FileSystemException;
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
     * @param file    the file as the user gave it, named so in an error ({@link Printable#path})
     * @param content its bytes
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
            // The exception's own message names the file again, raw: only its reason is shown.
            throw new PlanningException("cannot write " + Printable.path(file) + ": " + reason(e));
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

    /** What went wrong, without the paths a {@link FileSystemException}'s message repeats. */
    private static String reason(IOException e) {
        String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        return Printable.line(reason != null ? reason : e.getClass().getSimpleName());
    }
}
