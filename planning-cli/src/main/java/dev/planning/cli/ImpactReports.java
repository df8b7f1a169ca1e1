package dev.planning.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.planning.api.Printable;
import dev.planning.rules.impact.CycleImpact;
import dev.planning.rules.impact.ImpactFinding;
import dev.planning.rules.impact.RulebookImpact;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Renders {@code planning rules diff}: text, JSON and Markdown (for a pull-request comment). */
final class ImpactReports {

    private ImpactReports() {
    }

    static String text(RulebookImpact impact, String base, String head) {
        StringBuilder text = new StringBuilder();
        text.append("base ").append(base).append(" (").append(impact.baseHash()).append(")\n");
        text.append("head ").append(head).append(" (").append(impact.headHash()).append(")\n");
        for (CycleImpact cycle : impact.cycles()) {
            text.append(cycle.cycle()).append(": ").append(verdict(cycle)).append('\n');
            cycle.added().forEach(f -> text.append("  + ").append(line(f)).append('\n'));
            cycle.resolved().forEach(f -> text.append("  - ").append(line(f)).append('\n'));
        }
        text.append(summary(impact)).append('\n');
        return text.toString();
    }

    /** {@code rules diff --format json}. */
    record ImpactJson(SideJson base, SideJson head, @JsonProperty("blocks_new") boolean blocksNew,
            List<CycleJson> cycles) {
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
                impact.blocksNew(), impact.cycles().stream().map(c -> new CycleJson(c.cycle().toString(),
                        c.blockedBase(), c.blockedHead(), c.newlyBlocked(),
                        c.added().stream().map(ImpactReports::finding).toList(),
                        c.resolved().stream().map(ImpactReports::finding).toList())).toList());
    }

    static String markdown(RulebookImpact impact, String base, String head) {
        StringBuilder md = new StringBuilder(Markdown.verdict("planning rules diff",
                impact.blocksNew() ? "BLOCKS" : impact.changed().isEmpty() ? "NO CHANGE" : "CHANGES"));
        md.append(Markdown.escape(summary(impact))).append("\n\n");
        md.append(Markdown.table(List.of("rulebook", "directory", "hash"), List.of(
                List.of("base", base, impact.baseHash()), List.of("head", head, impact.headHash())), Set.of(2)));
        List<List<String>> rows = new ArrayList<>();
        for (CycleImpact cycle : impact.cycles()) {
            for (ImpactFinding f : cycle.added()) {
                rows.add(row(cycle, "new", f));
            }
            for (ImpactFinding f : cycle.resolved()) {
                rows.add(row(cycle, "resolved", f));
            }
        }
        md.append(Markdown.table(List.of("cycle", "today", "after the change"), impact.cycles().stream()
                .map(c -> List.of(c.cycle().toString(), status(c.blockedBase()), status(c.blockedHead()))).toList()));
        if (!rows.isEmpty()) {
            md.append(Markdown.table(List.of("cycle", "change", "rule", "item", "severity", "message"), rows));
        }
        return md.toString();
    }

    private static List<String> row(CycleImpact cycle, String change, ImpactFinding f) {
        return List.of(cycle.cycle().toString(), change, f.rule(), f.item().orElse(""), severity(f), explained(f));
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

    private static String summary(RulebookImpact impact) {
        long blocked = impact.cycles().stream().filter(CycleImpact::newlyBlocked).count();
        long added = impact.cycles().stream().mapToLong(c -> c.added().size()).sum();
        long resolved = impact.cycles().stream().mapToLong(c -> c.resolved().size()).sum();
        return impact.cycles().size() + " cycle(s): " + added + " new finding(s), " + resolved + " resolved, "
                + blocked + " cycle(s) newly blocked";
    }

    /**
     * A finding on one line ({@link Printable#line}): its message, item, values and hint are the head
     * rulebook's and the plans' text, and a line break there would print a line of their own.
     */
    private static String line(ImpactFinding f) {
        return Printable.line(severity(f) + " " + f.rule() + f.item().map(i -> " on " + i).orElse("") + ": "
                + explained(f));
    }

    /** The message, then the compared values in parentheses and the fix hint, as lint and the gates print them. */
    private static String explained(ImpactFinding f) {
        String values = f.facts().isEmpty() ? "" : " (" + f.factsLine() + ")";
        return f.message() + values + f.hint().map(h -> "; fix: " + h).orElse("");
    }

    private static String status(boolean blocked) {
        return blocked ? "blocked" : "passes";
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
