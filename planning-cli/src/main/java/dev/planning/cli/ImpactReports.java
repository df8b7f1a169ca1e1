package dev.planning.cli;

import dev.planning.rules.impact.CycleImpact;
import dev.planning.rules.impact.ImpactFinding;
import dev.planning.rules.impact.RulebookImpact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    static Map<String, Object> json(RulebookImpact impact, String base, String head) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("base", Map.of("rulebook", base, "rulebook_hash", impact.baseHash()));
        json.put("head", Map.of("rulebook", head, "rulebook_hash", impact.headHash()));
        json.put("blocks_new", impact.blocksNew());
        json.put("cycles", impact.cycles().stream().map(c -> {
            Map<String, Object> cycle = new LinkedHashMap<>();
            cycle.put("cycle", c.cycle().toString());
            cycle.put("blocked_base", c.blockedBase());
            cycle.put("blocked_head", c.blockedHead());
            cycle.put("newly_blocked", c.newlyBlocked());
            cycle.put("added", c.added().stream().map(ImpactReports::finding).toList());
            cycle.put("resolved", c.resolved().stream().map(ImpactReports::finding).toList());
            return cycle;
        }).toList());
        return json;
    }

    static String markdown(RulebookImpact impact, String base, String head) {
        StringBuilder md = new StringBuilder(Markdown.verdict("planning rules diff",
                impact.blocksNew() ? "BLOCKS" : impact.changed().isEmpty() ? "NO CHANGE" : "CHANGES"));
        md.append(Markdown.escape(summary(impact))).append("\n\n");
        md.append(Markdown.table(List.of("rulebook", "directory", "hash"), List.of(
                List.of("base", base, impact.baseHash()), List.of("head", head, impact.headHash()))));
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
        return List.of(cycle.cycle().toString(), change, f.rule(), f.item().orElse(""), severity(f), f.message());
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

    private static String line(ImpactFinding f) {
        return severity(f) + " " + f.rule() + f.item().map(i -> " on " + i).orElse("") + ": " + f.message();
    }

    private static String status(boolean blocked) {
        return blocked ? "blocked" : "passes";
    }

    private static String severity(ImpactFinding f) {
        return f.severity().name().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Object> finding(ImpactFinding f) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rule", f.rule());
        json.put("item", f.item().orElse(null));
        json.put("severity", severity(f));
        json.put("message", f.message());
        json.put("file", f.location().map(l -> l.file()).orElse(null));
        json.put("line", f.location().map(l -> l.line()).orElse(0));
        json.put("column", f.location().map(l -> l.column()).orElse(0));
        return json;
    }
}
