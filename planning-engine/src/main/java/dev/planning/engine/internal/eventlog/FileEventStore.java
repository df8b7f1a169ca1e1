package dev.planning.engine.internal.eventlog;

import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.workspace.DirectoryEntries;
import dev.planning.engine.internal.workspace.PathLock;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.engine.internal.workspace.Shown;
import dev.planning.engine.internal.workspace.WriteFailures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The file-system {@link EventStore}: one JSON-lines log per cycle, at
 * {@link WorkspaceLayout#eventLog(CycleRef)} under the workspace
 * ({@code frameworks/planning-{stream}/events/{cycle}.events.jsonl} by default).
 *
 * <p>Each line is an event encoded by {@link EventLineCodec}, whose {@code prev_sha256} is the
 * SHA-256 of the previous line's bytes (without its line feed), or 64 zeros on line 1.
 *
 * <pre>{@code
 * EventStore store = new FileEventStore(workspace, WorkspaceLayout.DEFAULT);
 * List<RecordedEvent> events = store.read(cycle);
 * String head = events.isEmpty() ? RecordedEvent.GENESIS : events.get(events.size() - 1).hash();
 * store.append(cycle, event, head);   // ConcurrentTransitionException if someone appended meanwhile
 * }</pre>
 *
 * <p>Guarantees:
 * <ul>
 * <li><b>Compare-and-append</b>, atomic between threads and processes: the log is locked (see
 *     {@code <log>.lock}, an empty sidecar file that must be left in place), its current head is
 *     re-read from its last line, and the append happens only if it is {@code expectedHead}.</li>
 * <li><b>Appends in time order</b>: an event dated before the log's last event is refused under the lock, nothing
 *     written, with {@link dev.planning.api.SystemFailureException} naming both times ({@link AppendOrder}); the same
 *     instant is fine. Every read refuses a log dated backwards, so a clock that stepped back would otherwise make the
 *     log unreadable by the store's own write (time43).</li>
 * <li><b>Durable</b>: {@link #append} returns only after the line and its line feed were written in
 *     one piece and forced to the device ({@link FileChannel#force(boolean)}); a new log's directory
 *     entry is forced too. If writing fails, the partial bytes are truncated away.</li>
 * <li><b>Crash repair</b>: a crash in the middle of an append can leave a <em>torn</em> last line
 *     (bytes after the last line feed). That line was never acknowledged, so {@link #read} and
 *     {@link #append} cut it away, under the lock, without touching any complete line. Bytes after the
 *     last line feed that read as a whole event (a line whose line feed alone was removed, by an editor
 *     or a tool) are refused instead, {@link EventLogCorruptedException} naming the line, and kept; so are more
 *     bytes than a line may hold, which no append leaves.</li>
 * <li><b>Verified reads</b>: {@link #read} checks every line's {@code prev_sha256}; an edited,
 *     deleted, inserted or reordered line raises {@link EventLogCorruptedException} naming the first
 *     line that does not chain. A hash chain cannot notice an edit of the <em>last</em> line on its
 *     own; a sealed manifest or signature that quotes the head hash can. A line whose {@code entity_id}
 *     names another cycle (a log copied, renamed or linked from another cycle's) is refused the same way,
 *     and such an event is never appended ({@link IllegalArgumentException}); an entity id that is not of
 *     a cycle's form ({@code stream/cycleId}) is an embedder's and is not judged. A line dated before the line
 *     before it is refused too: the engine dates no event earlier than the log's last, and the chain, a hash
 *     anyone can compute without a key, proves nothing of who wrote a log (time41).</li>
 * <li><b>Cheap appends</b>: the head and line count of each log are remembered (validated by the
 *     file's identity, size and modification time); otherwise only the last line is hashed.</li>
 * <li><b>Cheap reads</b>: a store remembers the lines it last verified or wrote of recently used logs
 *     with the file's identity, size, modification time and change time ({@code ctime}, where the
 *     file system keeps one) at that moment. A read whose log still shows those attributes returns
 *     the remembered events without reading the file, but only once the later of the two times lies
 *     {@linkplain #SETTLED_AFTER well before} the moment it was observed: a file changed within the
 *     same tick of the file system's clock may keep its times, so until then (and on a platform
 *     without file identities) every byte is read and compared. Any append by anyone changes the
 *     size, so it is always seen; an edit of the same size changes the change time, which no user
 *     can set back (on a file system without one, only the modification time tells, and an edit
 *     that also sets it back is seen by the next store). A new store verifies the whole log.</li>
 * </ul>
 * Lines longer than {@link #MAX_LINE_BYTES} are refused on write and reported on read.
 * Thread-safe; any number of instances may share a workspace.
 */
public final class FileEventStore implements EventStore {

    /** The longest line, in bytes, that is written or read: 1 MiB. */
    public static final int MAX_LINE_BYTES = 1 << 20;

    /**
     * The head of recently appended logs, keyed by the real path of each log, shared by all
     * instances like the in-JVM locks; bounded, since a long-running process may touch any number
     * of logs (a head that is not remembered is read from the log's last line).
     */
    private static final RecentlyUsed<Path, LogHead> HEADS = new RecentlyUsed<>(1_024);

    /**
     * How long before the moment they were observed a log's remembered times (modification and change)
     * must lie for a read to trust its attributes without reading the bytes: more than the coarsest
     * timestamp granularity of common file systems (FAT: 2 s; ext4 without fine-grained
     * timestamps: one scheduler tick), so that a later change cannot keep the same time.
     */
    static final Duration SETTLED_AFTER = Duration.ofSeconds(3);

    private final Path workspace;
    private final WorkspaceLayout layout;
    private final Clock clock;
    private final EventLineCodec codec = new EventLineCodec();
    /** The workspace's real path, resolved on first use. */
    private volatile Path realRoot;

    /** The logs whose lines are remembered at most, and the longest log remembered. */
    private static final int MAX_REMEMBERED_LOGS = 64;
    private static final long MAX_REMEMBERED_BYTES = 1L << 20;

    /**
     * The lines last verified of recently read logs (see {@link #verify}), by the log's path under
     * the workspace (the file's identity, recorded with them, tells whether it is still the same
     * file); least recently used first out.
     */
    private final RecentlyUsed<String, Verified> verified = new RecentlyUsed<>(MAX_REMEMBERED_LOGS);

    /**
     * The routes of recently reached logs (their paths checked as text, see {@link SafePaths.Route}),
     * by the log's path under the workspace: a transition reaches its log twice, and the text checks
     * give the same answer every time. What the file system holds is examined on every use.
     */
    private final RecentlyUsed<String, SafePaths.Route> routes = new RecentlyUsed<>(MAX_REMEMBERED_LOGS);

    /** How many times this store read a log whole (tests tell a remembered read by it). */
    private final AtomicLong wholeReads = new AtomicLong();

    /** A store for the logs of the workspace at {@code workspace}, placed by {@code layout}. */
    public FileEventStore(Path workspace, WorkspaceLayout layout) {
        this(workspace, layout, Clock.systemUTC());
    }

    /** A store whose clock says when a log's attributes were observed (tests move it ahead). */
    FileEventStore(Path workspace, WorkspaceLayout layout, Clock clock) {
        this.workspace = Objects.requireNonNull(workspace, "workspace").toAbsolutePath().normalize();
        this.layout = Objects.requireNonNull(layout, "layout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A store using the {@linkplain WorkspaceLayout#DEFAULT default layout}. */
    public FileEventStore(Path workspace) {
        this(workspace, WorkspaceLayout.DEFAULT);
    }

    /**
     * The absolute path of a cycle's log (which may not exist yet).
     *
     * @throws dev.planning.api.InvalidInputException when a symbolic link on the way (the
     *         {@code events} directory, say) leads out of the workspace
     */
    public Path logFile(CycleRef cycle) {
        return resolve(layout.eventLog(cycle)).path();
    }

    /** The log's path, checked by {@link SafePaths} under the workspace's real path. */
    private SafePaths.Resolved resolve(String relative) {
        return SafePaths.resolveUnder(root(), relative);
    }

    /** The workspace's real path, resolved once. */
    private Path root() {
        Path root = realRoot;
        if (root == null) {
            root = SafePaths.realWorkspace(workspace);
            realRoot = root;
        }
        return root;
    }

    /**
     * A log's path as {@link #locate} checked it, and the log's stamp when asked for ({@code null}
     * when it does not exist).
     */
    private record Located(SafePaths.Resolved log, FileStamp stamp) {
    }

    /**
     * Which stamp of the log {@link #locate} is to take: only the one the path check read itself
     * (on a link-free path; no {@code stat} of its own, else none); the basic one; the basic one
     * with the change time.
     */
    private enum Stamp { SEEN, BASIC, WITH_CHANGE_TIME }

    /**
     * The log's path, checked by {@link SafePaths} (every entry from the workspace down examined
     * without following links), and the log's stamp: on a link-free path, the attributes that
     * check read of the log itself, so that no second {@code stat} is made; behind a link (which
     * the check allows inside the workspace), or with the change time, one more {@code stat}.
     *
     * @throws dev.planning.api.InvalidInputException when a symbolic link on the way leads out of
     *         the workspace
     */
    private Located locate(String relative, Stamp stamp) throws IOException {
        SafePaths.Route route = routes.get(relative);
        if (route == null) {
            route = SafePaths.route(root(), relative);
            routes.put(relative, route);
        }
        SafePaths.Examined examined = route.examine();
        SafePaths.Resolved log = examined.resolved();
        if (log.linkFree() && (stamp == Stamp.BASIC || stamp == Stamp.SEEN)) {
            BasicFileAttributes last = examined.last();
            return new Located(log, last == null ? null : FileStamp.of(last));
        }
        if (stamp == Stamp.SEEN) {
            return new Located(log, null);
        }
        return new Located(log, stampOrNull(log.path(), stamp == Stamp.WITH_CHANGE_TIME));
    }

    private static FileStamp stampOrNull(Path file, boolean withChangeTime) throws IOException {
        try {
            return FileStamp.read(file, withChangeTime);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * The key of the log's locks and remembered head: its path with its directories' links
     * resolved, as {@link PathLock#key} gives it; the path itself when no link is on the way
     * (saving the {@code realpath} call on every append).
     *
     * @throws NoSuchFileException when the log's directory does not exist yet and there is a link
     *         on the way (without one, the lock's own file cannot be made then)
     */
    private static Path lockKey(SafePaths.Resolved log) throws IOException {
        return log.linkFree() ? log.path() : PathLock.key(log.path());
    }

    /** How many times this store has read a log whole; for tests. */
    long wholeReads() {
        return wholeReads.get();
    }

    /** The workspace-relative path of a cycle's log, as errors name it. */
    @Override
    public String location(CycleRef cycle) {
        return layout.eventLog(cycle);
    }


    /**
     * {@inheritDoc} Those whose log file, at {@link WorkspaceLayout#eventLog(CycleRef)}, holds at least
     * one event: each file found is read (chain verified; a damaged log is refused, never skipped), so
     * a file left empty by an interrupted first append is not listed. A file under the events
     * directories not named after a cycle is refused.
     */
    @Override
    public List<CycleRef> cycles() {
        return logFiles().stream().filter(cycle -> !read(cycle).isEmpty()).toList();
    }

    /**
     * The cycles with a log file, listed without reading them (one may hold no event): for the queries,
     * which read each log anyway and skip an empty one, so that a question reads each log once, and for a
     * workspace's listing of its cycles, which lists a damaged log's cycle for its status to report. A file
     * under the events directories not named after a cycle is refused, as by {@link #cycles()}.
     */
    public List<CycleRef> logFiles() {
        return EventLogQueries.logs(workspace, layout);
    }
    @Override
    public List<RecordedEvent> read(CycleRef cycle) {
        Objects.requireNonNull(cycle, "cycle");
        String relative = layout.eventLog(cycle);
        try {
            // The clock first: a change is only "settled" if it lay well before the stat.
            Instant observed = clock.instant();
            Verified known = verified.get(relative);
            // The change time is needed only to trust a settled log's attributes.
            Located located = locate(relative, known != null && known.settled() ? Stamp.WITH_CHANGE_TIME : Stamp.BASIC);
            Path file = located.log().path();
            try {
                PathLock.checkSidecar(file);
            } catch (IOException e) {
                // A lock path that is no file (a committed directory or link) is no permission the user lacks:
                // said as it is, not as "cannot read the log (IOException) ... make it readable" (review17).
                throw new PlanningException("cannot read event log: " + Shown.why(e),
                        SourceLocation.ofFile(location(cycle)), e);
            }
            FileStamp before = located.stamp();
            if (before == null) {
                return List.of();
            }
            if (known != null && known.unchanged(before)) {
                return known.events();
            }
            LogLines lines = scan(cycle, located.log(), before);
            if (lines.torn()) {
                lines = PathLock.holding(PathLock.key(file), () -> {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ,
                            StandardOpenOption.WRITE)) {
                        cutTornLine(cycle, channel);
                    }
                    return scan(cycle, file, -1);
                });
                before = null;
            }
            List<RecordedEvent> events = verify(cycle, relative, lines);
            remember(relative, located.log(), before, observed, lines, events);
            return events;
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            Path events = root().resolve(relative).getParent();
            if (noDirectory(events)) {
                // lint36: said as "cannot read ... (Not a directory) ... make it readable by the user running planning".
                throw EventLogQueries.eventsNoDirectory(root(), events, "the cycle's history cannot be told without it");
            }
            // The file is there (NoSuchFileException above) but cannot be read: the user's to fix, no damage of the log's.
            throw DirectoryEntries.cannotRead(root().resolve(relative), location(cycle),
                    "the cycle's history cannot be told without it", e);
        }
    }

    /** Whether something other than a directory is at {@code path}; not when it cannot be examined (the read says why). */
    private static boolean noDirectory(Path path) {
        try {
            return !Files.readAttributes(path, BasicFileAttributes.class).isDirectory();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public RecordedEvent append(CycleRef cycle, PlanningEvent event, String expectedHead) {
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(event, "event");
        // Its own read would refuse the log then (attack30).
        CycleEntity.refuseAppendOfAnotherCycle(cycle, event, () -> location(cycle));
        // The line depends only on the expected head, so it is built before taking the lock.
        byte[] line = codec.encodeAppended(event, expectedHead, () -> location(cycle));
        String relative = layout.eventLog(cycle);
        try {
            Located located = locate(relative, Stamp.SEEN);
            Path file = located.log().path();
            try {
                return appendHoldingLock(cycle, relative, located, event, line, expectedHead);
            } catch (NoSuchFileException e) {
                // The cycle's first event: its directories are made then, not probed on every
                // append. Nothing was written: without the directory, no lock file and no log.
                // Another writer may have made them since this one failed, so the append is tried
                // once more whether or not the directory is still missing (createDirectories
                // accepts one that exists).
                Files.createDirectories(file.getParent());
                return appendHoldingLock(cycle, relative, locate(relative, Stamp.SEEN), event, line, expectedHead);
            }
        } catch (IOException e) {
            // The product's own write: a full disk or an I/O error is the system's failure (exit 3), not the
            // user's (errors24: every such failure was exit 2).
            throw WriteFailures.of("cannot append to event log", workspace.resolve(relative), location(cycle), e);
        }
    }

    /**
     * Takes the log's lock and appends. A {@link NoSuchFileException} from here means the lock
     * could not be taken because the log's directory is missing, so nothing was written: one
     * raised while appending, once the lock is held, is passed on as a plain
     * {@link IOException} and never makes the caller try again.
     */
    private RecordedEvent appendHoldingLock(CycleRef cycle, String relative, Located located,
            PlanningEvent event, byte[] line, String expectedHead) throws IOException {
        SafePaths.Resolved log = located.log();
        Path file = log.path();
        Path key = lockKey(log);
        // The log's identity as the path check saw it, just before the lock (on a link-free path,
        // from the check's own lstat): with the identity read after opening, it tells which file
        // a channel opened by name has open.
        Object seen = located.stamp() == null ? null : located.stamp().fileKey();
        return PathLock.holding(key, held -> {
            try {
                return appendLocked(cycle, relative, key, file, seen, held, event, line, expectedHead);
            } catch (NoSuchFileException e) {
                throw new IOException(e.getFile() + " disappeared while appending", e);
            }
        });
    }

    /**
     * Appends under the lock. The log's channel is the one an earlier append kept with the lock
     * when the log's name still leads to the file it has open (the stamp read here, under the
     * lock, which the head is checked against anyway); otherwise the log is opened by name, and the
     * channel kept when the name led to the same file just before the open (the path check's
     * identity) and just after it.
     */
    private RecordedEvent appendLocked(CycleRef cycle, String relative, Path key, Path file, Object seen,
            PathLock.Held held, PlanningEvent event, byte[] line, String expectedHead) throws IOException {
        boolean created;
        int lines;
        FileStamp now = null;
        FileChannel channel = null;
        if (seen != null && seen.equals(held.keptFileKey())) {
            now = stampOrNull(file, false);
            channel = now == null ? null : held.kept(now.fileKey());
        }
        boolean kept = channel != null;
        if (!kept) {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        }
        try {
            if (!kept) {
                now = FileStamp.read(file, false);
                kept = seen != null && seen.equals(now.fileKey()) && held.keep(channel, now.fileKey());
                if (!kept) {
                    held.drop();
                }
            }
            LogHead head = head(cycle, key, file, now, channel);
            // An empty log is new (or left empty by a crash before its first line): its directory
            // entry is forced too; forcing it again costs one more sync, never a lost name.
            created = head.size() == 0;
            if (!head.hash().equals(expectedHead)) {
                throw new ConcurrentTransitionException("cycle " + cycle
                        + " changed while this transition was running: expected head " + expectedHead
                        + ", found " + head.hash() + "; re-run to see its new state");
            }
            if (head.last() != null) {
                // time43: every read refuses a log dated backwards, so such a line is never written.
                AppendOrder.refuseDatedBefore(event, head.last(), head.lines(), location(cycle));
            }
            write(channel, line, head.size());
            lines = head.lines();
        } finally {
            if (!kept) {
                channel.close();
            }
        }
        if (created) {
            forceDirectory(file.getParent());
        }
        String hash = Sha256.hex(line);
        int number = lines + 1;
        LogHead written = LogHead.of(FileStamp.read(file, false), number, hash, event.timestamp());
        HEADS.put(key, written);
        RecordedEvent recorded = new RecordedEvent(number, event, expectedHead, hash);
        // The line just written extends what this store verified of the log, so the next read need
        // not decode it. Observed right after the write, the attributes are never settled: that
        // read still compares every byte.
        verified.computeIfPresent(relative, (k, known) -> known.lines().size() == lines
                && expectedHead.equals(lines == 0 ? RecordedEvent.GENESIS : known.events().get(lines - 1).hash())
                ? known.plus(line, recorded) : null);
        return recorded;
    }

    /** An append's failure, made in tests (a full disk cannot be had for real): {@link #appendFault}. */
    @FunctionalInterface
    interface Fault {
        /** Throws the failure of the append at {@code at}, or returns. */
        void check(long at) throws IOException;
    }

    /** Called once a line's bytes are written, before they are forced; tests replace it to fail the append. */
    static volatile Fault appendFault = at -> { };

    /** Writes the line and its line feed at {@code at} and forces them; undoes a partial write. */
    private static void write(FileChannel channel, byte[] line, long at) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(line.length + 1).put(line).put((byte) '\n').flip();
        try {
            long position = at;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            appendFault.check(at);
            // One sync, data only: force(false) is fdatasync(2) on Linux (FileDispatcherImpl.force0
            // in the JDK's sources), which "does not flush modified metadata unless that metadata
            // is needed in order to allow a subsequent data retrieval to be correctly handled.
            // For example, changes to st_atime or st_mtime [...] do not require flushing because
            // they are not necessary for a subsequent data read to be handled correctly. On the
            // other hand, a change to the file size (st_size, as made by say ftruncate(2)), would
            // require a metadata flush" (man 2 fdatasync). An append grows the file, so its new
            // size is made durable with it; the modification time need not be.
            channel.force(false);
        } catch (IOException e) {
            try {
                channel.truncate(at);
                channel.force(true);
            } catch (IOException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
    }

    /**
     * The log's head, remembered or read from its end. A remembered head whose file still has its
     * identity, size and modification time also says the file ends with a complete line (its size
     * was taken just after a whole line), so there is no torn line to look for.
     */
    private LogHead head(CycleRef cycle, Path key, Path file, FileStamp now, FileChannel channel) throws IOException {
        LogHead known = HEADS.get(key);
        if (known != null && known.matches(now)) {
            return known;
        }
        cutTornLine(cycle, channel);
        int lines = LogTail.countLines(channel);
        byte[] last = LogTail.lastLine(channel, MAX_LINE_BYTES);
        LogHead head = last == null ? LogHead.of(FileStamp.read(file, false), lines, RecordedEvent.GENESIS, null)
                : LogHead.of(FileStamp.read(file, false), lines, Sha256.hex(last), dated(cycle, lines, last));
        HEADS.put(key, head);
        return head;
    }

    /**
     * When the log's last line, line {@code number}, is dated, which an append must not go before (time43); a line
     * that is no readable event is refused as a read refuses it: nothing is appended to it.
     */
    private Instant dated(CycleRef cycle, int number, byte[] line) {
        try {
            return codec.decode(line).event().timestamp();
        } catch (InvalidInputException e) {
            throw corrupted(cycle, number, unreadable(number, e));
        }
    }

    /**
     * Cuts a torn last line away ({@link LogTail#cutTornLine}), unless the bytes after the last line feed
     * are a whole event: a line whose line feed alone is missing (an editor or a tool that strips a file's
     * final newline, a hand merge) is history someone may have committed, never cut without a word (attack30).
     * An append writes its line and line feed in one write, so a process that dies leaves no such line; a
     * crash of the machine in between is told apart from an edit by no one, so the user decides.
     *
     * More bytes after the last line feed than a line may hold are no append's remains either (an append writes at
     * most that many and its line feed): refused as a line too long, as a read refuses them, never cut (review28:
     * an append that knew no head cut them away).
     *
     * @throws EventLogCorruptedException when the last line is a whole event without its line feed, or longer
     *                                    than a line may be
     */
    private void cutTornLine(CycleRef cycle, FileChannel channel) throws IOException {
        byte[] tail = LogTail.tornTail(channel, MAX_LINE_BYTES);
        if (tail == null) {
            throw tooLong(cycle, new LogLines.LineTooLongException(LogTail.countLines(channel) + 1, MAX_LINE_BYTES));
        }
        if (tail.length > 0 && decodes(tail)) {
            int line = LogTail.countLines(channel) + 1;
            throw corrupted(cycle, line, wholeEventWithoutLineFeed(cycle, line));
        }
        LogTail.cutTornLine(channel);
    }

    /** Why a last line that is a whole event without its line feed is refused, never cut. */
    String wholeEventWithoutLineFeed(CycleRef cycle, int line) {
        String file = workspace.resolve(location(cycle)).toString();
        return wholeEventWithoutLineFeed(line, addLineFeed(file, Shown.cutUnquoted(file)));
    }

    /**
     * As {@link #wholeEventWithoutLineFeed(CycleRef, int)}, for lint, whose findings name files relative to the
     * workspace: the command names the log as {@code shown} does (its workspace-relative path), run in the workspace.
     */
    String wholeEventWithoutLineFeed(CycleRef cycle, int line, String shown) {
        return wholeEventWithoutLineFeed(line,
                addLineFeed(shown, Shown.path(shown)) + ", in the workspace's directory");
    }

    private static String wholeEventWithoutLineFeed(int line, String addLineFeed) {
        return "line " + line + " is a whole event without the line feed that ends every"
                + " line (an editor or a tool removed it, or the machine crashed between the two): nothing was cut;"
                + " add the line feed to keep the event (" + addLineFeed + "), or delete the line to drop"
                + " it";
    }

    /**
     * The command that adds the line feed to the log at {@code file}, to paste wherever the user is: its path (absolute,
     * or relative to the workspace for lint), quoted for the shell ({@link Shown#shellWord}). A path with a character
     * not shown as itself ({@link Printable#shownAsItself}: a line feed, an escape) would not print as it is, so none
     * is given for it, and the path is cut at {@value Printable#PATH_CHARACTERS} characters, as every message cuts a
     * path (msg41: a path of thousands of characters hid what the message says), as {@code named}; a command is given
     * whole, or it would name another file. {@code named} is quoted once, as where the message is shown requires: not
     * for the exception, which quotes its whole message ({@link Printable#line}); by {@link Shown#path} for a finding,
     * whose {@code describe} keeps the escapes of its message as they are (text40).
     */
    private static String addLineFeed(String file, String named) {
        return Printable.line(file).equals(file) ? "printf '\\n' >> " + Shown.shellWord(file)
                : "at the end of " + named + "; its path holds characters not shown as themselves";
    }

    /** Whether {@code line} reads as an event line, whatever it chains to. */
    boolean decodes(byte[] line) {
        try {
            codec.decode(line);
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    private LogLines scan(CycleRef cycle, Path file, long expectedSize) throws IOException {
        wholeReads.incrementAndGet();
        try {
            return LogLines.read(file, MAX_LINE_BYTES, expectedSize);
        } catch (LogLines.LineTooLongException e) {
            throw tooLong(cycle, e);
        }
    }

    /**
     * Reads the whole log whose stamp ({@code before}) the read just took from its name: on a
     * link-free path, through the channel an append kept open with the lock when it is kept for
     * that file (its identity) and free; otherwise by name. Every byte is read either way.
     */
    private LogLines scan(CycleRef cycle, SafePaths.Resolved log, FileStamp before) throws IOException {
        if (!log.linkFree()) {
            return scan(cycle, log.path(), before.size());
        }
        wholeReads.incrementAndGet();
        try {
            return PathLock.reading(log.path(), before.fileKey(),
                    channel -> LogLines.read(channel, MAX_LINE_BYTES, before.size()),
                    () -> LogLines.read(log.path(), MAX_LINE_BYTES, before.size()));
        } catch (LogLines.LineTooLongException e) {
            throw tooLong(cycle, e);
        }
    }

    private EventLogCorruptedException tooLong(CycleRef cycle, LogLines.LineTooLongException e) {
        return corrupted(cycle, e.line, tooLong(e.line));
    }

    /** Why a line longer than {@link #MAX_LINE_BYTES} is refused (shared with lint). */
    static String tooLong(int line) {
        return "line " + line + " is longer than " + MAX_LINE_BYTES
                + " bytes, the most an event line may be; the log is damaged or is not an event log";
    }

    /**
     * Decodes the lines and checks their chain. The lines of a prefix byte-for-byte equal to the
     * lines this store last verified of the same log are not decoded again (the same bytes give the
     * same events and the same hashes): a transition reads its log once and appends one line, so
     * only the new line is decoded. Nothing is taken on trust: every byte read is compared.
     */
    private List<RecordedEvent> verify(CycleRef cycle, String relative, LogLines lines) {
        List<RecordedEvent> events = new ArrayList<>(lines.lines().size());
        String previous = RecordedEvent.GENESIS;
        int start = 0;
        Verified known = verified.get(relative);
        if (known != null) {
            int common = Math.min(known.lines().size(), lines.lines().size());
            while (start < common && Arrays.equals(known.lines().get(start), lines.lines().get(start))) {
                start++;
            }
            events.addAll(known.events().subList(0, start));
            if (start > 0) {
                previous = events.get(start - 1).hash();
            }
        }
        for (int i = start; i < lines.lines().size(); i++) {
            int number = i + 1;
            byte[] bytes = lines.lines().get(i);
            EventLineCodec.Line decoded;
            try {
                decoded = codec.decode(bytes);
            } catch (InvalidInputException e) {
                throw corrupted(cycle, number, unreadable(number, e));
            }
            String refused = refusal(cycle, number, previous, decoded);
            if (refused == null && !events.isEmpty()) {
                refused = datedBefore(number, events.get(events.size() - 1).event().timestamp(), decoded,
                        shownInErrors(cycle));
            }
            if (refused != null) {
                throw corrupted(cycle, number, refused);
            }
            String hash = Sha256.hex(bytes);
            events.add(new RecordedEvent(number, decoded.event(), previous, hash));
            previous = hash;
        }
        if (lines.completeLength() <= MAX_REMEMBERED_BYTES) {
            verified.put(relative, new Verified(List.copyOf(lines.lines()), List.copyOf(events), null, false));
        } else {
            verified.remove(relative);
        }
        return events;
    }

    /**
     * The lines of a log as last verified, their events, and, when known, the file's stamp while
     * it held exactly these lines.
     *
     * @param at      the file's stamp with these lines, or {@code null} when not known
     * @param settled whether {@code at}'s last change (modification or change time) lay
     *                {@link #SETTLED_AFTER} or more before the moment it was observed
     */
    private record Verified(List<byte[]> lines, List<RecordedEvent> events, FileStamp at, boolean settled) {

        Verified plus(byte[] line, RecordedEvent event) {
            List<byte[]> moreLines = new ArrayList<>(lines);
            moreLines.add(line);
            List<RecordedEvent> moreEvents = new ArrayList<>(events);
            moreEvents.add(event);
            return new Verified(List.copyOf(moreLines), List.copyOf(moreEvents), null, false);
        }

        /**
         * Whether a file with this stamp certainly still holds these lines: it is the same file (an
         * identity is required: without one, nothing is trusted), of the same size, with the same
         * modification and change times, and they were settled when they were observed.
         */
        boolean unchanged(FileStamp now) {
            return settled && at != null && at.fileKey() != null && at.sameAs(now);
        }

        Verified observed(FileStamp stamp, boolean isSettled) {
            return new Verified(lines, events, stamp, isSettled);
        }
    }

    /** Why line {@code number} does not decode (shared with lint). */
    static String unreadable(int number, InvalidInputException e) {
        return "line " + number + " is not a readable planning event: " + e.getMessage();
    }

    /**
     * Why line {@code number}, decoded, is refused after a line whose SHA-256 is {@code previous}
     * ({@link RecordedEvent#GENESIS} on line 1): it does not chain to it, or it is another cycle's event;
     * {@code null} when it is accepted. The store's judgement of every line it reads, shared with lint.
     */
    String refusal(CycleRef cycle, int number, String previous, EventLineCodec.Line decoded) {
        return refusal(cycle, number, previous, decoded, shownInErrors(cycle));
    }

    /**
     * The log's absolute path as the store's errors name it: cut ({@link Shown#cutUnquoted}) but not quoted, as an
     * {@link EventLogCorruptedException} quotes its whole message ({@link Printable#line}); quoted here as well, a
     * directory named with the six characters {@code \u005cu000A} would show as {@code \u005cu005Cu005Cu000A}.
     */
    private String shownInErrors(CycleRef cycle) {
        return Shown.cutUnquoted(workspace.resolve(location(cycle)).toString());
    }

    /**
     * As {@link #refusal(CycleRef, int, String, EventLineCodec.Line)}, the log named as {@code shown}, quoted as the
     * message's reader shows it: lint names it relative to the workspace, as every finding names its file, quoted by
     * {@link Shown#path} (a finding's {@code describe} keeps its escapes as they are); the store's errors, by its
     * absolute path not quoted ({@link #shownInErrors}).
     */
    String refusal(CycleRef cycle, int number, String previous, EventLineCodec.Line decoded, String shown) {
        if (!decoded.prevHash().equals(previous)) {
            return chainBreak(number, previous, decoded.prevHash());
        }
        if (CycleEntity.ofAnotherCycle(decoded.event(), cycle)) {
            // A log copied or linked from another cycle's chains as well as its own (attack30). Its entity id is a
            // valid cycle ref (ofAnotherCycle), up to 97 characters of [A-Za-z0-9._/-]: shown whole, nothing to escape
            // (cut at a value's 80 characters it named a cycle that is not there: msg44).
            String entity = decoded.event().entityId();
            return "line " + number + " is an event of " + entity + ", not of " + cycle
                    + ": this log holds another cycle's"
                    + " history (copied, renamed or linked from its log); restore "
                    + shown + " from version control";
        }
        return null;
    }

    /**
     * Why line {@code number}, decoded, is refused after a line dated {@code before}: it is dated earlier
     * ({@code null} when not; the same instant is fine). The engine stamps every event no earlier than the log's last
     * ({@code OneClockReadingTest}), so such a log was written by hand; and as the chain is a hash anyone can compute,
     * with no key, a hand-written log chains as well as the engine's (time41). Shared with lint; the log is named as
     * {@code shown}, quoted or not as {@link #refusal(CycleRef, int, String, EventLineCodec.Line, String)} says.
     */
    static String datedBefore(int number, Instant before, EventLineCodec.Line decoded, String shown) {
        Instant at = decoded.event().timestamp();
        if (!at.isBefore(before)) {
            return null;
        }
        return "line " + number + " is dated " + at + ", before line " + (number - 1) + ", dated " + before
                + ": the tool dates no event before the event before it, so the log was written or edited by hand"
                + " (its hash chain proves nothing of who wrote it); expected a timestamp no earlier than " + before
                + ": restore " + shown + " from version control";
    }

    private static String chainBreak(int number, String expected, String found) {
        if (number == 1) {
            return "line 1 does not start the chain: expected prev_sha256 " + expected
                    + " (the genesis value), found " + found + "; lines were deleted or inserted before it";
        }
        return "line " + number + " does not chain to line " + (number - 1) + ": expected prev_sha256 "
                + expected + " (the SHA-256 of line " + (number - 1) + "), found " + found + "; line "
                + (number - 1) + " was edited, or lines were deleted, inserted or reordered here";
    }

    private EventLogCorruptedException corrupted(CycleRef cycle, int line, String message) {
        return new EventLogCorruptedException(message, new SourceLocation(location(cycle), line, 0));
    }

    /**
     * Records the stamp the log had while it held the lines just verified: the one taken before
     * reading ({@code before}, observed at {@code observed}), if the file shows the same after
     * reading and its size is that of the lines (nothing changed during the read), with the head
     * for the next append. Otherwise the lines stay remembered without a stamp, and the next read
     * compares every byte again.
     *
     * <p>A log modified less than {@link #SETTLED_AFTER} before {@code observed} cannot be settled
     * (its change time is never earlier than its modification time): if the head for the next append
     * is remembered already, as after this store's own append, there is nothing to record and the
     * second {@code stat} is saved.
     */
    private void remember(String relative, SafePaths.Resolved log, FileStamp before, Instant observed, LogLines lines,
            List<RecordedEvent> events) throws IOException {
        Path file = log.path();
        if (before == null || before.size() != lines.completeLength()) {
            return;
        }
        RecordedEvent last = events.isEmpty() ? null : events.get(events.size() - 1);
        LogHead at = LogHead.of(before, events.size(), last == null ? RecordedEvent.GENESIS : last.hash(),
                last == null ? null : last.event().timestamp());
        boolean maySettle = before.modified().toInstant().plus(SETTLED_AFTER).isBefore(observed);
        if (!maySettle && log.linkFree() && at.equals(HEADS.get(file))) {
            return;
        }
        FileStamp after = FileStamp.read(file, maySettle);
        if (!at.matches(after)) {
            return;
        }
        if (log.linkFree()) {
            // The next append's head, as it would read it from the log's end (the file ends with
            // the line feed of the last line read: its size is theirs). Behind a link, the key
            // would cost a realpath: that append reads its head from the log instead.
            HEADS.put(file, at);
        }
        // A change made during the read would have set the change time after "observed".
        boolean settled = maySettle && after.lastChange().plus(SETTLED_AFTER).isBefore(observed);
        verified.computeIfPresent(relative, (k, known) -> known.lines().size() == lines.lines().size()
                ? known.observed(after, settled) : known);
    }

    /** Makes a new file's directory entry durable; not every platform can open a directory. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: the file's own content is already forced.
        }
    }
}
