package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningException;
import dev.planning.api.SystemFailureException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.fixtures.FaultyFileSystemProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which event logs {@code store migrate} imports ({@link StoreMigration#fileCycles}): every log of every stream, and
 * a directory that cannot be examined or listed refused, never passed over; a log that cannot be read alike. fail36: an {@code events} directory the
 * disk failed to examine ({@code EIO}, made through the ordinary {@code Files} calls by
 * {@link FaultyFileSystemProvider}) was taken for none, and its cycles left out of the import without a word.
 */
class StoreMigrationScanTest {

    private static final WorkspaceLayout LAYOUT = WorkspaceLayout.DEFAULT;

    @TempDir
    Path ws;

    private Path events(String stream) throws Exception {
        Path events = Files.createDirectories(ws.resolve("frameworks/planning-" + stream + "/events"));
        Files.writeString(events.resolve("2025-09-02.events.jsonl"), "");
        return events;
    }

    @Test
    void everyLogOfEveryStreamIsFoundAndAStrayFileIsPassedOver() throws Exception {
        events("fe");
        events("be");
        Files.writeString(ws.resolve("frameworks/planning-x"), "a file, not a stream's directory");
        Files.writeString(ws.resolve("frameworks/planning-fe/events/notes.txt"), "not a log");

        assertThat(StoreMigration.fileCycles(ws, LAYOUT)).containsExactly(new CycleRef("be", "2025-09-02"),
                new CycleRef("fe", "2025-09-02"));
        assertThat(StoreMigration.fileCycles(ws.resolve("empty"), LAYOUT)).isEmpty();
    }

    @Test
    void anEventsDirectoryTheDiskFailsIsTheSystemsFailureNotACycleLessStream() throws Exception {
        events("be");
        Path failing = events("fe");
        FaultyFileSystemProvider disk = FaultyFileSystemProvider.answeringEio(failing);

        assertThatThrownBy(() -> StoreMigration.fileCycles(disk.path(ws), LAYOUT))
                .isExactlyInstanceOf(SystemFailureException.class)
                .hasMessageStartingWith("cannot read frameworks/planning-fe/events (Input/output error)");
    }

    /**
     * errs37: a failure of the export's work under the log's lock was a plain {@code PlanningException} (exit 2)
     * whatever its cause, its reason the exception's class; it is judged as every write of the product's files.
     */
    @Test
    void anExportTheDiskFailsIsTheSystemsFailureAndAPermissionDeniedTheUsers() {
        String relative = "frameworks/planning-fe/events/2025-09-02.events.jsonl";
        Path log = ws.resolve(relative);

        assertThat(StoreMigration.exportFailed(new FileSystemException(log.toString(), null, "Input/output error"), log,
                relative)).isExactlyInstanceOf(SystemFailureException.class)
                .hasMessageStartingWith("cannot export the log " + relative + " (Input/output error): the system failed");
        assertThat(StoreMigration.exportFailed(new AccessDeniedException(log.toString()), log, relative))
                .isExactlyInstanceOf(PlanningException.class)
                .hasMessage("cannot export the log " + relative + " (permission denied)");
    }

    /**
     * errs37: an existing log the disk fails to examine was taken for none ({@code Files.exists}) and written over;
     * it is refused, the system's failure, and nothing is written.
     */
    @Test
    void anExistingLogTheDiskFailsToExamineIsTheSystemsFailureNotWrittenOver() throws Exception {
        String relative = "frameworks/planning-fe/events/2025-09-02.events.jsonl";
        Path log = events("fe").resolve("2025-09-02.events.jsonl");
        FaultyFileSystemProvider disk = FaultyFileSystemProvider.answeringEio(log);

        assertThatThrownBy(() -> StoreMigration.exportLog(new CycleRef("fe", "2025-09-02"), 1,
                "{}\n".getBytes(StandardCharsets.UTF_8), disk.path(log), relative))
                .isExactlyInstanceOf(SystemFailureException.class)
                .hasMessageStartingWith("cannot read " + relative + " (Input/output error)");
        assertThat(log).isEmptyFile();
    }

    /**
     * A log whose bytes the disk fails to read ({@code EIO}, made for real: {@code /proc/self/mem}, whose first page
     * no process maps) is the system's; it was a plain {@code PlanningException}, the user's (fail36).
     */
    @Test
    void aLogWhoseBytesTheDiskFailsToReadIsTheSystemsFailure() {
        assertThatThrownBy(() -> StoreMigration.read(Path.of("/proc/self/mem"), "frameworks/planning-fe/events/x"))
                .isExactlyInstanceOf(SystemFailureException.class)
                .hasMessageStartingWith("cannot read frameworks/planning-fe/events/x (Input/output error)");
    }
}
