package dev.planning.cli;

import dev.planning.api.Printable;
import dev.planning.rules.impact.CycleImpact;
import dev.planning.rules.impact.ImpactFinding;
import dev.planning.rules.impact.RulebookImpact;
import java.util.Locale;

/**
 * Renders {@code planning rules diff} as text (the JSON and the Markdown are {@link RulebookImpact#json}
 * and {@link RulebookImpact#markdown}).
 */
final class ImpactReports {

    private ImpactReports() {
    }

    static String text(RulebookImpact impact, String base, String head) {
        StringBuilder text = new StringBuilder();
        text.append("base ").append(base).append(" (").append(impact.baseHash()).append(")\n");
        text.append("head ").append(head).append(" (").append(impact.headHash()).append(")\n");
        // The head's settings are a contributor's text: one line each, whatever they hold.
        impact.settings().forEach(c -> text.append("setting ").append(Printable.line(c.setting() + ": "
                + (c.weakens() ? "WEAKENS" : c.kind()) + ", " + c.base() + " -> " + c.head()
                + c.reason().map(r -> " (" + r + ")").orElse(""))).append('\n'));
        for (CycleImpact cycle : impact.cycles()) {
            text.append(cycle.cycle()).append(": ").append(verdict(cycle)).append('\n');
            cycle.added().forEach(f -> text.append("  + ").append(line(f)).append('\n'));
            cycle.resolved().forEach(f -> text.append("  - ").append(line(f)).append('\n'));
        }
        text.append(impact.summary()).append('\n');
        return text.toString();
    }

    private static String verdict(CycleImpact cycle) {
        if (cycle.newlyBlocked()) {
            return "passes today, BLOCKED by the change";
        }
        if (cycle.newlyPassing()) {
            return "blocked today, passes after the change";
        }
        return (cycle.blockedHead() ? "blocked" : "passes") + (cycle.changed() ? ", findings change" : ", unchanged");
    }

    /**
     * A finding on one line ({@link Printable#line}): its message, item, values and hint are the head
     * rulebook's and the plans' text, and a line break there would print a line of their own.
     */
    private static String line(ImpactFinding f) {
        return Printable.line(severity(f) + " " + f.rule() + f.item().map(i -> " on " + i).orElse("") + ": "
                + f.explained());
    }

    private static String severity(ImpactFinding f) {
        return f.severity().name().toLowerCase(Locale.ROOT);
    }
}
