package dev.planning.engine.internal.digest;

import dev.planning.api.artifact.ImprovementAction;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.governance.Waiver;
import dev.planning.api.governance.WaiverHorizon;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.lifecycle.TransitionKind;
import dev.planning.engine.internal.lifecycle.CycleFold;
import dev.planning.engine.internal.metrics.KpiInput;
import dev.planning.engine.internal.metrics.KpiInputCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import dev.planning.api.rulebook.KpiDirection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The scope a digest template renders: nested maps, lists, strings and booleans only. The names are
 * documented in {@code docs/digest.md} for authors of custom templates. Text that comes from the
 * plan (titles, owners, decisions, waivers, actions, actors) goes through {@link #cell}, so that it
 * renders as text: it cannot open a link, an image, raw HTML or a code span, nor break a table.
 */
final class DigestModel {

    /** The most trend charts a digest shows. */
    static final int MAX_CHARTS = 4;

    private DigestModel() {
    }

    static Map<String, Object> scope(DigestContent content) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("title", cell(content.facts().title()));
        scope.put("cycle_id", content.summary().cycleId());
        scope.put("stream", content.summary().stream());
        scope.put("state", content.facts().state());
        scope.put("period_start", Figures.time(content.facts().start()));
        scope.put("period_end", Figures.time(content.facts().end()));
        scope.put("generated_at", Figures.time(content.summary().generatedAt()));
        scope.put("snapshot_rev", content.summary().snapshotRev().orElse("not sealed"));
        scope.put("rulebook_hash", content.summary().rulebookHash());
        scope.put("owners", content.facts().owners().isEmpty() ? "none named" : cell(String.join(", ", content.facts().owners())));
        scope.put("previous", content.summary().previousCycleId().orElse("no previous digest"));
        kpis(content, scope);
        gates(content, scope);
        scope.put("lifecycle_chart", MermaidCharts.lifecycle(content.events()));
        manifest(content, scope);
        List<Object> changes = scopeChanges(content);
        scope.put("scope_changes", changes);
        scope.put("has_scope_changes", !changes.isEmpty());
        decisions(content, scope);
        inputs(content, scope);
        return scope;
    }

    private static void kpis(DigestContent content, Map<String, Object> scope) {
        List<Object> rows = new ArrayList<>();
        List<Object> charts = new ArrayList<>();
        int measured = 0;
        int met = 0;
        int missed = 0;
        for (KpiRow row : content.rows()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", row.value().name());
            out.put("description", cell(row.description()));
            out.put("unit", row.value().unit());
            out.put("target", row.value().target().map(t -> (row.value().direction().equals("lower_is_better")
                    ? "≤ " : "≥ ") + Figures.shown(t)).orElse("none"));
            out.put("actual", row.value().actual().map(Figures::shown).orElse("not measured"));
            out.put("actual_with_basis", row.value().actual().map(Figures::shown).orElse("not measured")
                    + row.basis().map(b -> " (" + b + ")").orElse(""));
            out.put("basis", row.basis().orElse(""));
            out.put("sources", row.sources().isEmpty() ? "none" : row.sources().stream()
                    .map(source -> sourceLink(content, source)).collect(Collectors.joining(", ")));
            out.put("previous", row.previous().map(Figures::shown).orElse("n/a"));
            out.put("delta", row.delta().map(Figures::signed).orElse("n/a"));
            out.put("trend", trend(row));
            out.put("status", status(row.status()));
            rows.add(out);
            measured += row.value().measured() ? 1 : 0;
            met += row.status().equals("met") ? 1 : 0;
            missed += row.status().equals("missed") ? 1 : 0;
            if (row.history().size() >= 2 && mattersForAChart(row) && charts.size() < MAX_CHARTS) {
                charts.add(Map.of("name", row.value().name(), "chart", MermaidCharts.trend(row)));
            }
        }
        scope.put("kpis", rows);
        scope.put("kpis_total", Integer.toString(rows.size()));
        scope.put("kpis_measured", Integer.toString(measured));
        scope.put("kpis_met", Integer.toString(met));
        scope.put("kpis_missed", Integer.toString(missed));
        scope.put("trend_charts", charts);
        scope.put("has_trend_charts", !charts.isEmpty());
    }

    /**
     * Charts are for what a reader should look at: a KPI off target, or one that moved since the
     * previous cycle. A flat KPI on target is read from the table; at most {@link #MAX_CHARTS} charts
     * keep the digest to a page.
     */
    private static boolean mattersForAChart(KpiRow row) {
        return row.status().equals("missed") || row.status().equals("met") && isOffTargetBefore(row);
    }

    /** Whether the previous value missed the target this cycle's value meets (a recovery worth seeing). */
    private static boolean isOffTargetBefore(KpiRow row) {
        return row.previous().flatMap(p -> row.value().target().map(t -> !KpiDirection.parse(row.value().direction())
                .meets(p, t))).orElse(false);
    }

    /** A cited source as a link relative to the digest, keeping its hash or event suffix as text. */
    private static String sourceLink(DigestContent content, String source) {
        int at = Math.max(source.lastIndexOf('@'), source.lastIndexOf('#'));
        String path = at < 0 ? source : source.substring(0, at);
        String suffix = at < 0 ? "" : source.substring(at);
        String name = path.substring(path.lastIndexOf('/') + 1);
        return "[" + cell(name) + "](" + link(Path.of(content.digestPath()).getParent(), path) + ")" + cell(suffix);
    }

    private static String trend(KpiRow row) {
        String arrow = switch (row.trend()) {
            case "up" -> "↑";
            case "down" -> "↓";
            case "flat" -> "→";
            case "new" -> "new";
            default -> "n/a";
        };
        if (row.history().size() < 2) {
            return arrow;
        }
        return arrow + " " + row.history().stream().map(p -> Figures.shown(p.value())).collect(Collectors.joining(" → "));
    }

    private static String status(String status) {
        return switch (status) {
            case "met" -> "✅ met";
            case "missed" -> "❌ missed";
            case "no_target" -> "no target";
            default -> "not measured";
        };
    }

    private static void gates(DigestContent content, Map<String, Object> scope) {
        Path digestDir = Path.of(content.digestPath()).getParent();
        List<Object> gates = new ArrayList<>();
        for (DigestContent.GateRow gate : content.gates()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", gate.name());
            out.put("status", gate.status().name());
            out.put("at", Figures.time(gate.at()));
            out.put("evidence", gate.evidence().map(e -> "[" + e + "](" + link(digestDir, e) + ")").orElse("none recorded"));
            gates.add(out);
        }
        scope.put("gates", gates);
        scope.put("has_gates", !gates.isEmpty());
    }

    private static void manifest(DigestContent content, Map<String, Object> scope) {
        scope.put("has_manifest", content.manifest().isPresent());
        scope.put("manifest_expected", content.manifestExpected());
        content.manifest().ifPresent(manifest -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("path", manifest.path());
            out.put("link", link(Path.of(content.digestPath()).getParent(), manifest.path()));
            out.put("sha256", manifest.sha256());
            List<Object> fields = new ArrayList<>();
            manifest.fields().forEach(f -> fields.add(Map.of("name", f.name(), "value", cell(f.value()))));
            out.put("fields", fields);
            out.put("signatures", manifest.signatureRoles().isEmpty() ? "none" : String.join(", ", manifest.signatureRoles()));
            long changed = manifest.artifacts().stream().filter(a -> !a.check().equals("ok")).count();
            out.put("verification", manifest.artifacts().size() + " listed, "
                    + (changed == 0 ? "all match their recorded SHA-256" : changed + " no longer match (changed or missing)"));
            List<Object> artifacts = new ArrayList<>();
            manifest.artifacts().forEach(a -> artifacts.add(Map.of("path", cell(a.path()), "sha256", a.sha256(),
                    "check", a.check())));
            out.put("artifacts", artifacts);
            scope.put("manifest", out);
        });
    }

    private static List<Object> scopeChanges(DigestContent content) {
        List<Object> changes = new ArrayList<>();
        for (PlanningEvent event : content.events()) {
            String at = Figures.time(event.timestamp());
            if (event.type() == EventType.PLAN_UPDATED) {
                changes.add(Map.of("text", at + ": plan updated by " + cell(event.triggeredBy())));
            } else if (event.type() == EventType.TRANSITION_REFUSED) {
                String movedTo = event.details().get(CycleFold.MOVED_TO);
                changes.add(Map.of("text", at + ": " + event.fromState().map(Enum::name).orElse("?") + " to "
                        + event.toState().map(Enum::name).orElse("?") + " refused ("
                        + cell(event.details().getOrDefault("reason", "gates failed")) + ")"
                        + (movedTo != null ? ", cycle sent back to " + movedTo : "")));
            } else if (event.type() == EventType.STATE_TRANSITION && isBackward(event)) {
                changes.add(Map.of("text", at + ": moved back from " + event.fromState().get() + " to "
                        + event.toState().get() + " (" + cell(event.details().getOrDefault("transition", "")) + ")"));
            }
        }
        content.droppedTasks().forEach(task -> changes.add(Map.of("text", "task " + cell(task.id()) + " (" + cell(task.title())
                + ") dropped" + task.effort().map(e -> ", " + e.stripTrailingZeros().toPlainString() + " points").orElse(""))));
        return changes;
    }

    private static boolean isBackward(PlanningEvent event) {
        if (event.fromState().isEmpty() || event.toState().isEmpty()) {
            return false;
        }
        CycleState from = event.fromState().get();
        CycleState to = event.toState().get();
        return Lifecycle.find(from, to).map(t -> t.kind() == TransitionKind.BACKWARD).orElse(false);
    }

    private static void decisions(DigestContent content, Map<String, Object> scope) {
        List<Object> decisions = new ArrayList<>();
        for (CycleDecisions.Decision decision : content.decisions().decisions()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", cell(decision.id()));
            out.put("summary", cell(decision.summary()));
            String by = decision.decidedBy().orElse("") + decision.date().map(d -> (decision.decidedBy().isPresent()
                    ? ", " : "") + d).orElse("");
            out.put("by", cell(by));
            decisions.add(out);
        }
        scope.put("decisions", decisions);
        scope.put("has_decisions", !decisions.isEmpty());
        List<Object> waivers = new ArrayList<>();
        List<Object> expiring = new ArrayList<>();
        java.time.LocalDate today = java.time.LocalDate.ofInstant(content.summary().generatedAt(), java.time.ZoneOffset.UTC);
        for (Waiver waiver : content.decisions().waivers()) {
            boolean soon = WaiverHorizon.expiring(waiver, today, content.waiverHorizonDays());
            String expires = waiver.expires().toString() + (soon ? " (expiring)" : waiver.activeOn(today) ? "" : " (expired)");
            waivers.add(Map.of("rule", cell(waiver.rule()), "item", cell(waiver.item()), "reason", cell(waiver.reason()),
                    "approver", cell(waiver.approver()), "expires", expires));
            if (soon) {
                expiring.add(Map.of("rule", cell(waiver.rule()), "item", cell(waiver.item()),
                        "when", WaiverHorizon.describe(waiver, today)));
            }
        }
        scope.put("waivers", waivers);
        scope.put("has_waivers", !waivers.isEmpty());
        scope.put("expiring_waivers", expiring);
        scope.put("has_expiring_waivers", !expiring.isEmpty());
        scope.put("waiver_horizon_days", content.waiverHorizonDays());
        List<Object> actions = new ArrayList<>();
        for (ImprovementAction action : content.summary().improvementActions()) {
            actions.add(Map.of("id", cell(action.id()), "action", cell(action.action()), "owner", cell(action.owner()),
                    "due", action.due().map(Object::toString).orElse("not set")));
        }
        scope.put("actions", actions);
        scope.put("retrospective", content.retrospectivePath());
        scope.put("has_actions", !actions.isEmpty());
    }

    private static void inputs(DigestContent content, Map<String, Object> scope) {
        List<Object> inputs = new ArrayList<>();
        content.summary().inputs().forEach((name, value) -> {
            KpiInput doc = KpiInputCatalog.find(name).orElse(new KpiInput(name, "", "", ""));
            inputs.add(Map.of("name", name, "value", Figures.shown(value), "unit", doc.unit(), "source", doc.source()));
        });
        scope.put("inputs", inputs);
    }

    /** A workspace-relative path as a link relative to the digest's directory. */
    static String link(Path digestDir, String target) {
        return digestDir.relativize(Path.of(target)).toString().replace('\\', '/');
    }

    /** Plan-provided text that renders as itself in Markdown, in a table cell too ({@link MarkdownText}). */
    static String cell(String text) {
        return MarkdownText.escape(text);
    }
}
