package dev.planning.engine;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.engine.internal.workspace.AtomicFiles;
import java.nio.file.Path;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Writes a file for the user that the product makes (an attestation given with {@code --out}, a report of the
 * Maven plugin, a demo's file) as the product writes its own: whole or not at all. The command line, the Maven
 * plugin and the demo write theirs through it, so that a killed write leaves nothing that outlives the next one;
 * an embedder writing such a file gets the same guarantees.
 *
 * <pre>{@code
 * Attestation attestation = workspace.attest(cycle, signers);
 * OutputFile.write(outDir.resolve("attestation.json"), attestation.envelope().getBytes(StandardCharsets.UTF_8));
 * }</pre>
 *
 * <p>It is not for the workspace's own files (plans, event logs, manifests), which the workspace writes under
 * its locks. Thread-safe: two writes of one file at once each write their own temporary, and the last rename
 * wins.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class OutputFile {

    private OutputFile() {
    }

    /**
     * Writes {@code content} to {@code file}, replacing it when it exists: the bytes go to a temporary file beside
     * it, {@code .<name>~<number>.tmp}, are forced to disk and renamed into place, so a reader sees the old file or
     * the new one, never a mix; missing parent directories are created. A temporary that a write killed at least
     * an hour before left beside the file is deleted once the file is in place, so a crash leaves nothing that
     * outlives the next write (a younger one may be another process's write under way, and stays). A new file gets
     * the permissions the process's umask gives, as a shell's redirection would; a replaced one keeps its own. Not
     * for secrets: such a file may be readable by others.
     *
     * @param file    the file, replaced when it exists; never {@code null}
     * @param content its bytes; never {@code null}
     * @throws dev.planning.api.SystemFailureException when the system failed the write (a full disk, a file system
     *     turned read-only, an I/O error), naming the file
     * @throws dev.planning.api.PlanningException when the user can fix it (a permission, a file where a directory of
     *     the path should be, a directory where the file goes, a name too long, a path that names no file such as
     *     the root), naming the file
     * @since 0.1
     */
    public static void write(Path file, byte[] content) {
        AtomicFiles.writeUnguarded(Objects.requireNonNull(file, "file"), Objects.requireNonNull(content, "content"));
    }
}
