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
 * <p>What a CI runner reads in its log as a command is written as an escape too (attack37): a {@code [}
 * after {@code ##} and any ASCII letters ({@code ##[add-mask]}, GitHub Actions' older command form, which
 * its runner reads anywhere in a line; {@code ##vso[task.prependpath]}, Azure Pipelines';
 * {@code ##teamcity[}), and a {@code :} that is the first character of a line but blanks (GitHub Actions'
 * {@code ::error::}, which its runner reads after the blanks a line begins with). The command line prints
 * a plan's text inside its own lines, so a plan could otherwise mask the verdict in the log, stop the job's
 * later commands (its own {@code ::add-mask::} of a secret among them), set a step's output, or prepend a
 * committed directory to the {@code PATH} of the job's later steps. In JSON both stand inside a string,
 * where the escape is the same value. The rule is {@link Printable#inertInBuildLogs}'s, applied as the text
 * is written.
 *
 * <p>The text is judged as one stream, however it is cut into {@code write} calls (a writer in front
 * may cut anywhere): a carriage return or a high surrogate that ends one call waits for the next to
 * know whether a line feed or a low surrogate follows. {@link #flush} and {@link #close} write a
 * waiting one as its escape, since nothing can follow it any more that would make it part of a pair.
 * What came before (the {@code ##} and letters, the blanks a line began with) is remembered across
 * calls.
 *
 * <p>The command line's standard output and standard error are often one pipe ({@code 2>&1}, a CI job's log),
 * where what one stream wrote may stand between two writes of the other: a line the other ended, before a
 * {@code :} this stream judged to be within its own line; {@code ##} it wrote, before this stream's {@code [}.
 * The writers of the two streams are made as a {@linkplain #pair pair} (out38): each write that follows one of
 * the other writer's is judged as if a line had just begun after {@code ##}, the worst the other's text can have
 * left, so a {@code :} at its start (after blanks) and a {@code [} after letters only are written as their escapes.
 * Text reaches the pipe through a write or a flush of its own writer (one thread writes), and within one call
 * nothing of the other stream can come between, so a write after the other writer's write or flush is the only
 * place where the merged text can differ from this stream's own. What a writer below holds back (an encoder's
 * buffer of 8 KiB, which sends a long text in pieces cut anywhere; a {@code print} not yet flushed) is flushed
 * when the other writer takes its turn (cli39): otherwise it reached the pipe after the other's text, although it
 * was judged before it, and a piece that began mid-line in its own stream, such as {@code ::error::}, began a
 * line after the other's.
 */
final class ShownWriter extends FilterWriter {

    /** Nothing of a runner's command form written last. */
    private static final int NONE = 0;
    /** One {@code #} written last. */
    private static final int HASH = 1;
    /** {@code ##} written last, then any ASCII letters: a {@code [} now opens a runner's command. */
    private static final int OPEN = 2;

    /** A carriage return or high surrogate that ended the last write, or 0. */
    private char waiting;

    /** How much of {@code ##} and letters the text written last ends with: {@link #NONE}, {@link #HASH}, {@link #OPEN}. */
    private int command = NONE;

    /** Whether the line written so far holds only blanks (a runner reads {@code ::} after them). */
    private boolean lineStart = true;

    /** The writer that wrote last of those that may share one pipe, or {@code null} for a writer alone. */
    private final Turn turn;

    /** Which writer of a {@linkplain #pair pair} wrote last. */
    private static final class Turn {
        ShownWriter last;
    }

    ShownWriter(Writer out) {
        this(out, null);
    }

    private ShownWriter(Writer out, Turn turn) {
        super(out);
        this.turn = turn;
    }

    /**
     * Writers for standard output and standard error that may be one pipe ({@code 2>&1}): each judges what it
     * writes after the other has written as the start of a line after {@code ##} (see the class comment).
     *
     * @return the writer over {@code out}, then the writer over {@code err}
     */
    static ShownWriter[] pair(Writer out, Writer err) {
        Turn turn = new Turn();
        return new ShownWriter[] {new ShownWriter(out, turn), new ShownWriter(err, turn)};
    }

    /**
     * This writer's turn (a write or a flush): after the other writer of its pair, a line may have begun after
     * {@code ##}. What the other wrote and its writer below still holds (an encoder's buffer, a {@code print} not
     * yet flushed) goes to the pipe first, so that the pipe receives the two streams in the order they were judged.
     */
    private void take() throws IOException {
        if (turn != null && turn.last != this) {
            if (turn.last != null) {
                turn.last.out.flush();
                lineStart = true;
                command = OPEN;
            }
            turn.last = this;
        }
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
        if (length > 0) {
            take();
        }
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
                if (!(c == '[' && command == OPEN || c == ':' && lineStart)) {
                    passed(c);
                    continue;
                }
            } else if (c != '\r' && !Character.isSurrogate(c)) {
                if (Printable.shownAsItself(c)) {
                    passed(c);
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
                passed(c);
                passed(text.charAt(++i));
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
        // What this writer holds below it reaches the pipe now, maybe after the other writer's text: its turn.
        take();
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
            take();
            char last = waiting;
            waiting = 0;
            escape(last);
        }
    }

    /**
     * Remembers a character written as itself: whether the text now ends with {@code ##} and letters, and
     * whether the line still holds only blanks (as a runner trims them: Java's white space and the
     * no-break spaces).
     */
    private void passed(char c) {
        if (c == '#') {
            command = command == NONE ? HASH : OPEN;
        } else if (command != OPEN || !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
            command = NONE;
        }
        if (c == '\n') {
            lineStart = true;
        } else if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
            lineStart = false;
        }
    }

    private void escape(char c) throws IOException {
        command = NONE;
        lineStart = false;
        StringBuilder escaped = new StringBuilder(6);
        Printable.escape(escaped, c);
        out.write(escaped.toString());
    }
}
