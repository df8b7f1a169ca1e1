package dev.planning.engine.internal.eventlog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The complete lines of a log file, read in one pass, and whether it ends with a torn line (bytes
 * after the last line feed: what a crash in the middle of an append leaves behind).
 *
 * @param lines          every complete line, without its line feed
 * @param completeLength the length of the file up to and including the last line feed
 * @param torn           whether bytes follow the last line feed
 */
record LogLines(List<byte[]> lines, long completeLength, boolean torn) {

    LogLines {
        lines = List.copyOf(lines);
    }

    /** Thrown when a line is longer than the limit; carries its 1-based number. */
    static final class LineTooLongException extends IOException {

        private static final long serialVersionUID = 1L;

        final int line;

        LineTooLongException(int line, int limit) {
            super("line " + line + " is longer than " + limit + " bytes");
            this.line = line;
        }
    }

    /** Reads a whole log, refusing any line longer than {@code maxLineBytes}. */
    static LogLines read(Path file, int maxLineBytes) throws IOException {
        return read(file, maxLineBytes, -1);
    }

    /**
     * Reads a whole log, refusing any line longer than {@code maxLineBytes}; {@code expectedSize}
     * (the size a {@code stat} just gave, or -1) only sizes the buffer, saving the channel's own
     * {@code fstat}: every byte up to the end is read whatever it says.
     */
    static LogLines read(Path file, int maxLineBytes, long expectedSize) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(channel, maxLineBytes, expectedSize);
        }
    }

    /**
     * Reads a whole log from a channel open on it, from its first byte to its end, as
     * {@link #read(Path, int, long)} does; positional reads only, so a channel shared with an
     * appender (under that appender's exclusion) is not moved.
     */
    static LogLines read(FileChannel channel, int maxLineBytes, long expectedSize) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        long completeLength = 0;
        long position = 0;
        // A log is usually small and read whole on every transition: a buffer of its size (one
        // byte more, to see the end in the same read), up to 64 KiB.
        long size = expectedSize >= 0 ? expectedSize : channel.size();
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(64 * 1024, size + 1));
        byte[] bytes = buffer.array();
        int n;
        while ((n = channel.read(buffer.clear(), position)) > 0) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (bytes[i] == '\n') {
                    int lineNumber = lines.size() + 1;
                    if (current.size() == 0) {
                        // The whole line lies in this buffer: one copy.
                        check(i - start, lineNumber, maxLineBytes);
                        lines.add(Arrays.copyOfRange(bytes, start, i));
                    } else {
                        append(current, bytes, start, i - start, lineNumber, maxLineBytes);
                        lines.add(current.toByteArray());
                        current.reset();
                    }
                    start = i + 1;
                    completeLength = position + i + 1;
                }
            }
            append(current, bytes, start, n - start, lines.size() + 1, maxLineBytes);
            position += n;
        }
        return new LogLines(lines, completeLength, current.size() > 0);
    }

    /** What {@link #each} hands over of each line, in order. */
    interface LineVisitor {

        /**
         * One line.
         *
         * @param number   its 1-based number
         * @param bytes    its bytes without the line feed, or {@code null} when it is longer than the limit
         * @param length   its length in bytes, without the line feed
         * @param complete whether a line feed ends it ({@code false} only for the bytes after the last one)
         */
        void line(int number, byte[] bytes, long length, boolean complete);
    }

    /**
     * Reads a whole log from its first byte to its end, in one pass, handing each line to {@code visitor}, and
     * never stops at a line longer than {@code maxLineBytes}: its bytes are not kept, only counted. Positional
     * reads only; nothing is written. For lint, which reports every bad line, where {@link #read} refuses the log
     * at the first line too long.
     */
    static void each(FileChannel channel, int maxLineBytes, LineVisitor visitor) throws IOException {
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        long length = 0;
        int number = 1;
        long position = 0;
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        byte[] bytes = buffer.array();
        int n;
        while ((n = channel.read(buffer.clear(), position)) > 0) {
            int start = 0;
            for (int i = 0; i <= n; i++) {
                boolean end = i < n && bytes[i] == '\n';
                if (i == n || end) {
                    length += i - start;
                    if (length <= maxLineBytes) {
                        current.write(bytes, start, i - start);
                    } else {
                        current.reset();
                    }
                    if (end) {
                        visitor.line(number++, length <= maxLineBytes ? current.toByteArray() : null, length, true);
                        current.reset();
                        length = 0;
                    }
                    start = i + 1;
                }
            }
            position += n;
        }
        if (length > 0) {
            visitor.line(number, length <= maxLineBytes ? current.toByteArray() : null, length, false);
        }
    }

    private static void check(int length, int lineNumber, int maxLineBytes) throws LineTooLongException {
        if (length > maxLineBytes) {
            throw new LineTooLongException(lineNumber, maxLineBytes);
        }
    }

    private static void append(ByteArrayOutputStream line, byte[] buffer, int offset, int length, int lineNumber,
            int maxLineBytes) throws LineTooLongException {
        if (line.size() + length > maxLineBytes) {
            throw new LineTooLongException(lineNumber, maxLineBytes);
        }
        line.write(buffer, offset, length);
    }
}
