package dev.planning.report;

import dev.planning.api.lifecycle.CycleState;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/**
 * Charts as inline SVG, drawn on the JVM: no script, no font or image to load, and the same
 * inputs give the same bytes (coordinates are rounded to two decimals, without locale). Every
 * chart carries its meaning in text too: state names and marks, point values, a title.
 */
final class Svg {

    private static final List<CycleState> PATH = List.of(CycleState.values());

    private Svg() {
    }

    /** A state's label as people read it. */
    static String label(CycleState state) {
        String s = state.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * The lifecycle with the cycle's state: states passed are ticked, the current one is filled and
     * marked "now", a state a refused attempt aimed at is crossed. Two drawings: a row for wide
     * screens and print, a column for phones (the style sheet shows one).
     */
    static String lifecycle(Optional<CycleState> current, Set<CycleState> visited, Optional<CycleState> refused,
            String label) {
        int n = PATH.size();
        StringBuilder wide = new StringBuilder();
        StringBuilder narrow = new StringBuilder();
        int w = 132;
        int gap = 14;
        int width = n * w + (n - 1) * gap;
        wide.append("<svg class=\"wide\" role=\"img\" aria-label=\"").append(Html.attr(label))
                .append("\" viewBox=\"0 0 ").append(width).append(" 58\" width=\"").append(width)
                .append("\" height=\"58\" xmlns=\"http://www.w3.org/2000/svg\">");
        narrow.append("<svg class=\"narrow\" role=\"img\" aria-label=\"").append(Html.attr(label))
                .append("\" viewBox=\"0 0 300 ").append(n * 40).append("\" width=\"300\" height=\"").append(n * 40)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (int i = 0; i < n; i++) {
            CycleState state = PATH.get(i);
            Node node = node(state, current, visited, refused);
            int x = i * (w + gap);
            if (i > 0) {
                wide.append("<line x1=\"").append(x - gap).append("\" y1=\"28\" x2=\"").append(x)
                        .append("\" y2=\"28\" stroke=\"#6b7280\" stroke-width=\"2\"/>");
                narrow.append("<line x1=\"20\" y1=\"").append(i * 40 - 4).append("\" x2=\"20\" y2=\"")
                        .append(i * 40 + 4).append("\" stroke=\"#6b7280\" stroke-width=\"2\"/>");
            }
            wide.append("<rect x=\"").append(x + 1).append("\" y=\"6\" width=\"").append(w - 2)
                    .append("\" height=\"44\" rx=\"8\" fill=\"").append(node.fill).append("\" stroke=\"")
                    .append(node.stroke).append("\" stroke-width=\"2\"").append(node.dash).append("/>");
            wide.append(text(x + w / 2.0, 26, "middle", 12, node.weight, node.ink, label(state)));
            wide.append(text(x + w / 2.0, 42, "middle", 11, "normal", node.ink, node.mark));
            narrow.append("<rect x=\"2\" y=\"").append(i * 40 + 4).append("\" width=\"296\" height=\"32\" rx=\"6\" fill=\"")
                    .append(node.fill).append("\" stroke=\"").append(node.stroke).append("\" stroke-width=\"2\"")
                    .append(node.dash).append("/>");
            narrow.append(text(12, i * 40 + 25, "start", 14, node.weight, node.ink, label(state)));
            narrow.append(text(288, i * 40 + 25, "end", 13, "normal", node.ink, node.mark));
        }
        wide.append("</svg>");
        narrow.append("</svg>");
        return "<div class=\"lifecycle\">" + wide + narrow + "</div>";
    }

    private record Node(String fill, String stroke, String ink, String weight, String dash, String mark) {
    }

    private static Node node(CycleState state, Optional<CycleState> current, Set<CycleState> visited,
            Optional<CycleState> refused) {
        if (current.filter(state::equals).isPresent()) {
            return new Node("#1d4ed8", "#1e3a8a", "#ffffff", "bold", "", "\u25B6 now");
        }
        if (refused.filter(state::equals).isPresent()) {
            return new Node("#fee2e2", "#b91c1c", "#7f1d1d", "bold", " stroke-dasharray=\"6 4\"", "\u2717 refused");
        }
        if (visited.contains(state)) {
            return new Node("#dcfce7", "#166534", "#14532d", "normal", "", "\u2713 done");
        }
        return new Node("#ffffff", "#9ca3af", "#374151", "normal", " stroke-dasharray=\"4 4\"", "ahead");
    }

    /** One step of the attempts timeline. */
    record Step(int number, boolean accepted, String to, String when, String by) {
    }

    /** Every attempt in order: a ticked circle for an accepted one, a crossed square for a refused one. */
    static String timeline(List<Step> steps, String label) {
        int col = 170;
        int width = col * steps.size() + 20;
        StringBuilder out = new StringBuilder();
        out.append("<svg role=\"img\" aria-label=\"").append(Html.attr(label)).append("\" viewBox=\"0 0 ")
                .append(width).append(" 118\" width=\"").append(width).append("\" height=\"118\" xmlns=\"http://www.w3.org/2000/svg\">");
        out.append("<line x1=\"").append(10 + col / 2).append("\" y1=\"40\" x2=\"").append(width - 10 - col / 2)
                .append("\" y2=\"40\" stroke=\"#6b7280\" stroke-width=\"2\"/>");
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            double cx = 10 + i * col + col / 2.0;
            out.append(text(cx, 16, "middle", 12, "bold", "#1f2937", "#" + s.number()));
            if (s.accepted()) {
                out.append("<circle cx=\"").append(num(cx)).append("\" cy=\"40\" r=\"12\" fill=\"#dcfce7\" stroke=\"#166534\" stroke-width=\"2\"/>");
                out.append(text(cx, 45, "middle", 14, "bold", "#14532d", "\u2713"));
            } else {
                out.append("<rect x=\"").append(num(cx - 12)).append("\" y=\"28\" width=\"24\" height=\"24\" fill=\"#fee2e2\" stroke=\"#b91c1c\" stroke-width=\"2\"/>");
                out.append(text(cx, 45, "middle", 14, "bold", "#7f1d1d", "\u2717"));
            }
            out.append(text(cx, 72, "middle", 12, "normal", "#1f2937", (s.accepted() ? "to " : "refused ") + s.to()));
            out.append(text(cx, 88, "middle", 11, "normal", "#4b5563", s.when()));
            out.append(text(cx, 104, "middle", 11, "normal", "#4b5563", "by " + abbreviate(s.by(), 22)));
        }
        out.append("</svg>");
        return out.toString();
    }

