package dev.planning.engine.internal.digest;

import dev.planning.engine.internal.metrics.KpiInput;
import dev.planning.engine.internal.metrics.KpiInputCatalog;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The counts behind a rate, shown beside it ("2 of 4 deployments"), so a reader sees how much a
 * percentage rests on. Read from the KPI's formula when it has the form {@code n / d} or
 * {@code n / d * 100}, where {@code n} is an input and {@code d} an input or a parenthesised sum or
 * difference of inputs, optionally times a constant. Of one unit it is a share ("2 of 4
 * deployments"); a count over days or hours is a rate, shown as what and over how long ("8 points
 * in 4 days"). Other formulas have no basis.
 */
final class KpiBasis {

    private static final String NAME = "[A-Za-z_][A-Za-z0-9_]*";
    private static final Pattern RATE = Pattern.compile("^\\s*(" + NAME + ")\\s*/\\s*(" + NAME + "|\\(\\s*" + NAME
            + "(?:\\s*[-+]\\s*" + NAME + ")*\\s*\\))\\s*(?:\\*\\s*[0-9]+(?:\\.[0-9]+)?)?\\s*$");
    private static final Pattern TERM = Pattern.compile("([-+]?)\\s*(" + NAME + ")");

    /** What the denominators count, for inputs whose name does not say it plainly. */
    private static final Map<String, String> NOUNS = Map.ofEntries(
            Map.entry("planned_tasks", "work items"),
            Map.entry("planned_points", "points"),
            Map.entry("done_points", "points"),
            Map.entry("tests_total", "tests run"),
            Map.entry("a11y_passes", "rule checks"),
            Map.entry("defects_total", "defects"),
            Map.entry("cross_stream_dependencies", "cross-stream dependencies"),
            Map.entry("gate_runs", "gate runs"),
            Map.entry("handoffs_attempted", "handoff attempts"),
            Map.entry("deployments_total", "deployments"));

    private KpiBasis() {
    }

    private static boolean sameUnit(String numerator, String denominator) {
        Optional<String> unit = KpiInputCatalog.find(numerator).map(KpiInput::unit);
        return unit.isPresent() && unit.equals(KpiInputCatalog.find(denominator).map(KpiInput::unit));
    }

    /** "n of d noun", when the formula is a rate over measured inputs. */
    static Optional<String> of(String formula, Map<String, Double> inputs) {
        Matcher rate = RATE.matcher(formula);
        if (!rate.matches() || !inputs.containsKey(rate.group(1))) {
            return Optional.empty();
        }
        String denominator = rate.group(2).replace("(", "").replace(")", "");
        Matcher term = TERM.matcher(denominator);
        double total = 0;
        String first = null;
        while (term.find()) {
            Double value = inputs.get(term.group(2));
            if (value == null) {
                return Optional.empty();
            }
            first = first == null ? term.group(2) : first;
            total += term.group(1).equals("-") ? -value : value;
        }
        if (first == null) {
            return Optional.empty();
        }
        String numerator = Figures.shown(inputs.get(rate.group(1)));
        if (!sameUnit(rate.group(1), first)) {
            // A rate of two different things (points per day, deployments per week): what and over how long.
            Optional<String> per = KpiInputCatalog.find(first).map(KpiInput::unit);
            String over = Figures.shown(total);
            return per.filter(unit -> unit.equals("days") || unit.equals("hours"))
                    .map(unit -> numerator + " " + NOUNS.getOrDefault(rate.group(1), rate.group(1).replace('_', ' '))
                            + " in " + over + " " + unit);
        }
        String noun = NOUNS.getOrDefault(first, first.replace('_', ' '));
        return Optional.of(numerator + " of " + Figures.shown(total) + " " + noun);
    }
}
