package dev.planning.store.postgres;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.SystemFailureException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.artifact.ErrorList;
import dev.planning.engine.internal.eventlog.FileEventStore;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.lifecycle.CycleFold;
import dev.planning.engine.internal.workspace.AtomicFiles;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.PathLock;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.WriteFailures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Moves event logs between a workspace's files and the database, losslessly: a line keeps its
 * exact bytes both ways, so every hash (and any manifest or signature quoting one) stays valid.
 *
 * <pre>{@code
 * List<StoreMigration.Moved> in = StoreMigration.importFiles(workspace, WorkspaceLayout.DEFAULT, store.eventStore());
 * List<StoreMigration.Moved> out = StoreMigration.exportFiles(store.eventStore(), otherDir, WorkspaceLayout.DEFAULT);
 * }</pre>
 *
 * <p>Import reads each log with the file store (its hash chain verified; a torn last line, never
 * acknowledged, is cut as the file store always does), refuses a history the lifecycle does not allow (as
 * {@code status} refuses it), and appends its lines to the cycle in the
 * database, every log in one transaction once all are checked (an import is whole or nothing); lines already there
 * byte for byte are skipped, so an import can be repeated, and a cycle whose database history differs is refused. Export writes each cycle's lines, atomically,
 * and refuses to replace a file that is not a prefix of the database's log.
 *
 * @since 0.1
 */
public final class StoreMigration {

    private static final String SUFFIX = ".events.jsonl";

    private StoreMigration() {
    }

    /**
     * One cycle moved.
     *
     * @param cycle the cycle
     * @param lines how many lines the log has
     * @param added how many of them were new at the destination
     */
    public record Moved(CycleRef cycle, int lines, int added) {
        /**
         * Creates the record; the class comment says what each component holds.
         *
         * @param cycle the cycle
         * @param lines how many lines the log has
         * @param added how many of them were new at the destination
         */
        public Moved {
            Objects.requireNonNull(cycle, "cycle");
        }
    }

    /**
     * Imports every event log of the workspace, sorted by stream then cycle id, whole or not at all (store36): every
     * log is read and checked first (its chain, its history folded as {@code status} folds it), and only when none is
     * refused are they imported, in one transaction, so that a log refused (here, or by the database: a cycle whose
     * history there differs) leaves the store as it was. Every log refused here is reported, not only the first.
     *
     * @param workspace the workspace directory
     * @param layout where artifacts live in the workspace
     * @param store the store the logs are imported into
     * @return one entry per cycle, in that order
     * @throws PlanningException for a log refused (each one named, with its line); nothing was imported
     */
    public static List<Moved> importFiles(Path workspace, WorkspaceLayout layout, PostgresEventStore store) {
        FileEventStore files = new FileEventStore(workspace, layout);
        List<Map.Entry<CycleRef, List<byte[]>>> logs = new ArrayList<>();
        List<PlanningException> refused = new ArrayList<>();
        for (CycleRef cycle : fileCycles(workspace, layout)) {
            try {
                logs.add(Map.entry(cycle, checkedLines(files, layout, cycle)));
            } catch (SystemFailureException e) {
                throw e; // the system's (a disk error), not a log to report beside the others
            } catch (PlanningException e) {
                refused.add(e);
            }
        }
        if (!refused.isEmpty()) {
            throw nothingImported(refused);
        }
        List<Integer> added;
        try {
            added = store.importAll(logs);
        } catch (SystemFailureException e) {
            throw e;
        } catch (PlanningException e) {
            throw nothingImported(List.of(e));
        }
        List<Moved> moved = new ArrayList<>(logs.size());
        for (int i = 0; i < logs.size(); i++) {
            moved.add(new Moved(logs.get(i).getKey(), logs.get(i).getValue().size(), added.get(i)));
        }
        return moved;
    }

    /** A log's lines, its chain verified, its history folded and each line's bytes those the chain was read from. */
    private static List<byte[]> checkedLines(FileEventStore files, WorkspaceLayout layout, CycleRef cycle) {
        List<RecordedEvent> events = files.read(cycle);
        // As every read of the cycle folds it, naming the file's line (attack35): importLines refuses it too.
        CycleFold.fold(files.location(cycle), events);
        List<byte[]> lines = rawLines(files.logFile(cycle), layout.eventLog(cycle));
        if (lines.size() != events.size()) {
            throw new PlanningException(layout.eventLog(cycle) + " changed while it was being imported; run again",
                    SourceLocation.ofFile(layout.eventLog(cycle)), null);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (!Sha256.hex(lines.get(i)).equals(events.get(i).hash())) {
                throw new EventLogCorruptedException("line " + (i + 1) + " changed while it was being imported",
                        new SourceLocation(layout.eventLog(cycle), i + 1, 0));
            }
        }
        return lines;
    }

    /**
     * The refusal of an import that imported nothing: the only refusal, its kind kept and its message saying so, or
     * one listing every refused log at its line.
     */
    private static PlanningException nothingImported(List<PlanningException> refused) {
        String nothing = "nothing was imported (store migrate imports every log or none): fix the log and run it again";
        if (refused.size() == 1) {
            PlanningException only = refused.get(0);
            String message = only.getMessage() + "; " + nothing;
            SourceLocation location = only.location().orElse(null);
            if (only instanceof EventLogCorruptedException) {
                return new EventLogCorruptedException(message, location);
            }
            return only instanceof InvalidInputException ? new InvalidInputException(message, location, only)
                    : new PlanningException(message, location, only);
        }
        List<InvalidInputException> each = refused.stream()
                .map(e -> new InvalidInputException(e.getMessage(), e.location().orElse(null))).toList();
        return ErrorList.ofFiles(refused.size() + " event logs are refused; nothing was imported (store migrate"
                + " imports every log or none): fix them and run it again", each, null);
    }

