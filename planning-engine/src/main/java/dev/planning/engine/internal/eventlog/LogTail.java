package dev.planning.engine.internal.eventlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads what an append needs from the end of a log without hashing the rest: the hash of the last
 * line and, when asked, the number of lines. Also cuts a torn last line away. Callers hold the
 * log's lock.
 */
final class LogTail {

    private static final int CHUNK = 8 * 1024;

    private LogTail() {
    }

    /**
     * Truncates bytes after the last line feed, the remains of an append that crashed before it
     * finished. Those bytes were never acknowledged: an append returns only after its whole line,
     * line feed included, is on disk.
     *
     * @return the number of bytes removed
     */
    static long cutTornLine(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0 || byteAt(channel, size - 1) == '\n') {
            return 0;
        }
        long keep = lastLineFeedBefore(channel, size - 1, Long.MAX_VALUE) + 1;
        channel.truncate(keep);
        channel.force(true);
        return size - keep;
    }

    /**
     * The bytes after the last line feed, when there are at most {@code limit} of them: what
     * {@link #cutTornLine} would cut. Empty when the log ends with a line feed (or is empty), and
     * {@code null} when more than {@code limit} bytes follow it (no line a log may hold).
     */
    static byte[] tornTail(FileChannel channel, int limit) throws IOException {
        long size = channel.size();
        if (size == 0 || byteAt(channel, size - 1) == '\n') {
            return new byte[0];
        }
        long start = lastLineFeedBefore(channel, size, limit + 1L) + 1;
        if (size - start > limit) {
            return null;
        }
        ByteBuffer tail = ByteBuffer.allocate((int) (size - start));
        readFully(channel, tail, start);
        return tail.array();
    }

    /** The bytes of the last line of a log that ends with a line feed, without it; {@code null} when empty. */
    static byte[] lastLine(FileChannel channel, int maxLineBytes) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return null;
        }
        long end = size - 1;
        long start = lastLineFeedBefore(channel, end, maxLineBytes + 1L) + 1;
        if (end - start > maxLineBytes) {
            throw new IOException("the last line is longer than " + maxLineBytes + " bytes");
        }
        ByteBuffer line = ByteBuffer.allocate((int) (end - start));
        readFully(channel, line, start);
        return line.array();
    }

    /** Counts the line feeds of the whole file: linear, but hashes nothing. */
    static int countLines(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long position = 0;
        int lines = 0;
        int n;
        while ((n = channel.read(buffer, position)) > 0) {
            byte[] bytes = buffer.array();
            for (int i = 0; i < n; i++) {
                if (bytes[i] == '\n') {
                    lines++;
                }
            }
            position += n;
            buffer.clear();
        }
        return lines;
    }

    /** Position of the last line feed strictly before {@code end}, or -1; looks back at most {@code limit} bytes. */
    private static long lastLineFeedBefore(FileChannel channel, long end, long limit) throws IOException {
        long floor = Math.max(0, end - limit);
        long chunkEnd = end;
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        while (chunkEnd > floor) {
            long chunkStart = Math.max(floor, chunkEnd - CHUNK);
            buffer.clear().limit((int) (chunkEnd - chunkStart));
            readFully(channel, buffer, chunkStart);
            for (int i = buffer.limit() - 1; i >= 0; i--) {
                if (buffer.get(i) == '\n') {
                    return chunkStart + i;
                }
            }
            chunkEnd = chunkStart;
        }
        return floor == 0 ? -1 : floor - 1;
    }

    private static byte byteAt(FileChannel channel, long position) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        readFully(channel, one, position);
        return one.get(0);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("the log ended while reading it");
            }
            at += n;
        }
    }
}
