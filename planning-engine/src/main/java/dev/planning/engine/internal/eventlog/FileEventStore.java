package dev.planning.engine.internal.eventlog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import dev.planning.api.SourceLocation;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.store.EventStore;
import dev.planning.engine.internal.hash.Sha256;
import dev.planning.engine.internal.workspace.PathLock;
import dev.planning.engine.internal.workspace.SafePaths;
import dev.planning.api.WorkspaceLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

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
 * <li><b>Durable</b>: {@link #append} returns only after the line and its line feed were written in
 *     one piece and forced to the device ({@link FileChannel#force(boolean)}); a new log's directory
 *     entry is forced too. If writing fails, the partial bytes are truncated away.</li>
 * <li><b>Crash repair</b>: a crash in the middle of an append can leave a <em>torn</em> last line
 *     (bytes after the last line feed). That line was never acknowledged, so {@link #read} and
 *     {@link #append} cut it away, under the lock, without touching any complete line.</li>
 * <li><b>Verified reads</b>: {@link #read} checks every line's {@code prev_sha256}; an edited,
 *     deleted, inserted or reordered line raises {@link EventLogCorruptedException} naming the first
 *     line that does not chain. A hash chain cannot notice an edit of the <em>last</em> line on its
 *     own; a sealed manifest or signature that quotes the head hash can.</li>
 * <li><b>Cheap appends</b>: the head and line count of each log are remembered (validated by the
 *     file's identity, size and modification time); otherwise only the last line is hashed.</li>
 * </ul>
 * Lines longer than {@link #MAX_LINE_BYTES} are refused on write and reported on read.
 * Thread-safe; any number of instances may share a workspace.
 */
public final class FileEventStore implements EventStore {

    /** The longest line, in bytes, that is written or read: 1 MiB. */
    public static final int MAX_LINE_BYTES = 1 << 20;

    /** Keyed by the real path of each log, shared by all instances, like the in-JVM locks. */
    private static final ConcurrentMap<Path, LogHead> HEADS = new ConcurrentHashMap<>();

    private final Path workspace;
    private final WorkspaceLayout layout;
    private final EventLineCodec codec = new EventLineCodec();

    /** The logs whose lines are remembered at most, and the longest log remembered. */
    private static final int MAX_REMEMBERED_LOGS = 64;
    private static final long MAX_REMEMBERED_BYTES = 1L << 20;

    /** The lines last verified of recently read logs, by key (see {@link #verify}); least recently used first out. */
    private final Cache<Path, Verified> verified = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED_LOGS).build();

    /** A store for the logs of the workspace at {@code workspace}, placed by {@code layout}. */
    public FileEventStore(Path workspace, WorkspaceLayout layout) {
        this.workspace = Objects.requireNonNull(workspace, "workspace").toAbsolutePath().normalize();
        this.layout = Objects.requireNonNull(layout, "layout");
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
        return SafePaths.resolve(workspace, layout.eventLog(cycle));
    }

    /** The workspace-relative path of a cycle's log, as errors name it. */
    @Override
    public String location(CycleRef cycle) {
        return layout.eventLog(cycle);
    }

    @Override
    public List<RecordedEvent> read(CycleRef cycle) {
        Objects.requireNonNull(cycle, "cycle");
        Path file = logFile(cycle);
        try {
            PathLock.checkSidecar(file);
        } catch (IOException e) {
            throw new PlanningException("cannot read event log: " + e.getMessage(),
                    SourceLocation.ofFile(location(cycle)), e);
        }
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            LogLines lines = scan(cycle, file);
            Path key = PathLock.key(file);
            if (lines.torn()) {
                lines = PathLock.holding(key, () -> {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ,
                            StandardOpenOption.WRITE)) {
                        LogTail.cutTornLine(channel);
                    }
                    return scan(cycle, file);
                });
            }
            List<RecordedEvent> events = verify(cycle, key, lines);
            remember(key, file, lines, events);
            return events;
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new PlanningException("cannot read event log: " + e.getMessage(),
                    SourceLocation.ofFile(location(cycle)), e);
        }
    }

    @Override
    public RecordedEvent append(CycleRef cycle, PlanningEvent event, String expectedHead) {
        Objects.requireNonNull(cycle, "cycle");
        Objects.requireNonNull(event, "event");
        if (!Sha256.isHash(expectedHead)) {
            throw new IllegalArgumentException("expectedHead must be 64 lower-case hex digits, got " + expectedHead);
        }
        // The line depends only on the expected head, so it is built before taking the lock.
        byte[] line = codec.encode(event, expectedHead);
        if (line.length > MAX_LINE_BYTES) {
            throw new InvalidInputException("event " + event.id() + " is " + line.length
                    + " bytes once encoded; an event line may be at most " + MAX_LINE_BYTES
                    + " bytes: keep its details short and put bulky data in evidence files",
                    SourceLocation.ofFile(location(cycle)));
        }
        Path file = logFile(cycle);
        try {
            Files.createDirectories(file.getParent());
            Path key = PathLock.key(file);
            return PathLock.holding(key, () -> appendLocked(cycle, key, file, event, line, expectedHead));
        } catch (IOException e) {
            throw new PlanningException("cannot append to event log: " + e.getMessage(),
                    SourceLocation.ofFile(location(cycle)), e);
        }
    }

    private RecordedEvent appendLocked(CycleRef cycle, Path key, Path file, PlanningEvent event, byte[] line,
            String expectedHead) throws IOException {
        boolean created = !Files.exists(file);
        int lines;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            LogTail.cutTornLine(channel);
            LogHead head = head(key, file, channel);
            if (!head.hash().equals(expectedHead)) {
                throw new ConcurrentTransitionException("cycle " + cycle
                        + " changed while this transition was running: expected head " + expectedHead
                        + ", found " + head.hash() + "; re-run to see its new state");
            }
            write(channel, line, head.size());
            lines = head.lines();
        }
        if (created) {
            forceDirectory(file.getParent());
        }
        String hash = Sha256.hex(line);
        int number = lines + 1;
        HEADS.put(key, LogHead.of(attributes(file), number, hash));
        RecordedEvent recorded = new RecordedEvent(number, event, expectedHead, hash);
        // The line just written extends what this store verified of the log, so the next read
        // (which still compares every byte) need not decode it.
        verified.asMap().computeIfPresent(key, (k, known) -> known.lines().size() == lines
                && expectedHead.equals(lines == 0 ? RecordedEvent.GENESIS : known.events().get(lines - 1).hash())
                ? known.plus(line, recorded) : null);
        return recorded;
    }

    /** Writes the line and its line feed at {@code at} and forces them; undoes a partial write. */
    private static void write(FileChannel channel, byte[] line, long at) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(line.length + 1).put(line).put((byte) '\n').flip();
        try {
            long position = at;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            channel.force(true);
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

    private static LogHead head(Path key, Path file, FileChannel channel) throws IOException {
        BasicFileAttributes attributes = attributes(file);
        LogHead known = HEADS.get(key);
        if (known != null && known.matches(attributes)) {
            return known;
        }
        LogHead head = LogHead.of(attributes, LogTail.countLines(channel),
                LogTail.lastLineHash(channel, MAX_LINE_BYTES));
        HEADS.put(key, head);
        return head;
    }

    private LogLines scan(CycleRef cycle, Path file) throws IOException {
        try {
            return LogLines.read(file, MAX_LINE_BYTES);
        } catch (LogLines.LineTooLongException e) {
            throw corrupted(cycle, e.line, "line " + e.line + " is longer than " + MAX_LINE_BYTES
                    + " bytes, the most an event line may be; the log is damaged or is not an event log");
        }
    }

    /**
     * Decodes the lines and checks their chain. The lines of a prefix byte-for-byte equal to the
     * lines this store last verified of the same log are not decoded again (the same bytes give the
     * same events and the same hashes): a transition reads its log once and appends one line, so
     * only the new line is decoded. Nothing is taken on trust: every byte read is compared.
     */
    private List<RecordedEvent> verify(CycleRef cycle, Path key, LogLines lines) {
        List<RecordedEvent> events = new ArrayList<>(lines.lines().size());
        String previous = RecordedEvent.GENESIS;
        int start = 0;
        Verified known = verified.getIfPresent(key);
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
                throw corrupted(cycle, number, "line " + number + " is not a readable planning event: "
                        + e.getMessage());
            }
            if (!decoded.prevHash().equals(previous)) {
                throw corrupted(cycle, number, chainBreak(number, previous, decoded.prevHash()));
            }
            String hash = Sha256.hex(bytes);
            events.add(new RecordedEvent(number, decoded.event(), previous, hash));
            previous = hash;
        }
        if (lines.completeLength() <= MAX_REMEMBERED_BYTES) {
            verified.put(key, new Verified(List.copyOf(lines.lines()), List.copyOf(events)));
        } else {
            verified.invalidate(key);
        }
        return events;
    }

    /** The lines of a log as last verified, and their events. */
    private record Verified(List<byte[]> lines, List<RecordedEvent> events) {

        Verified plus(byte[] line, RecordedEvent event) {
            List<byte[]> moreLines = new ArrayList<>(lines);
            moreLines.add(line);
            List<RecordedEvent> moreEvents = new ArrayList<>(events);
            moreEvents.add(event);
            return new Verified(List.copyOf(moreLines), List.copyOf(moreEvents));
        }
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

    /** Remembers the head just read, unless the file moved on while it was being read. */
    private static void remember(Path key, Path file, LogLines lines, List<RecordedEvent> events)
            throws IOException {
        BasicFileAttributes attributes = attributes(file);
        if (attributes.size() != lines.completeLength()) {
            return;
        }
        String hash = events.isEmpty() ? RecordedEvent.GENESIS : events.get(events.size() - 1).hash();
        HEADS.put(key, LogHead.of(attributes, events.size(), hash));
    }

    private static BasicFileAttributes attributes(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class);
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
