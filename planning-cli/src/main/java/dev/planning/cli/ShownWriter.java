package dev.planning.cli;

import dev.planning.api.Printable;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * What the command line prints, in every format, with each character a terminal or a CI log acts on
 * rather than shows ({@link Printable#actedOn}) written as {@code \u005cuXXXX}; line feeds, tabs and a
 * carriage return before a line feed (a Windows line end) pass as they are. A plan's text quoted in a
 * finding then cannot colour, erase, hide or reorder the lines around it. In JSON such a character
 * can only stand inside a string, where {@code \u005cuXXXX} is the same value; the other formats show
 * the escape.
 */
final class ShownWriter extends FilterWriter {

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
        int end = offset + length;
        int start = offset;
        for (int i = offset; i < end; i++) {
            char c = text.charAt(i);
            if (Printable.actedOn(c) && c != '\n' && c != '\t' && !(c == '\r' && i + 1 < end && text.charAt(i + 1) == '\n')) {
                out.write(text, start, i - start);
                StringBuilder escaped = new StringBuilder(6);
                Printable.escape(escaped, c);
                out.write(escaped.toString());
                start = i + 1;
            }
        }
        out.write(text, start, end - start);
    }
}