    /**
     * Exports every cycle of the store's repository to event log files under {@code workspace}.
     *
     * @param store the store whose repository is exported
     * @param workspace the workspace the files are written under
     * @param layout where artifacts live in the workspace
     * @return one entry per cycle
     */
    public static List<Moved> exportFiles(PostgresEventStore store, Path workspace, WorkspaceLayout layout) {
        List<Moved> moved = new ArrayList<>();
        for (CycleRef cycle : store.cycles()) {
            List<byte[]> lines = store.lines(cycle);
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            for (byte[] line : lines) {
                content.writeBytes(line);
                content.write('\n');
            }
            byte[] bytes = content.toByteArray();
            String relative = layout.eventLog(cycle);
            Path file = SafePaths.resolve(workspace.toAbsolutePath().normalize(), relative);
            moved.add(exportLog(cycle, lines.size(), bytes, file, relative));
        }
        return moved;
    }

    /**
     * Writes one cycle's log unless the file holds it already, under the log's lock (the one every append
     * takes), after removing the temporary files an export killed mid-write left beside it: only this lock's
     * holders write the log whole, so a temporary named as {@link AtomicFiles} names the log's is theirs, and
     * none of them is writing now.
     */
    static Moved exportLog(CycleRef cycle, int lines, byte[] bytes, Path file, String relative) {
        try {
            return PathLock.holdingCreating(file, () -> {
                AtomicFiles.deleteStrayTemporaries(file);
                int held = 0;
                // A log that cannot be examined is refused, never taken for none and written over (errs37).
                if (DirectoryEntries.attributesShown(file, relative, "the database's log is not written over a log"
                        + " that cannot be examined").isPresent()) {
                    byte[] existing = read(file, relative);
                    if (existing.length > bytes.length || !Arrays.equals(existing, 0, existing.length, bytes, 0,
                            existing.length)) {
                        throw new InvalidInputException(relative + " already exists and is not a prefix of the"
                                + " database's log of " + cycle + "; refusing to replace a different history",
                                SourceLocation.ofFile(relative));
                    }
                    held = count(existing);
                    if (existing.length == bytes.length) {
                        return new Moved(cycle, lines, 0);
                    }
                }
                AtomicFiles.write(file, bytes);
                return new Moved(cycle, lines, lines - held);
            });
        } catch (IOException e) {
            // The lock's own failures are LockFailedExceptions, naming the lock file: this is the work under it.
            throw exportFailed(e, file, relative);
        }
    }

    /**
     * A failed export of the log at {@code file}, judged as every write of the product's files ({@link
     * WriteFailures}): the user's (a permission denied, a file in the way, exit 2) or the system's (a full disk, an
     * I/O error, exit 3); errs37: it was a plain {@link PlanningException} (exit 2) whatever the cause, its reason
     * the exception's class.
     */
    static PlanningException exportFailed(IOException e, Path file, String relative) {
        return WriteFailures.of("cannot export the log " + relative, WriteFailures.failedPath(e, file), relative, e);
    }

    /**
     * The cycles that have an event log file, sorted by stream then cycle id. A directory that cannot be examined or
     * listed is refused, naming it, as every scan of the workspace ({@link DirectoryEntries}): the user's (exit 2)
     * or the system's (exit 3), never passed over (fail36: an {@code events} directory the disk failed to examine
     * was taken for none, and its cycles' logs left out of the import without a word).
     */
    static List<CycleRef> fileCycles(Path workspace, WorkspaceLayout layout) {
        Path streams = workspace.resolve(layout.streamsRoot());
        List<CycleRef> cycles = new ArrayList<>();
        for (Path dir : DirectoryEntries.sorted(workspace, streams, IMPORTED)) {
            String stream = layout.streamOfDirectory(dir.getFileName().toString());
            if (stream == null || !DirectoryEntries.attributes(workspace, dir, IMPORTED)
                    .map(BasicFileAttributes::isDirectory).orElse(false)) {
                continue;
            }
            for (Path log : DirectoryEntries.sorted(workspace, dir.resolve("events"), IMPORTED)) {
                String name = log.getFileName().toString();
                if (name.endsWith(SUFFIX)) {
                    cycles.add(new CycleRef(stream, name.substring(0, name.length() - SUFFIX.length())));
                }
            }
        }
        return cycles;
    }

    /** What cannot be done without a directory or log of the workspace, for the message of one that cannot be read. */
    private static final String IMPORTED = "the workspace's event logs cannot be imported without it";

    /** The log's lines without their line feeds; every line, including the last, must end with one. */
    private static List<byte[]> rawLines(Path file, String relative) {
        byte[] bytes = read(file, relative);
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(Arrays.copyOfRange(bytes, start, i));
                start = i + 1;
            }
        }
        return lines;
    }

    private static int count(byte[] bytes) {
        int lines = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }

    /** The file's bytes; one that cannot be read is refused naming it, the user's or the system's as the rule says. */
    static byte[] read(Path file, String relative) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            // fail36: any was the user's, a disk's I/O error included.
            throw DirectoryEntries.cannotRead(file, relative, "its lines cannot be moved", e);
        }
    }
}
