package dev.planning.engine.internal.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileEventStore#cycles()} beyond the contract: what lies in the events directories that is
 * not a log with an event (a file left empty or holding only a torn first line by an interrupted
 * append) is not listed; a file it cannot attribute to a cycle, and a damaged log, are refused.
 */
class FileEventStoreCyclesTest {

    @TempDir
    Path workspace;

    @TempDir
    Path elsewhere;

    @Test
    void aLogLeftEmptyOrWithATornFirstLineIsNotListed() throws IOException {
        FileEventStore store = new FileEventStore(workspace);
        store.append(TestEvents.CYCLE, TestEvents.event("evt_1"), RecordedEvent.GENESIS);
        Path events = workspace.resolve("frameworks/planning-fe/events");
        Files.writeString(events.resolve("empty.events.jsonl"), "", StandardCharsets.UTF_8);
        Files.writeString(events.resolve("torn.events.jsonl"), "{\"id\":\"evt_", StandardCharsets.UTF_8);

        assertThat(store.cycles()).containsExactly(TestEvents.CYCLE);
    }

    @Test
    void aLogFileNotNamedAfterACycleIsRefused() throws IOException {
        FileEventStore store = new FileEventStore(workspace);
        store.append(TestEvents.CYCLE, TestEvents.event("evt_1"), RecordedEvent.GENESIS);
        Files.writeString(workspace.resolve("frameworks/planning-fe/events/a b.events.jsonl"), "", StandardCharsets.UTF_8);

        assertThatThrownBy(store::cycles).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a b.events.jsonl").hasMessageContaining("is not named after a cycle");
    }

    @Test
    void aDamagedLogIsRefusedNotSkipped() throws IOException {
        FileEventStore store = new FileEventStore(workspace);
        CycleRef other = new CycleRef("be", "2025-09-02");
        RecordedEvent first = store.append(TestEvents.CYCLE, TestEvents.event("evt_1"), RecordedEvent.GENESIS);
        store.append(TestEvents.CYCLE, TestEvents.event("evt_2"), first.hash());
        store.append(other, TestEvents.event("evt_3", other), RecordedEvent.GENESIS);
        Path log = workspace.resolve("frameworks/planning-fe/events/2025-09-02.events.jsonl");
        Files.writeString(log, Files.readString(log, StandardCharsets.UTF_8).replaceFirst("evt_1", "evt_9"),
                StandardCharsets.UTF_8);

        assertThatThrownBy(new FileEventStore(workspace)::cycles).isInstanceOf(EventLogCorruptedException.class);
    }

    /**
     * A log the store reads through a symbolic link inside the workspace (the log file itself, or its
     * stream's directory, a link a commit can hold) is listed as every other: skipped, its cycle
     * vanished from the workspace's queries (no pending signature, no expiring waiver) while
     * {@code status} and {@code advance} read it.
     */
    @Test
    void aLogReadThroughALinkInsideTheWorkspaceIsListed() throws IOException {
        FileEventStore store = new FileEventStore(workspace);
        CycleRef be = new CycleRef("be", "2025-09-02");
        store.append(TestEvents.CYCLE, TestEvents.event("evt_1"), RecordedEvent.GENESIS);
        store.append(be, TestEvents.event("evt_2", be), RecordedEvent.GENESIS);
        Path log = workspace.resolve("frameworks/planning-fe/events/2025-09-02.events.jsonl");
        Path kept = Files.move(log, workspace.resolve("kept.events.jsonl"));
        Files.createSymbolicLink(log, log.getParent().relativize(kept));
        Path beDir = workspace.resolve("frameworks/planning-be");
        Path beKept = Files.move(beDir, workspace.resolve("be-kept"));
        Files.createSymbolicLink(beDir, beDir.getParent().relativize(beKept));
        FileEventStore reopened = new FileEventStore(workspace);
        assertThat(reopened.read(TestEvents.CYCLE)).hasSize(1);
        assertThat(reopened.read(be)).hasSize(1);

        assertThat(reopened.cycles()).containsExactly(be, TestEvents.CYCLE);
    }

    /** A name of a log that is no file the store can read (here a directory) is refused, not skipped. */
    @Test
    void aLogNameThatIsNoFileIsRefusedNotSkipped() throws IOException {
        FileEventStore store = new FileEventStore(workspace);
        store.append(TestEvents.CYCLE, TestEvents.event("evt_1"), RecordedEvent.GENESIS);
        Files.createDirectories(workspace.resolve("frameworks/planning-fe/events/2025-09-09.events.jsonl"));

        assertThatThrownBy(new FileEventStore(workspace)::cycles).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("2025-09-09.events.jsonl");
    }

    /** A log linked out of the workspace is listed by its name, then refused when read: never skipped. */
    @Test
    void aLogLinkedOutOfTheWorkspaceIsRefusedNotSkipped() throws IOException {
        FileEventStore store = new FileEventStore(workspace);
        store.append(TestEvents.CYCLE, TestEvents.event("evt_1"), RecordedEvent.GENESIS);
        Path log = workspace.resolve("frameworks/planning-fe/events/2025-09-02.events.jsonl");
        Path outside = Files.move(log, elsewhere.resolve("outside.events.jsonl"));
        Files.createSymbolicLink(log, outside);

        assertThatThrownBy(new FileEventStore(workspace)::cycles).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("2025-09-02.events.jsonl");
    }
}
