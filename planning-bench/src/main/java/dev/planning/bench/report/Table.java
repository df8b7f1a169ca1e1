package dev.planning.bench.report;

import java.util.List;

/** Renders rows as an aligned text table for the terminal, or as a Markdown table. */
final class Table {

    private static final String[] HEADER = {"bench", "case", "median", "spread (min–max)", "peer", "ratio", "target", "met?"};

    private Table() {
    }

    static String text(List<Row> rows) {
        List<String[]> cells = rows.stream().map(Table::cells).toList();
        int[] widths = new int[HEADER.length];
        for (int i = 0; i < HEADER.length; i++) {
            widths[i] = HEADER[i].length();
            for (String[] row : cells) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, HEADER, widths);
        StringBuilder rule = new StringBuilder();
        for (int width : widths) {
            rule.append("-".repeat(width)).append("  ");
        }
        out.append(rule.toString().stripTrailing()).append('\n');
        cells.forEach(row -> line(out, row, widths));
        return out.toString();
    }

    static String markdown(List<Row> rows) {
        StringBuilder out = new StringBuilder("| " + String.join(" | ", HEADER) + " |\n|");
        out.append(" --- |".repeat(HEADER.length)).append('\n');
        rows.forEach(row -> out.append("| ").append(String.join(" | ", cells(row))).append(" |\n"));
        return out.toString();
    }

    private static String[] cells(Row row) {
        return new String[] {row.bench(), row.item(), row.median(), row.spread(), row.peer(), row.ratio(), row.target(),
                row.verdict()};
    }

    private static void line(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(String.format("%-" + widths[i] + "s", cells[i])).append("  ");
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
