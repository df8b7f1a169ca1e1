package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.SystemFailureException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.fixtures.FaultyFileSystemProvider;
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