    /**
     * A KPI's trend over cycles: a line through each cycle's value (written above its point), the
     * target as a dashed line (labelled), cycle ids along the bottom.
     */
    static String kpiChart(String name, String unit, List<Model.Point> points, Optional<Double> target) {
        int width = 320;
        int height = 170;
        double left = 40;
        double right = width - 16;
        double top = 26;
        double bottom = height - 34;
        double min = 0;
        double max = 0;
        for (Model.Point p : points) {
            min = Math.min(min, p.value());
            max = Math.max(max, p.value());
        }
        if (target.isPresent()) {
            min = Math.min(min, target.get());
            max = Math.max(max, target.get());
        }
        // In halves, so that the span of two finite values never overflows: a digest (anyone's file) stating
        // 1.8e308 with a target of -1.8e308 drew every point at the bottom (attack26). Halving is exact, so the
        // chart of ordinary values keeps its bytes.
        double halfSpan = max / 2 - min / 2;
        if (halfSpan < 0.5e-9) {
            max = min + 1;
            halfSpan = 0.5;
        }
        // 10% above the highest value, within the doubles (max is never negative).
        max += Math.min(halfSpan * 0.2, Double.MAX_VALUE - max);
        StringBuilder out = new StringBuilder();
        String title = name + ": " + (points.isEmpty() ? "not measured"
                : Html.number(points.get(points.size() - 1).value()) + " " + unit)
                + target.map(t -> ", target " + Html.number(t)).orElse("");
        out.append("<svg role=\"img\" aria-label=\"").append(Html.attr(title)).append("\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" xmlns=\"http://www.w3.org/2000/svg\">");
        out.append("<title>").append(Html.text(title)).append("</title>");
        out.append("<line x1=\"").append(num(left)).append("\" y1=\"").append(num(bottom)).append("\" x2=\"")
                .append(num(right)).append("\" y2=\"").append(num(bottom)).append("\" stroke=\"#6b7280\"/>");
        out.append("<line x1=\"").append(num(left)).append("\" y1=\"").append(num(top)).append("\" x2=\"")
                .append(num(left)).append("\" y2=\"").append(num(bottom)).append("\" stroke=\"#6b7280\"/>");
        out.append(text(left - 4, bottom + 4, "end", 10, "normal", "#4b5563", Html.number(min)));
        out.append(text(left - 4, top + 4, "end", 10, "normal", "#4b5563", Html.number(max)));
        double finalMin = min;
        double finalMax = max;
        double halfRange = finalMax / 2 - finalMin / 2;
        DoubleUnaryOperator y = v -> bottom - (v / 2 - finalMin / 2) / halfRange * (bottom - top);
        if (target.isPresent()) {
            double ty = y.applyAsDouble(target.get());
            out.append("<line class=\"target\" x1=\"").append(num(left)).append("\" y1=\"").append(num(ty))
                    .append("\" x2=\"").append(num(right)).append("\" y2=\"").append(num(ty))
                    .append("\" stroke=\"#b45309\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>");
            out.append(text(right, ty - 4, "end", 10, "normal", "#78350f", "target " + Html.number(target.get())));
        }
        if (points.isEmpty()) {
            out.append(text((left + right) / 2, (top + bottom) / 2, "middle", 13, "normal", "#4b5563", "not measured"));
        }
        double step = points.size() > 1 ? (right - left - 80) / (points.size() - 1) : 0;
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            double x = points.size() == 1 ? (left + right) / 2 : left + 20 + i * step;
            double py = y.applyAsDouble(points.get(i).value());
            line.append(i == 0 ? "" : " ").append(num(x)).append(',').append(num(py));
        }
        if (points.size() > 1) {
            out.append("<polyline fill=\"none\" stroke=\"#1d4ed8\" stroke-width=\"2.5\" points=\"").append(line)
                    .append("\"/>");
        }
        for (int i = 0; i < points.size(); i++) {
            Model.Point p = points.get(i);
            double x = points.size() == 1 ? (left + right) / 2 : left + 20 + i * step;
            double py = y.applyAsDouble(p.value());
            out.append("<circle class=\"point\" cx=\"").append(num(x)).append("\" cy=\"").append(num(py))
                    .append("\" r=\"4\" fill=\"#1d4ed8\"/>");
            out.append("<text class=\"value\" x=\"").append(num(x)).append("\" y=\"").append(num(py - 8))
                    .append("\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"bold\" fill=\"#1e3a8a\">")
                    .append(Html.text(Html.number(p.value()))).append("</text>");
            out.append(text(x, bottom + 16, "middle", 10, "normal", "#374151", p.cycleId()));
        }
        out.append("</svg>");
        return out.toString();
    }

    private static String text(double x, double y, String anchor, double size, String weight, String fill, String value) {
        return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor + "\" font-size=\""
                + num(size) + "\" font-weight=\"" + weight + "\" fill=\"" + fill + "\">" + Html.text(value) + "</text>";
    }

    static String abbreviate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 1) + "\u2026";
    }

    /** A coordinate, rounded to two decimals without locale. */
    static String num(double value) {
        return Html.number(Math.round(value * 100) / 100.0);
    }
}
