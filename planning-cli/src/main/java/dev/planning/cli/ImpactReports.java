package dev.planning.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.planning.api.Printable;
import dev.planning.rules.impact.CycleImpact;
import dev.planning.rules.impact.ImpactFinding;
import dev.planning.rules.impact.RulebookImpact;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders {@code planning rules diff}: text and JSON (the Markdown is {@link RulebookImpact#markdown}). */
final class ImpactReports {

    private ImpactReports() {
    }

    static String text(RulebookImpact impact, String base, String head) {
        StringBuilder text = new StringBuilder();
        text.append("base ").append(base).append(" (").append(impact.baseHash()).append(")\n");
        text.append("head ").append(head).append(" (").append(impact.headHash()).append(")\n");
        // The head's settings are a contributor's text: one line each, whatever they hold.
        impact.settings().forEach(c -> text.append("setting ").append(Printable.line(c.setting() + ": "
                + (c.weakens() ? "WEAKENS" : c.kind()) + ", " + c.base() + " -> " + c.head())).append('\n'));
        for (CycleImpact cycle : impact.cycles()) {
            text.append(cycle.cycle()).append(": ").append(verdict(cycle)).append('\n');
            cycle.added().forEach(f -> text.append("  + ").append(line(f)).append('\n'));
            cycle.resolved().forEach(f -> text.append("  - ").append(line(f)).append('\n'));
        }
        text.append(impact.summary()).append('\n');
        return text.toString();
    }

    /** {@code rules diff --format json}. */
    record ImpactJson(SideJson base, SideJson head, @JsonProperty("blocks_new") boolean blocksNew,
            boolean weakens, List<SettingJson> settings, List<CycleJson> cycles) {
    }

    /** One setting of {@code rulebook.yaml} that differs: its values on each side, and whether it weakens or strengthens. */
    record SettingJson(String setting, String base, String head, String change) {
    }

    /** One side of the comparison: the rulebook shown and its hash. */
    record SideJson(String rulebook, @JsonProperty("rulebook_hash") String rulebookHash) {
    }

    /** One cycle: blocked under each rulebook, and the findings the head adds and resolves. */
    record CycleJson(String cycle, @JsonProperty("blocked_base") boolean blockedBase,
            @JsonProperty("blocked_head") boolean blockedHead, @JsonProperty("newly_blocked") boolean newlyBlocked,
            List<FindingJson> added, List<FindingJson> resolved) {
    }

    /** One finding of a rule, with the values it compared and its fix hint when it has them. */
    record FindingJson(String rule, String item, String severity, String message, String file, int line, int column,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> facts,
            @JsonInclude(JsonInclude.Include.NON_NULL) String hint) {
    }

    static ImpactJson json(RulebookImpact impact, String base, String head) {
        return new ImpactJson(new SideJson(base, impact.baseHash()), new SideJson(head, impact.headHash()),
                impact.blocksNew(), impact.weakens(), impact.settings().stream()
                        .map(c -> new SettingJson(c.setting(), c.base(), c.head(), c.kind())).toList(),
                impact.cycles().stream().map(c -> new CycleJson(c.cycle().toString(),
                        c.blockedBase(), c.blockedHead(), c.newlyBlocked(),
                        c.added().stream().map(ImpactReports::finding).toList(),
                        c.resolved().stream().map(ImpactReports::finding).toList())).toList());
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

    private static FindingJson finding(ImpactFinding f) {
        return new FindingJson(f.rule(), f.item().orElse(null), severity(f), f.message(),
                f.location().map(l -> l.file()).orElse(null), f.location().map(l -> l.line()).orElse(0),
                f.location().map(l -> l.column()).orElse(0), f.facts(), f.hint().orElse(null));
    }
}
