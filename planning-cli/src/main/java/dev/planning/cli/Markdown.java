package dev.planning.cli;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Building blocks of the Markdown reports ({@code --format markdown}, for
 * {@code $GITHUB_STEP_SUMMARY} and pull-request comments): values from plans and rulebooks are
 * escaped so that they render as the literal text they are, never as emphasis, links, HTML,
 * mentions or table cells of their own.
 */
final class Markdown {

    private Markdown() {
    }

    /**
     * Characters that start markup somewhere in GitHub-flavoured Markdown: emphasis, code, links and
     * images, HTML and entities, tables, strikethrough, headings, mentions, math and emoji
     * shortcodes. Values never start a line (they sit in table cells or after fixed text), so list
     * and heading markers at a line's start ({@code -}, {@code +}, {@code 1.}) need no escape. The
     * {@code :} and {@code .} are where GitHub's autolinks turn (its renderer, cmark-gfm, links
     * {@code https://...} at the {@code :} and {@code www.} at the {@code .}): escaped, a bare URL in a
     * plan stays text. An e-mail address is still linked: GitHub links it in the rendered text.
     */
    private static final String MARKUP = "\\`*_{}[]<>()#!|~&@$:.";

    /**
     * The text with every markup character backslash-escaped (CommonMark renders an escaped ASCII
     * punctuation character literally), control characters and line breaks folded into spaces, so
     * that it stays inside one table cell.
     */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                out.append(' ');
            } else if (c < 0x20 || c == 0x7f) {
                out.append(' ');
            } else if (MARKUP.indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The heading line with its verdict: {@code ### planning lint: PASSED}. */
    static String verdict(String what, String status) {
        return "### " + escape(what) + ": **" + status + "**\n\n";
    }

    /** A table; every cell is escaped. */
    static String table(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        out.append(row(header)).append('|').append(" --- |".repeat(header.size())).append('\n');
        rows.forEach(r -> out.append(row(r)));
        return out.append('\n').toString();
    }

    private static String row(List<String> cells) {
        return cells.stream().map(Markdown::escape).collect(Collectors.joining(" | ", "| ", " |\n"));
    }
}
