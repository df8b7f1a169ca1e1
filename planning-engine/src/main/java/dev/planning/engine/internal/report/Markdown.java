package dev.planning.engine.internal.report;

import dev.planning.api.Printable;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Building blocks of the Markdown reports ({@code CiReports.lintMarkdown} and the others, which
 * {@code --format markdown} prints for {@code $GITHUB_STEP_SUMMARY} and pull-request comments): values
 * from plans and rulebooks are escaped so that they render as the literal text they are, never as
 * emphasis, links, HTML, mentions or table cells of their own. One escaping rule
 * ({@link Printable#markdown}) under every Markdown report, whichever module builds it.
 */
public final class Markdown {

    /** Hexadecimal digits alone: a hash or a commit id, which a code span shows as it is. */
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

    /**
     * A commit id standing alone, as {@link Printable#markdown} breaks it with a zero-width space: exactly
     * 40 hexadecimal digits with no letter, digit or {@code _} on either side.
     */
    private static final Pattern COMMIT = Pattern.compile("(?<![0-9A-Za-z_])[0-9a-fA-F]{40}(?![0-9A-Za-z_])");

    private Markdown() {
    }

    /**
     * Text that may name a commit (a finding's or a discrepancy's message, a table cell): escaped as plan
     * text ({@link #escape}), but each commit id standing alone is a code span, the exact value a reader can
     * copy, which GitHub links nowhere; {@link #escape} would break it with a zero-width space. The code
     * span holds 40 hexadecimal digits and nothing else, so it cannot be closed early or hold markup; the
     * text around it is escaped as before (a backtick there is a literal one).
     */
    public static String text(String value) {
        Matcher commit = COMMIT.matcher(value);
        StringBuilder out = new StringBuilder(value.length() + 16);
        int last = 0;
        while (commit.find()) {
            if (commit.start() > last) {
                out.append(escapeFrom(value.substring(last, commit.start()), last));
            }
            out.append('`').append(commit.group()).append('`');
            last = commit.end();
        }
        if (last == 0) {
            return escape(value);
        }
        if (last < value.length()) {
            out.append(escapeFrom(value.substring(last), last));
        }
        return out.toString();
    }

    /**
     * A part of a text escaped as it is where it stands: at the text's start as the start (where a blank or
     * a {@code #} could open a block), elsewhere after a letter, which {@link #escape} writes as itself and
     * which opens nothing, so a blank there stays a blank.
     */
    private static String escapeFrom(String part, int at) {
        return at == 0 ? escape(part) : escape("x" + part).substring(1);
    }

    /**
     * A report's text as Markdown that renders as exactly itself, on one line ({@link Printable#markdownOfShown}):
     * a finding's message and the names beside it, whose values were quoted by {@link Printable#line} where the
     * message was made, so their escapes are rendered as they are.
     */
    public static String escape(String value) {
        return Printable.markdownOfShown(value);
    }

    /**
     * A value of a field that holds a hash or a commit id: when it is hexadecimal digits alone, a code
     * span, which shows the exact text, copyable, and which GitHub links nowhere ({@link #escape} would
     * break a commit's 40 digits with a zero-width space, so a copied value would be wrong); anything
     * else, which such a field may hold too (a manifest is plan text), escaped as plan text. A code span
     * of hexadecimal digits alone holds no backtick, so it cannot be closed early.
     */
    public static String hash(String value) {
        return HEX.matcher(value).matches() ? "`" + value + "`" : escape(value);
    }

    /**
     * A value of a field that states a hash or a commit id with a label (a discrepancy's expected or
     * actual value: {@code sha256 3f1c... (12 bytes)}, {@code commit 9ab0...}): each word of it (between
     * single spaces) as {@link #hash}, so a word of hexadecimal digits alone is a code span and every other
     * word is escaped plan text.
     */
    public static String hashes(String value) {
        return Pattern.compile(" ", Pattern.LITERAL).splitAsStream(value).map(Markdown::hashWord)
                .collect(Collectors.joining(" "));
    }

    private static String hashWord(String word) {
        return word.isEmpty() ? "" : hash(word);
    }

    /** The heading line with its verdict: {@code ### planning lint: PASSED}. */
    public static String verdict(String what, String status) {
        return "### " + escape(what) + ": **" + status + "**\n\n";
    }

    /** A table; every cell is escaped ({@link #text}: a commit id standing alone in it is a code span). */
    public static String table(List<String> header, List<List<String>> rows) {
        return table(header, rows, Set.of());
    }

    /**
     * A table whose columns {@code hashColumns} (0-based) hold a hash or a commit id, labelled or not
     * ({@link #hashes}); every other cell is escaped as {@link #text}.
     */
    public static String table(List<String> header, List<List<String>> rows, Set<Integer> hashColumns) {
        StringBuilder out = new StringBuilder();
        out.append(row(header, Set.of())).append('|').append(" --- |".repeat(header.size())).append('\n');
        rows.forEach(r -> out.append(row(r, hashColumns)));
        return out.append('\n').toString();
    }

    private static String row(List<String> cells, Set<Integer> hashColumns) {
        return IntStream.range(0, cells.size())
                .mapToObj(i -> hashColumns.contains(i) ? hashes(cells.get(i)) : text(cells.get(i)))
                .collect(Collectors.joining(" | ", "| ", " |\n"));
    }
}
