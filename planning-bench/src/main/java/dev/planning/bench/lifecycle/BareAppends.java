package dev.planning.bench.lifecycle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The durable writer's disk work without the engine: the floor for B3's one durable writer,
 * measured the way the writer is. Each log is a new file in one directory, with an empty sidecar
 * beside it; its first line is forced with {@code fdatasync} and its directory with {@code fsync}
 * (as the engine creates a cycle); each append opens the file, reads it to its end, writes one
 * line there, forces it with {@code fdatasync} and closes it (as the engine's read and append of a
 * transition do, without the path checks, the lock, the encoding and the hashing). The lines have
 * the lengths of the engine's: {@value #CREATED_LINE} bytes for the creation,
 * {@value #TRANSITION_LINE} for a transition, each with its line feed.
 *
 * <pre>{@code
 * BareAppends bare = new BareAppends(directory);
 * Path log = bare.create("C-1");   // first line, fdatasync, directory fsync
 * bare.append(log);                // read to the end, one line, fdatasync
 * }</pre>
 *
 * @since 0.1
 */
public final class BareAppends {

    /** Bytes of the line that creates a log, line feed included (the engine's CYCLE_CREATED line). */
    public static final int CREATED_LINE = 345;
    /** Bytes of one transition's line, line feed included (the engine's STATE_TRANSITION lines: 484-497). */
    public static final int TRANSITION_LINE = 490;

    private final Path directory;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(8192);

    /** Appends to new files in {@code directory}, which must exist. */
    public BareAppends(Path directory) {
        this.directory = directory;
    }

    /** Creates {@code name}'s log and its empty sidecar, writes the first line and forces both. */
    public Path create(String name) throws IOException {
        Path log = directory.resolve(name + ".events.jsonl");
        // Only made, as the engine's lock makes it; never written.
        Files.createFile(directory.resolve(name + ".events.jsonl.lock"));
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            write(channel, line(CREATED_LINE), 0);
        }
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
        return log;
    }

    /** Reads {@code log} to its end, then appends one transition's line there and forces it. */
    public void append(Path log) throws IOException {
        long size = 0;
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
            int read;
            while ((read = channel.read(readBuffer.clear())) > 0) {
                size += read;
            }
        }
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            write(channel, line(TRANSITION_LINE), size);
        }
    }

    private static void write(FileChannel channel, ByteBuffer line, long at) throws IOException {
        long position = at;
        while (line.hasRemaining()) {
            position += channel.write(line, position);
        }
        channel.force(false);
    }

    private static ByteBuffer line(int bytes) {
        byte[] line = new byte[bytes];
        Arrays.fill(line, (byte) 'x');
        line[bytes - 1] = '\n';
        return ByteBuffer.wrap(line);
    }
}
