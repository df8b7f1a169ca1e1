package dev.planning.cli;

import dev.planning.api.Printable;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * What the command line prints, in every format, with each character that is not
 * {@linkplain Printable#shownAsItself shown as itself} written as {@code \u005cuXXXX}; line feeds, tabs
 * and a carriage return before a line feed (a Windows line end) pass as they are. A plan's text
 * quoted in a finding then cannot colour, erase, hide or reorder the lines around it, nor hide
 * characters in it. In JSON such a character can only stand inside a string, where
 * {@code \u005cuXXXX} is the same value; the other formats show the escape.
 *
 * <p>The text is judged as one stream, however it is cut into {@code write} calls (a writer in front
 * may cut anywhere): a carriage return or a high surrogate that ends one call waits for the next to
 * know whether a line feed or a low surrogate follows. {@link #flush} and {@link #close} write a
 * waiting one as its escape, since nothing can follow it any more that would make it part of a pair.
 */
final class ShownWriter extends FilterWriter {

    /** A carriage return or high surrogate that ended the last write, or 0. */
    private char waiting;

    ShownWriter(Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        write(String.valueOf((char) c), 0, 1);
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        write(new String(chars, offset, length), 0, length);
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        if (waiting != 0 && length > 0) {
            // Judged again with what follows it: "\r\n", or a surrogate pair cut in two.
            String joined = waiting + text.substring(offset, offset + length);
            waiting = 0;
            write(joined, 0, joined.length());
            return;
        }
        int end = offset + length;
        int start = offset;
        for (int i = offset; i < end; i++) {
            char c = text.charAt(i);
            // Most of what is printed is ASCII: one test and on; then one look-up for other text.
            if (c >= 0x20 && c < 0x7f || c == '\n' || c == '\t') {
                continue;
            }
            if (c != '\r' && !Character.isSurrogate(c)) {
                if (Printable.shownAsItself(c)) {
                    continue;
                }
            } else if (i + 1 == end) {
                if (c == '\r' || Character.isHighSurrogate(c)) {
                    out.write(text, start, i - start);
                    waiting = c;
                    return;
                }
            } else if (c == '\r' ? text.charAt(i + 1) == '\n'
                    : Character.isHighSurrogate(c) && Character.isLowSurrogate(text.charAt(i + 1))
                            && Printable.shownAsItself(Character.toCodePoint(c, text.charAt(i + 1)))) {
                i++;
                continue;
            }
            out.write(text, start, i - start);
            escape(c);
            start = i + 1;
        }
        out.write(text, start, end - start);
    }

    @Override
    public void flush() throws IOException {
        release();
        super.flush();
    }

    @Override
    public void close() throws IOException {
        release();
        super.close();
    }

    private void release() throws IOException {
        if (waiting != 0) {
            char last = waiting;
            waiting = 0;
            escape(last);
        }
    }

    private void escape(char c) throws IOException {
        StringBuilder escaped = new StringBuilder(6);
        Printable.escape(escaped, c);
        out.write(escaped.toString());
    }
}
