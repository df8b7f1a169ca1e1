package dev.planning.engine.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.PlanningException;
import dev.planning.api.SystemFailureException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * errors24: an atomic write that fails because the system failed (a full disk, an I/O error) is a
 * {@link SystemFailureException} (exit 3) naming the file and the cause on one line; one the user can fix
 * (permission denied, a file where a directory of the path should be) stays a plain {@link PlanningException}
 * (exit 2). Every such failure was exit 2. Made through the writer's seam: a full disk cannot be had in a test,
 * and permissions do not stop root.
 */
@Isolated("sets AtomicFiles.beforeForce, which every append or write of the process meets")
class AtomicWriteFailureClassTest {

    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        AtomicFiles.beforeForce = file -> { };
    }

    private PlanningException writeFailing(Path file, IOException failure) {
        AtomicFiles.beforeForce = written -> {
            throw failure;
        };
        return catchThrowableOfType(PlanningException.class,
                () -> AtomicFiles.write(file, "new".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFullDiskIsTheSystemsFailureAndTheFileIsUnchanged() throws IOException {
        Path file = dir.resolve("manifest.yaml");
        Files.writeString(file, "old");

        PlanningException e = writeFailing(file, new IOException("No space left on device"));

        assertThat(e).isInstanceOf(SystemFailureException.class);
        assertThat(e.getMessage()).startsWith("cannot write the file (No space left on device): the system failed,"
                + " not the input").doesNotContain("\n");
        assertThat(e.location().orElseThrow().file()).isEqualTo(file.toString());
        assertThat(Files.readString(file)).isEqualTo("old");
        try (var entries = Files.list(dir)) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void aReadOnlyFileSystemMetWhileWritingIsTheSystemsFailure() {
        PlanningException e = writeFailing(dir.resolve("trust.yaml"),
                new FileSystemException("trust.yaml", null, "Read-only file system"));

        assertThat(e).isInstanceOf(SystemFailureException.class);
        assertThat(e.getMessage()).startsWith("cannot write the file (Read-only file system): the system failed");
    }

    @Test
    void aPermissionTheUserCanGrantStaysTheUsersMistake() {
        PlanningException e = writeFailing(dir.resolve("trust.yaml"), new AccessDeniedException("trust.yaml"));

        assertThat(e).isNotInstanceOf(SystemFailureException.class);
        assertThat(e.getMessage()).isEqualTo("cannot write the file (permission denied)");
    }

    @Test
    void aFileWhereADirectoryOfThePathShouldBeIsTheUsersMistake() throws IOException {
        Files.writeString(dir.resolve("keys"), "a file, not a directory");

        PlanningException e = catchThrowableOfType(PlanningException.class,
                () -> AtomicFiles.write(dir.resolve("keys/trust.yaml"), new byte[] {1}));

        assertThat(e).isNotNull().isNotInstanceOf(SystemFailureException.class);
    }

    /**
     * review24: a directory where the file itself should be (made by hand, or left by a tool) is the user's to
     * remove: the rename fails with EISDIR, a plain {@code FileSystemException}, which was taken for the system's
     * failure (exit 3, "free disk space or check the disk").
     */
    @Test
    void aDirectoryWhereTheFileShouldBeIsTheUsersMistake() throws IOException {
        Path file = Files.createDirectories(dir.resolve("trust.yaml"));
        Files.writeString(file.resolve("inside"), "x");
        Path empty = Files.createDirectories(dir.resolve("manifest.yaml"));

        for (Path target : List.of(file, empty)) {
            PlanningException e = catchThrowableOfType(PlanningException.class,
                    () -> AtomicFiles.write(target, new byte[] {1}));

            assertThat(e).as(target.toString()).isNotNull().isNotInstanceOf(SystemFailureException.class);
            assertThat(e.getMessage()).as(target.toString()).doesNotContain("the system failed");
        }
    }
}
