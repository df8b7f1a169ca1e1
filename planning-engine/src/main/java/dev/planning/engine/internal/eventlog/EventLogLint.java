package dev.planning.engine.internal.eventlog;

import dev.planning.api.DocumentException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.SystemFailureException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Severity;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.artifact.ErrorList;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.lifecycle.CycleFold;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.PathLock;
import dev.planning.engine.internal.workspace.Shown;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Lint of a cycle's event log in the workspace's files ({@link WorkspaceLayout#eventLog}): every line decoded with
 * the store's {@link EventLineCodec} and judged as {@link FileEventStore#read} judges it (its chain, its cycle), each
 * bad line one finding at its file, line and column (the first {@value ErrorList#MAX_SHOWN}, then one counting the
 * rest), where the store refuses the log at its first bad line; and
 * the history its lines tell folded as {@code status} folds it ({@link CycleFold}), each event that does not fit one
 * finding; after a broken line the fold takes up again where it soundly can (see {@link Lines}), so that every
 * mistake of the log is told in one run and none twice.
 * Read-only: the log is opened for reading alone, and a torn last line, which the store's next read or append cuts
 * away, is reported and left as it is. A byte-order mark an editor put before a line is reported at that line, and
 * CRLF line endings once, at the first line whose carriage return breaks the chain, not where the chain then breaks;
 * a lock file that the store would refuse is reported at it, beside a log or alone. Every file is
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
     * that starts with a byte-order mark or ends with a carriage return an editor added.
     */
    public static final String EVENT_INVALID = "event.invalid";
    /** A line that does not chain to the one before it, or that is another cycle's event. */
    public static final String EVENT_CHAIN = "event.chain";
    /**
     * A line whose event does not fit the cycle's history as the engine folds it ({@code PLANNED ->
     * COMPLETED}, a move from a state the cycle is not in, a second {@code CYCLE_CREATED}, anything after
     * {@code COMPLETED}), or that is dated before the event before it, which the tool never writes (time41):
     * {@code status}, {@code gate} and {@code advance} refuse the log there.
     */
    public static final String EVENT_HISTORY = "event.history";
    /** A torn last line, the remains of an append that never finished, which the store cuts away (a warning). */
    public static final String EVENT_TORN = "event.torn-line";

    /**
     * A log whose name stands for no cycle ({@code not a cycle.events.jsonl}), as a digest's
     * ({@code LintCodes.FILE_MISNAMED}).
     */
    public static final String FILE_MISNAMED = "file.misnamed";

    /** What a lock file's name adds to its log's ({@link PathLock#sidecar}). */
    private static final String LOCK_SUFFIX = ".lock";

    /** UTF-8's byte-order mark, which an editor may add before a log's first line, and the store never writes. */
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Path workspace;
    private final WorkspaceLayout layout;
    private final FileEventStore store;
    private final EventLineCodec codec = new EventLineCodec();

    /** When each cycle whose log {@link #check} read was created: its first line, read as this cycle's first event. */
    private final Map<CycleRef, Instant> created = new ConcurrentHashMap<>();

    /** Lint of the logs of the workspace at {@code workspace}, placed by {@code layout}. */
    public EventLogLint(Path workspace, WorkspaceLayout layout) {
        this.workspace = Objects.requireNonNull(workspace, "workspace").toAbsolutePath().normalize();
        this.layout = Objects.requireNonNull(layout, "layout");
        this.store = new FileEventStore(this.workspace, layout);
    }

    /**
     * The cycles of the selected stream and cycle (every one when empty) whose log file exists, as the store lists
     * them ({@link FileEventStore#logFiles()}): each entry the store would refuse (a directory that cannot be listed,
     * an {@code events} entry that is no directory, a log's name on no file) one {@code file.unreadable} finding in
     * {@code findings}, a log not named after a cycle one {@code file.misnamed} finding, and the other logs listed
     * still, whatever stream or cycle that entry is of. A lock file the store would refuse with no log beside it is
     * reported at it too ({@link #check} reports one beside a log).
     *
     * @param stream   only this stream's logs; every stream's when empty
     * @param cycleId  only this cycle's logs; every cycle's when empty
     * @param findings where each entry that cannot be told is reported
     * @throws dev.planning.api.SystemFailureException when the system failed to read a directory
     */
    public List<CycleRef> logs(Optional<String> stream, Optional<String> cycleId, List<Finding> findings) {
        return EventLogQueries.logs(workspace, layout, stream, cycleId, refused -> findings.add(Finding.error(
                refused instanceof EventLogQueries.MisnamedLog ? FILE_MISNAMED : DocumentException.FILE_UNREADABLE,
                refused.getMessage(), refused.location().orElse(SourceLocation.ofFile(layout.streamsRoot())))),
                cycle -> lockAlone(cycle).ifPresent(findings::add));
    }

    /**
     * The lock file of a cycle that has no log when the store would refuse it (lint36: a committed lock directory
     * passed lint, and the cycle's first {@code advance} was refused).
     */
    private Optional<Finding> lockAlone(CycleRef cycle) {
        String location = store.location(cycle);
        return placed(cycle, location + LOCK_SUFFIX, file -> lockFile(file, location, "the cycle has no log yet, and"
                + " the store reads and appends to no log whose lock file is not a plain file, whether or not the log"
                + " exists (planning status, gate and advance refuse the cycle)"), Optional::of);
    }

    /**
     * What {@code read} makes of the cycle's log file, where the store places it ({@link FileEventStore#logFile});
     * what {@code refused} makes of the {@code file.unreadable} finding at {@code at} when the store refuses the
     * place (a link on the way, a directory it cannot search). A failure of the system is thrown.
     */
    private <T> T placed(CycleRef cycle, String at, Function<Path, T> read, Function<Finding, T> refused) {
        Path file;
        try {
            file = store.logFile(cycle);
        } catch (SystemFailureException e) {
            throw e;
        } catch (PlanningException e) {
            return refused.apply(Finding.error(DocumentException.FILE_UNREADABLE, e.getMessage(),
                    SourceLocation.ofFile(at)));
        }
        return read.apply(file);
    }

    /** The workspace-relative path of the cycle's log, as findings name it. */
    public String location(CycleRef cycle) {
        return store.location(cycle);
    }

    /**
     * Every mistake of the cycle's log, one finding each (the first {@value ErrorList#MAX_SHOWN}, then one counting the
     * rest); none when it does not exist.
     */
    public List<Finding> check(CycleRef cycle) {
        Objects.requireNonNull(cycle, "cycle");
        String location = store.location(cycle);
        return placed(cycle, location, file -> checkFile(cycle, location, file), List::of);
    }

    /**
     * When the cycle was created, as the digest and the gates take it (its log's first event), once {@link #check} has
     * read the log: empty before, when the log does not exist, or when its first line is not this cycle's first event
     * (that mistake is the log's finding, not a reason to judge anything else by it).
     */
    public Optional<Instant> created(CycleRef cycle) {
        return Optional.ofNullable(created.get(Objects.requireNonNull(cycle, "cycle")));
    }

    /** {@link #check} of the cycle's log at {@code file}, the store's place for it. */
    private List<Finding> checkFile(CycleRef cycle, String location, Path file) {
        Lines lines = new Lines(cycle, location);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            LogLines.each(channel, FileEventStore.MAX_LINE_BYTES, lines);
            lines.end();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            lines.findings.add(unreadable(file, location, "the cycle's history cannot be told without it", e));
        }
        if (lines.findings.stream().noneMatch(f -> f.code().equals(DocumentException.FILE_UNREADABLE))) {
            // Once the log was read: a directory that may not be searched is reported once, at the log.
            lockFile(file, location, "the store reads and appends to no log whose lock file is not a plain file"
                    + " (planning status, gate and advance refuse the log)").ifPresent(lines.findings::add);
        }
        lines.unlisted().ifPresent(lines.findings::add);
        return List.copyOf(lines.findings);
    }

    /**
     * The log's lock file ({@code <log>.lock}) when the store would refuse it, as its read does ({@link
     * PathLock#checkSidecar}): a symbolic link or no regular file (a committed one, a directory), or one that cannot be
     * examined. An empty plain file, or none, is what the store leaves and is not reported.
     *
     * @param why what the store does with such a lock, to start the message with
     */
    private static Optional<Finding> lockFile(Path log, String location, String why) {
        String lock = location + LOCK_SUFFIX;
        try {
            return PathLock.sidecarRefusal(log, lock).map(refusal -> Finding.error(DocumentException.FILE_UNREADABLE,
                    why + ": " + refusal, SourceLocation.ofFile(lock)));
        } catch (IOException e) {
            return Optional.of(unreadable(PathLock.sidecar(log), lock,
                    "the store reads no log whose lock file it cannot examine", e));
        }
    }

    /**
     * The {@code file.unreadable} finding of {@code file} (named {@code location}), which could not be read or
     * examined ({@link DirectoryEntries#cannotRead}); a failure of the system is thrown instead, not a finding about
     * the workspace's files (review34).
     *
     * @param why why the file matters, to end the message with
     */
    private static Finding unreadable(Path file, String location, String why, IOException e) {
        PlanningException failure = DirectoryEntries.cannotRead(file, location, why, e);
        if (failure instanceof SystemFailureException) {
            throw failure;
        }
        return Finding.error(DocumentException.FILE_UNREADABLE, failure.getMessage(), SourceLocation.ofFile(location));
    }

    private static boolean startsWithMark(byte[] bytes) {
        return bytes.length >= BYTE_ORDER_MARK.length
                && Arrays.equals(bytes, 0, BYTE_ORDER_MARK.length, BYTE_ORDER_MARK, 0, BYTE_ORDER_MARK.length);
    }

    private static boolean endsWithCarriageReturn(byte[] bytes) {
        return bytes.length > 0 && bytes[bytes.length - 1] == '\r';
    }

    /** The SHA-256 of {@code bytes} without the mark they start with and the carriage return they end with, as asked. */
    private static String hashWithout(byte[] bytes, boolean mark, boolean carriageReturn) {
        int from = mark ? BYTE_ORDER_MARK.length : 0;
        int to = carriageReturn ? bytes.length - 1 : bytes.length;
        return Sha256.hex(Arrays.copyOfRange(bytes, from, Math.max(from, to)));
    }

    /**
     * Judges each line as it is read, remembering what the next line chains to and the cycle's state by the fold.
     *
     * <p>After a broken line: one mistake is one finding, so a line is never judged against what a reported line
     * decided. A line that cannot be read (not an event, too long) is not judged by the chain of the line after it; a
     * line that cannot be read, a line where the chain breaks (lines deleted, inserted or edited before it), another
     * cycle's event and an event the fold refuses leave the cycle's state not known, and the fold takes up again
     * where {@link HistoryFold} says. A byte-order mark or a carriage return that an editor added to a line changes
     * no event: the fold goes on past it as past a good line.
     */
    private final class Lines implements LogLines.LineVisitor {

        private final CycleRef cycle;
        private final String location;
        /** The first {@value ErrorList#MAX_SHOWN} findings (attack35: a log of millions of bad lines held one each). */
        private final List<Finding> findings = new ArrayList<>();
        /** How many errors and warnings there were past those, counted, not kept. */
        private long unlistedErrors;
        private long unlistedWarnings;
        /** The SHA-256 of the line before, or {@code null} when it was too long to hash (its bytes were not kept). */
        private String previous = RecordedEvent.GENESIS;
        /**
         * The bytes of the line before when it was whole and read as an event, else {@code null}: a line after a bad
         * one is not judged by its chain (one mistake, one finding), and a line that chains to these bytes without
         * the byte-order mark or carriage return an editor added to them tells that mistake where it is.
         */
        private byte[] previousDecoded = new byte[0];
        /**
         * When the line before was dated, when it was read as this cycle's event; {@code null} else (a line that
         * cannot be read, another cycle's event: its mistake is reported, and the next line is not judged by it).
         */
        private Instant previousTime;
        /** Whether a line ending in a carriage return was reported: once for the log (one conversion, one finding). */
        private boolean carriageReturnReported;
        /** The last whole line when it was read as an event, until the next whole line; {@code 0} else. */
        private int lastDecoded;
        /** Its bytes. */
        private byte[] lastDecodedBytes;
        /** The cycle's history by the engine's fold of the lines so far, as {@code status} folds the log. */
        private final HistoryFold history;

        Lines(CycleRef cycle, String location) {
            this.cycle = cycle;
            this.location = location;
            this.history = new HistoryFold(location, e -> error(EVENT_HISTORY, e.getMessage(),
                    e.location().map(SourceLocation::line).orElse(0), 0));
        }

        @Override
        public void line(int number, byte[] bytes, long length, boolean complete) {
            String hash = bytes == null ? null : Sha256.hex(bytes);
            boolean decoded = false;
            if (bytes == null) {
                previousTime = null;
                error(EVENT_INVALID, FileEventStore.tooLong(number), number, 0);
                history.lost();
            } else if (!complete) {
                decoded = torn(number, bytes, hash);
            } else {
                decoded = judge(number, bytes, hash);
            }
            previous = hash;
            previousDecoded = decoded ? bytes : null;
            if (complete || decoded) {
                // A whole event without its line feed is the last line the store's refusal asks to keep.
                lastDecoded = decoded ? number : 0;
                lastDecodedBytes = decoded ? bytes : null;
            }
        }

        /**
         * After the last line: a mark or a carriage return on the last whole line, which no line chains to yet, is a
         * warning each (the store reads the line, but its hash is not the one recorded, and the next append would
         * chain to it).
         */
        void end() {
            if (lastDecoded == 0) {
                return;
            }
            if (startsWithMark(lastDecodedBytes)) {
                add(Finding.warning(EVENT_INVALID, "line " + lastDecoded + " starts with a byte-order mark (the bytes"
                        + " EF BB BF), which the store never writes: an editor saved the log as UTF-8 with a byte-order"
                        + " mark. No line chains to it yet, so the store reads it, but its hash is no longer the one"
                        + " recorded (a manifest or signature that quotes it does not verify) and the next append would"
                        + " chain to the mark; expected the line to start with '{': remove the mark, or restore the log"
                        + " from version control", new SourceLocation(location, lastDecoded, 1)));
            }
            if (endsWithCarriageReturn(lastDecodedBytes) && !carriageReturnReported) {
                add(Finding.warning(EVENT_INVALID, "line " + lastDecoded + " ends with a carriage return (the byte 0D"
                        + " before its line feed), which the store never writes: the log was given CRLF line endings"
                        + " (by git's end-of-line conversion or an editor). No line chains to it yet, so the store reads"
                        + " it, but its hash is no longer the one recorded (a manifest or signature that quotes it does"
                        + " not verify) and the next append would chain to the carriage return; expected the line to"
                        + " end with a line feed alone: remove it, or restore the log from version control",
                        new SourceLocation(location, lastDecoded, lastDecodedBytes.length)));
            }
        }

        /** The finding counting those past the first {@value ErrorList#MAX_SHOWN}, if any: an error when one is. */
        Optional<Finding> unlisted() {
            long count = unlistedErrors + unlistedWarnings;
            if (count == 0) {
                return Optional.empty();
            }
            List<String> kinds = new ArrayList<>();
            counted(unlistedErrors, "error").ifPresent(kinds::add);
            counted(unlistedWarnings, "warning").ifPresent(kinds::add);
            String message = "and " + counted(count, "more finding").orElseThrow() + " in this log, not listed ("
                    + String.join(", ", kinds) + "); fix those above, then lint again";
            SourceLocation at = SourceLocation.ofFile(location);
            return Optional.of(unlistedErrors > 0 ? Finding.error(EVENT_INVALID, message, at)
                    : Finding.warning(EVENT_INVALID, message, at));
        }

        /** {@code 1 error}, {@code 2 errors}; empty for none. */
        private static Optional<String> counted(long count, String what) {
            return count == 0 ? Optional.empty() : Optional.of(count + " " + what + (count == 1 ? "" : "s"));
        }

        /** Judges a whole line; whether it was read as an event (of this cycle or another). */
        private boolean judge(int number, byte[] bytes, String hash) {
            EventLineCodec.Line decoded;
            try {
                decoded = codec.decode(bytes);
            } catch (InvalidInputException e) {
                previousTime = null;
                error(EVENT_INVALID, FileEventStore.unreadable(number, e), number,
                        e instanceof EventLineCodec.BadLine bad ? bad.column() : 0);
                history.lost();
                return false;
            }
            // After a bad line its chain is not judged (that line's mistake is reported), its cycle is.
            boolean chained = previousDecoded != null && previous != null;
            boolean broken = chained && !decoded.prevHash().equals(previous);
            if (broken && editedBytes(number, decoded.prevHash())) {
                // One mistake, one finding: a mark or a carriage return on the line before, where it is, not this
                // line's chain; the events are as they were written, and the fold goes on.
                broken = false;
                chained = false;
            }
            String refused = store.refusal(cycle, number, chained ? previous : decoded.prevHash(), decoded,
                    Shown.path(location));
            if (refused != null) {
                error(EVENT_CHAIN, refused, number, 0);
            }
            Instant before = previousTime;
            previousTime = null;
            if (CycleEntity.ofAnotherCycle(decoded.event(), cycle)) {
                history.lost(); // not this cycle's history
                return true;
            }
            previousTime = decoded.event().timestamp();
            String backwards = before == null ? null : FileEventStore.datedBefore(number, before, decoded,
                    Shown.path(location));
            if (backwards != null) {
                // Its own mistake, whatever the chain says: a hand-written log chains as well as the tool's (time41).
                error(EVENT_HISTORY, backwards, number, 0);
            }
            if (number == 1 && refused == null) {
                created.put(cycle, decoded.event().timestamp());
            }
            // A broken chain: lines deleted, inserted or edited before this one.
            history.next(new RecordedEvent(number, decoded.event(), decoded.prevHash(), hash), broken);
            return true;
        }

        /**
         * Whether the line before is the one {@code prevHash} names but for a byte-order mark before it or a carriage
         * return after it (or both), which an editor added: each reported at that line, a carriage return once for
         * the log.
         */
        private boolean editedBytes(int number, String prevHash) {
            byte[] before = previousDecoded;
            boolean mark = startsWithMark(before);
            boolean carriageReturn = endsWithCarriageReturn(before);
            boolean markAdded;
            boolean carriageReturnAdded;
            if (mark && carriageReturn && prevHash.equals(hashWithout(before, true, true))) {
                markAdded = true;
                carriageReturnAdded = true;
            } else if (mark && prevHash.equals(hashWithout(before, true, false))) {
                markAdded = true;
                carriageReturnAdded = false;
            } else if (carriageReturn && prevHash.equals(hashWithout(before, false, true))) {
                markAdded = false;
                carriageReturnAdded = true;
            } else {
                return false;
            }
            int line = number - 1;
            if (markAdded) {
                error(EVENT_INVALID, "line " + line + " starts with a byte-order mark (the bytes EF BB BF),"
                        + " which the store never writes: an editor saved the log as UTF-8 with a byte-order mark, and"
                        + " as a line's hash is of its bytes, line " + number + " no longer chains to it (the store"
                        + " refuses the log there); expected the line to start with '{': remove the mark (save the log"
                        + " as UTF-8 without one), or restore the log from version control", line, 1);
            }
            if (carriageReturnAdded && !carriageReturnReported) {
                carriageReturnReported = true;
                error(EVENT_INVALID, "line " + line + " ends with a carriage return (the byte 0D before its line"
                        + " feed), which the store never writes: the log was given CRLF line endings (by git's"
                        + " end-of-line conversion or an editor), and as a line's hash is of its bytes, line " + number
                        + " no longer chains to it (the store refuses the log there), nor does any later line to a line"
                        + " that ends with one (reported here once); expected each line to end with a line feed alone:"
                        + " restore the log from version control with its lines ending in a line feed alone", line,
                        before.length);
            }
            return true;
        }

        /**
         * The bytes after the last line feed, judged as the store's next read or append judges them: a whole event
         * is refused there, and is then judged as every whole line (its chain, its cycle, its place in the history),
         * as the store will judge it once its line feed is added, so that every mistake of the line is told in one
         * run (errs37: its chain and history were judged only after the line feed was added, one lint later); bytes
         * that are no whole event are the remains of an append that never finished, which the store cuts away
         * unread, so nothing of them is judged but that.
         *
         * @return whether the bytes were read as an event
         */
        private boolean torn(int number, byte[] bytes, String hash) {
            if (store.decodes(bytes)) {
                error(EVENT_INVALID, store.wholeEventWithoutLineFeed(cycle, number, location), number, 0);
                return judge(number, bytes, hash);
            } else {
                add(Finding.warning(EVENT_TORN, "line " + number + " is a torn line, the remains of an append"
                        + " that never finished (no line feed ends it, and it is no whole event): that event was never"
                        + " recorded, and the next read or append of the log (planning status, gate, advance) cuts"
                        + " the line away; lint leaves it as it is", new SourceLocation(location, number, 0)));
                return false;
            }
        }

        private void error(String code, String message, int line, int column) {
            add(Finding.error(code, message, new SourceLocation(location, line, column)));
        }

        private void add(Finding finding) {
            if (findings.size() < ErrorList.MAX_SHOWN) {
                findings.add(finding);
            } else if (finding.severity() == Severity.ERROR) {
                unlistedErrors++;
            } else {
                unlistedWarnings++;
            }
        }
    }
}
