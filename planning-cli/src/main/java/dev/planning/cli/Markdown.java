package dev.planning.cli;

import dev.planning.api.Printable;
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

    /** Plan or rulebook text as Markdown that renders as exactly itself, on one line ({@link Printable#markdown}). */
    static String escape(String value) {
        return Printable.markdown(value);
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
