package dev.planning.engine.internal.eventlog;

import dev.planning.api.DocumentException;
import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.SystemFailureException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.Finding;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.internal.artifact.ErrorList;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.lifecycle.CycleFold;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.PathLock;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Lint of a cycle's event log in the workspace's files ({@link WorkspaceLayout#eventLog}): every line decoded with
 * the store's {@link EventLineCodec} and judged as {@link FileEventStore#read} judges it (its chain, its cycle), each
 * bad line one finding at its file, line and column (the first {@value ErrorList#MAX_SHOWN}, then one counting the
 * rest), where the store refuses the log at its first bad line; and
 * the history its lines tell folded as {@code status} folds it ({@link CycleFold}), the first event that does not
 * fit one finding.
 * Read-only: the log is opened for reading alone, and a torn last line, which the store's next read or append cuts
 * away, is reported and left as it is. A byte-order mark an editor put before a line is reported at that line, not
 * where the chain then breaks; a lock file beside the log that the store would refuse is reported at it. Every file is
 * named relative to the workspace, the store's own messages included.
 *
 * <pre>{@code
 * EventLogLint logs = new EventLogLint(workspace, WorkspaceLayout.DEFAULT);
 * List<Finding> findings = logs.check(new CycleRef("fe", "2025-09-02"));
 * }</pre>
 *
 * Thread-safe.
 */
public final class EventLogLint {

    /**
     * A line the store cannot read: not JSON, not an event, longer than a line may be, or without its line feed; or one
     * that starts with a byte-order mark.
     */
    public static final String EVENT_INVALID = "event.invalid";
    /** A line that does not chain to the one before it, or that is another cycle's event. */
    public static final String EVENT_CHAIN = "event.chain";
    /**
     * A well-chained line whose event does not fit the cycle's history as the engine folds it ({@code PLANNED ->
     * COMPLETED}, a move from a state the cycle is not in, a second {@code CYCLE_CREATED}, anything after
     * {@code COMPLETED}): {@code status}, {@code gate} and {@code advance} refuse the log there.
     */
    public static final String EVENT_HISTORY = "event.history";
    /** A torn last line, the remains of an append that never finished, which the store cuts away (a warning). */
    public static final String EVENT_TORN = "event.torn-line";

    /** UTF-8's byte-order mark, which an editor may add before a log's first line, and the store never writes. */
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Path workspace;
    private final WorkspaceLayout layout;
    private final FileEventStore store;
    private final EventLineCodec codec = new EventLineCodec();

    /** Lint of the logs of the workspace at {@code workspace}, placed by {@code layout}. */
    public EventLogLint(Path workspace, WorkspaceLayout layout) {
        this.workspace = Objects.requireNonNull(workspace, "workspace").toAbsolutePath().normalize();
        this.layout = Objects.requireNonNull(layout, "layout");
        this.store = new FileEventStore(this.workspace, layout);
    }

    /**
     * The cycles of the selected stream and cycle (every one when empty) whose log file exists, as the store lists
     * them ({@link FileEventStore#logFiles()}): each entry the store would refuse (a directory that cannot be listed,
     * a log's name on no file, or not named after a cycle) one {@code file.unreadable} finding in {@code findings},
     * and the other logs listed still, whatever stream or cycle that entry is of.
     *
     * @param stream   only this stream's logs; every stream's when empty
     * @param cycleId  only this cycle's logs; every cycle's when empty
     * @param findings where each entry that cannot be told is reported
     * @throws dev.planning.api.SystemFailureException when the system failed to read a directory
     */
    public List<CycleRef> logs(Optional<String> stream, Optional<String> cycleId, List<Finding> findings) {
        return EventLogQueries.logs(workspace, layout, stream, cycleId, refused -> findings.add(Finding.error(
                DocumentException.FILE_UNREADABLE, refused.getMessage(),
                refused.location().orElse(SourceLocation.ofFile(layout.streamsRoot())))));
    }

    /** The workspace-relative path of the cycle's log, as findings name it. */
    public String location(CycleRef cycle) {
        return store.location(cycle);
    }

    /** Every bad line of the cycle's log, one finding each; none when it does not exist. */
    public List<Finding> check(CycleRef cycle) {
        Objects.requireNonNull(cycle, "cycle");
        String location = store.location(cycle);
        Lines lines = new Lines(cycle, location);
        Path file;
        try {
            file = store.logFile(cycle);
        } catch (SystemFailureException e) {
            throw e;
        } catch (PlanningException e) {
            return List.of(Finding.error(DocumentException.FILE_UNREADABLE, e.getMessage(),
                    SourceLocation.ofFile(location)));
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            LogLines.each(channel, FileEventStore.MAX_LINE_BYTES, lines);
            lines.end();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            PlanningException failure = DirectoryEntries.cannotRead(file, location,
                    "the cycle's history cannot be told without it", e);
            if (failure instanceof SystemFailureException) {
                throw failure; // the system's, not a finding about the log (review34)
            }
            lines.findings.add(Finding.error(DocumentException.FILE_UNREADABLE, failure.getMessage(),
                    SourceLocation.ofFile(location)));
        }
        if (lines.findings.stream().noneMatch(f -> f.code().equals(DocumentException.FILE_UNREADABLE))) {
            // Once the log was read: a directory that may not be searched is reported once, at the log.
            lockFile(file, location).ifPresent(lines.findings::add);
        }
        if (lines.unlisted > 0) {
            lines.findings.add(Finding.error(EVENT_INVALID, "and " + lines.unlisted + " more bad lines in this log;"
                    + " fix those above, then lint again", SourceLocation.ofFile(location)));
        }
        return List.copyOf(lines.findings);
    }

    /**
     * The log's lock file ({@code <log>.lock}) when the store would refuse it, as its read does ({@link
     * PathLock#checkSidecar}): a symbolic link or no regular file (a committed one, a directory), or one that cannot be
     * examined. An empty plain file, or none, is what the store leaves and is not reported.
     */
    private static Optional<Finding> lockFile(Path log, String location) {
        String lock = location + ".lock";
        try {
            return PathLock.sidecarRefusal(log, lock).map(why -> Finding.error(DocumentException.FILE_UNREADABLE,
                    "the store reads and appends to no log whose lock file is not a plain file (planning status, gate"
                            + " and advance refuse the log): " + why, SourceLocation.ofFile(lock)));
        } catch (IOException e) {
            PlanningException failure = DirectoryEntries.cannotRead(PathLock.sidecar(log), lock,
                    "the store reads no log whose lock file it cannot examine", e);
            if (failure instanceof SystemFailureException) {
                throw failure;
            }
            return Optional.of(Finding.error(DocumentException.FILE_UNREADABLE, failure.getMessage(),
                    SourceLocation.ofFile(lock)));
        }
    }

    private static boolean startsWithMark(byte[] bytes) {
        return bytes != null && bytes.length >= BYTE_ORDER_MARK.length
                && Arrays.equals(bytes, 0, BYTE_ORDER_MARK.length, BYTE_ORDER_MARK, 0, BYTE_ORDER_MARK.length);
    }

    /** Judges each line as it is read, remembering what the next line chains to. */
    private final class Lines implements LogLines.LineVisitor {

        private final CycleRef cycle;
        private final String location;
        /** The first {@value ErrorList#MAX_SHOWN} findings (attack35: a log of millions of bad lines held one each). */
        private final List<Finding> findings = new ArrayList<>();
        /** The number of the last whole line when it starts with a byte-order mark and no line was judged after it. */
        private int marked;
        /** How many findings there were past those, counted, not kept. */
        private long unlisted;
        /** How many findings there were, kept or counted. */
        private long reported;
        /** The SHA-256 of the line before, or {@code null} when it was too long to hash (its bytes were not kept). */
        private String previous = RecordedEvent.GENESIS;
        /** Whether the line before decoded: a line after a bad one is not judged by its chain (one mistake, one finding). */
        private boolean previousDecoded = true;
        private boolean previousEndsWithCarriageReturn;
        /**
         * The SHA-256 of the line before without the byte-order mark it starts with, {@code null} when it starts with
         * none: what the line after it chains to when an editor added the mark after both were written.
         */
        private String previousWithoutMark;
        /**
         * The cycle's state by the engine's fold of the lines so far ({@link CycleFold}), as {@code status} folds the
         * log; {@code null} once a line was reported (the history past a bad line is not told, one mistake, one
         * finding) or the fold refused one (attack35: a history the lifecycle does not allow linted clean).
         */
        private CycleState folded = CycleState.PLANNED;

        Lines(CycleRef cycle, String location) {
            this.cycle = cycle;
            this.location = location;
        }

        @Override
        public void line(int number, byte[] bytes, long length, boolean complete) {
            long before = reported;
            String hash = bytes == null ? null : Sha256.hex(bytes);
            if (bytes == null) {
                error(EVENT_INVALID, FileEventStore.tooLong(number), number, 0);
            } else if (!complete) {
                torn(number, bytes);
            } else {
                judge(number, bytes, hash);
            }
            if (reported > before) {
                folded = null;
            }
            previous = hash;
            previousEndsWithCarriageReturn = bytes != null && bytes.length > 0 && bytes[bytes.length - 1] == '\r';
            previousWithoutMark = complete && previousDecoded && startsWithMark(bytes)
                    ? Sha256.hex(Arrays.copyOfRange(bytes, BYTE_ORDER_MARK.length, bytes.length)) : null;
            if (complete) {
                marked = previousWithoutMark == null ? 0 : number;
            }
        }

        /**
         * After the last line: a mark on the last whole line, which no line chains to yet, is a warning (the store
         * reads the line, but its hash is not the one recorded, and the next append would chain to the mark).
         */
        void end() {
            if (marked > 0) {
                add(Finding.warning(EVENT_INVALID, "line " + marked + " starts with a byte-order mark (the bytes"
                        + " EF BB BF), which the store never writes: an editor saved the log as UTF-8 with a byte-order"
                        + " mark. No line chains to it yet, so the store reads it, but its hash is no longer the one"
                        + " recorded (a manifest or signature that quotes it does not verify) and the next append would"
                        + " chain to the mark; expected the line to start with '{': remove the mark, or restore the log"
                        + " from version control", new SourceLocation(location, marked, 1)));
            }
        }

        private void judge(int number, byte[] bytes, String hash) {
            EventLineCodec.Line decoded;
            try {
                decoded = codec.decode(bytes);
            } catch (InvalidInputException e) {
                error(EVENT_INVALID, FileEventStore.unreadable(number, e), number,
                        e instanceof EventLineCodec.BadLine bad ? bad.column() : 0);
                previousDecoded = false;
                return;
            }
            // After a bad line its chain is not judged (that line's mistake is reported), its cycle is.
            boolean chained = previousDecoded && previous != null;
            if (chained && previousWithoutMark != null && decoded.prevHash().equals(previousWithoutMark)
                    && !decoded.prevHash().equals(previous)) {
                // One mistake, one finding: the mark on the line before, where it is, not this line's chain.
                error(EVENT_INVALID, "line " + (number - 1) + " starts with a byte-order mark (the bytes EF BB BF),"
                        + " which the store never writes: an editor saved the log as UTF-8 with a byte-order mark, and"
                        + " as a line's hash is of its bytes, line " + number + " no longer chains to it (the store"
                        + " refuses the log there); expected the line to start with '{': remove the mark (save the log"
                        + " as UTF-8 without one), or restore the log from version control", number - 1, 1);
                chained = false;
            }
            String refused = store.refusal(cycle, number, chained ? previous : decoded.prevHash(), decoded, location);
            if (refused != null) {
                error(EVENT_CHAIN, refused + (chained && previousEndsWithCarriageReturn && !decoded.prevHash()
                        .equals(previous) ? "; line " + (number - 1) + " ends with a carriage return: the log was"
                        + " given CRLF line endings (by git's end-of-line conversion or an editor), and a line's hash"
                        + " is of its bytes: restore the log from version control with its lines ending in a line"
                        + " feed alone" : ""), number, 0);
            } else if (folded != null) {
                try {
                    folded = CycleFold.next(location, folded, new RecordedEvent(number, decoded.event(),
                            decoded.prevHash(), hash), number == 1);
                } catch (EventLogCorruptedException e) {
                    error(EVENT_HISTORY, e.getMessage(), number, 0);
                }
            }
            previousDecoded = true;
        }

        /** The bytes after the last line feed, judged as the store's next read or append judges them. */
        private void torn(int number, byte[] bytes) {
            if (store.decodes(bytes)) {
                error(EVENT_INVALID, store.wholeEventWithoutLineFeed(cycle, number, location), number, 0);
            } else {
                add(Finding.warning(EVENT_TORN, "line " + number + " is a torn line, the remains of an append"
                        + " that never finished (no line feed ends it, and it is no whole event): that event was never"
                        + " recorded, and the next read or append of the log (planning status, gate, advance) cuts"
                        + " the line away; lint leaves it as it is", new SourceLocation(location, number, 0)));
            }
        }

        private void error(String code, String message, int line, int column) {
            add(Finding.error(code, message, new SourceLocation(location, line, column)));
        }

        private void add(Finding finding) {
            reported++;
            if (findings.size() < ErrorList.MAX_SHOWN) {
                findings.add(finding);
            } else {
                unlisted++;
            }
        }
    }
}
