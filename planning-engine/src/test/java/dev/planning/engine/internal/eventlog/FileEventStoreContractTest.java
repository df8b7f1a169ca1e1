package dev.planning.engine.internal.eventlog;

import dev.planning.api.event.PlanningEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.store.EventStore;
import dev.planning.engine.EventLines;
import dev.planning.testkit.store.DamageableEventStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The file store meets the event store contract; instances sharing a workspace share its logs. */
class FileEventStoreContractTest extends DamageableEventStoreContract {

    @TempDir
    Path temp;

    private final Map<EventStore, Path> workspaces = new IdentityHashMap<>();

    @Override
    protected EventStore newStore() {
        Path workspace = temp.resolve("ws" + workspaces.size());
        try {
            Files.createDirectories(workspace);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FileEventStore store = new FileEventStore(workspace);
        workspaces.put(store, workspace);
        return store;
    }

    @Override
    protected EventStore newStoreSharingStorageWith(EventStore store) {
        return new FileEventStore(workspaces.get(store));
    }

    /** Edits one byte of the line, as a hand edit of the log file would. */
    @Override
    protected void damageStoredEvent(EventStore store, CycleRef cycle, int line) {
        Path log = ((FileEventStore) store).logFile(cycle);
        try {
            String[] lines = Files.readString(log, StandardCharsets.UTF_8).split("\n", -1);
            String damaged = lines[line - 1].replace("\"triggered_by\":\"contract\"", "\"triggered_by\":\"c0ntract\"");
            if (damaged.equals(lines[line - 1])) {
                throw new IllegalStateException("line " + line + " has no triggered_by to damage");
            }
            lines[line - 1] = damaged;
            Files.writeString(log, String.join("\n", lines), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds the event's line after the log's last, chained to it, as a hand edit would. */
    @Override
    protected void writeStoredEvent(EventStore store, CycleRef cycle, PlanningEvent event) {
        Path log = ((FileEventStore) store).logFile(cycle);
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String head = EventLines.hash(lines.get(lines.size() - 1).getBytes(StandardCharsets.UTF_8));
            Files.write(log, (new String(EventLines.encode(event, head), StandardCharsets.UTF_8) + "\n")
                    .getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves the log file to the name's place, as a hand rename would. */
    @Override
    protected void renameStoredCycle(EventStore store, CycleRef cycle, String stream, String cycleId) {
        Path log = ((FileEventStore) store).logFile(cycle);
        Path moved = workspaces.get(store).resolve("frameworks/planning-" + stream + "/events/" + cycleId
                + ".events.jsonl");
        try {
            Files.createDirectories(moved.getParent());
            Files.move(log, moved);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
