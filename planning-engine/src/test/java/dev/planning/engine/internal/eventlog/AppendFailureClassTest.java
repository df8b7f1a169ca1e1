package dev.planning.engine.internal.eventlog;

import static dev.planning.engine.internal.eventlog.TestEvents.CYCLE;
import static dev.planning.engine.internal.eventlog.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.planning.api.PlanningException;
import dev.planning.api.SystemFailureException;
import dev.planning.api.event.RecordedEvent;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * errors24: an append that fails because the system failed (a full disk, an I/O error) is a
 * {@link SystemFailureException} (exit 3) naming the log and the cause; one the user can fix (permission
 * denied) stays a plain {@link PlanningException} (exit 2). Every such failure was exit 2. The failure is
 * made through the store's seam, after the line's bytes are written: a full disk cannot be had in a test.
 */
@Isolated("sets FileEventStore.appendFault, which every append or write of the process meets")
class AppendFailureClassTest {

    @TempDir
    Path workspace;

    @AfterEach
    void restore() {
        FileEventStore.appendFault = at -> { };
    }

    private PlanningException appendFailing(IOException failure) {
        FileEventStore.appendFault = at -> {
            throw failure;
        };
        return catchThrowableOfType(PlanningException.class,
                () -> new FileEventStore(workspace).append(CYCLE, event("evt_1"), RecordedEvent.GENESIS));
    }

    @Test
    void aFullDiskIsTheSystemsFailureNamingTheLogAndTheCause() throws IOException {
        PlanningException e = appendFailing(new IOException("No space left on device"));

        assertThat(e).isInstanceOf(SystemFailureException.class);
        assertThat(e.getMessage()).startsWith("cannot append to event log (No space left on device): the system"
                + " failed, not the input").doesNotContain("\n");
        assertThat(e.location().orElseThrow().file()).endsWith("events.jsonl");
        // The partial line was undone: the log holds nothing.
        assertThat(new FileEventStore(workspace).read(CYCLE)).isEmpty();
    }

    @Test
    void aPermissionTheUserCanGrantStaysTheUsersMistake() {
        PlanningException e = appendFailing(new AccessDeniedException("events.jsonl"));

        assertThat(e).isNotInstanceOf(SystemFailureException.class);
        assertThat(e.getMessage()).isEqualTo("cannot append to event log (permission denied)");
    }

    @Test
    void aFileWhereTheLogsDirectoryShouldBeIsTheUsersMistake() throws IOException {
        Path cycles = workspace.resolve("frameworks");
        Files.writeString(cycles, "a file, not the directory of the cycles");

        PlanningException e = catchThrowableOfType(PlanningException.class,
                () -> new FileEventStore(workspace).append(CYCLE, event("evt_1"), RecordedEvent.GENESIS));

        assertThat(e).isNotNull().isNotInstanceOf(SystemFailureException.class);
    }
}
