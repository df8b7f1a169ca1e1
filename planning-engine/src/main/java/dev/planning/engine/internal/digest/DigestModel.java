package dev.planning.engine.internal.digest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.api.InvalidInputException;
import dev.planning.api.Printable;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.governance.Waiver;
import dev.planning.api.governance.WaiverHorizon;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.lifecycle.TransitionKind;
import dev.planning.api.rulebook.KpiDirection;
import dev.planning.engine.internal.json.JsonMappers;
import dev.planning.engine.internal.lifecycle.CycleFold;
import dev.planning.engine.internal.metrics.KpiInput;
import dev.planning.engine.internal.metrics.KpiInputCatalog;
import dev.planning.engine.internal.workspace.Shown;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The scope a digest template renders, described by records ({@link Scope}) and handed to the
 * template as nested maps, lists, strings, numbers and booleans only. The names are documented in
 * {@code docs/digest.md} for authors of custom templates. Text that comes from the plan (titles,
 * owners, decisions, waivers, actions, actors) goes through {@link #cell}, so that it renders as
 * text: it cannot open a link, an image, raw HTML or a code span, nor break a table.
 */
final class DigestModel {

    /** The most trend charts a digest shows. */
    static final int MAX_CHARTS = 4;

    private DigestModel() {
    }

    private static final ObjectMapper MAPPER = JsonMappers.json();
    /** Hexadecimal digits alone: a hash the manifest records, which a code span shows as it is. */
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]*");
    /** An input's name as the tool writes it (a KPI formula's name): shown as it is; any other name as plan text. */
    private static final Pattern INPUT_NAME = Pattern.compile("[a-z][a-z0-9_]*");
    /** Shown in the artifacts' SHA-256 column (a code span) for a recorded value that is not hexadecimal. */
    static final String NOT_HEX = "not hexadecimal";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /**
     * The scope as nested maps, lists, strings, numbers and booleans: the renderer resolves names
     * in maps only, so a template never calls a method of a Java object.
     */
    static Map<String, Object> scope(DigestContent content) {
        return MAPPER.convertValue(model(content), MAP);
    }

    /** The scope as records; each name is documented in {@code docs/digest.md}. */
    static Scope model(DigestContent content) {
        Kpis kpis = kpis(content);
        List<Change> changes = scopeChanges(content);
        List<Decision> decisions = content.decisions().decisions().stream().map(DigestModel::decision).toList();
        LocalDate today = LocalDate.ofInstant(content.summary().generatedAt(), ZoneOffset.UTC);
        List<WaiverRow> waivers = new ArrayList<>();
        List<Expiring> expiring = new ArrayList<>();
        for (Waiver waiver : content.decisions().waivers()) {
            boolean soon = WaiverHorizon.expiring(waiver, today, content.waiverHorizonDays());
            String expires = waiver.expires().toString() + (soon ? " (expiring)" : waiver.activeOn(today) ? "" : " (expired)");
            waivers.add(new WaiverRow(cell(waiver.rule()), cell(waiver.item()), cell(waiver.reason()),
                    cell(waiver.approver()), expires));
            if (soon) {
                expiring.add(new Expiring(cell(waiver.rule()), cell(waiver.item()), WaiverHorizon.describe(waiver, today)));
            }
        }
        List<Action> actions = content.summary().improvementActions().stream().map(action -> new Action(cell(action.id()),
                cell(action.action()), cell(action.owner()), action.due().map(Object::toString).orElse("not set")))
                .toList();
        List<Input> inputs = new ArrayList<>();
        content.summary().inputs().forEach((name, value) -> {
            KpiInput doc = KpiInputCatalog.find(name).orElse(new KpiInput(name, "", "", ""));
            // attack27: a prev_ input's name is an earlier digest's key, which anyone who commits writes.
            inputs.add(new Input(INPUT_NAME.matcher(name).matches() ? name : cell(name), Figures.shown(value), doc.unit(),
                    doc.source()));
        });
        List<GateRow> gates = gates(content);
        return new Scope(cell(content.facts().title()), content.summary().cycleId(), content.summary().stream(),
                state(content.facts()), Figures.time(content.facts().start()), Figures.time(content.facts().end()),
                Figures.time(content.summary().generatedAt()), snapshotRev(content),
                content.summary().rulebookHash(),
                content.facts().owners().isEmpty() ? "none named" : cell(String.join(", ", content.facts().owners())),
                content.summary().previousCycleId().orElse("no previous digest"),
                kpis.rows(), Integer.toString(kpis.rows().size()), Integer.toString(kpis.measured()),
                Integer.toString(kpis.met()), Integer.toString(kpis.missed()), kpis.charts(), !kpis.charts().isEmpty(),
                gates, !gates.isEmpty(), MermaidCharts.lifecycle(content.events()),
                content.manifest().isPresent(), content.manifest().isEmpty() && sealedByLog(content),
                content.manifestExpected(), content.manifest().map(m -> manifest(content, m)),
                changes, !changes.isEmpty(), decisions, !decisions.isEmpty(), waivers, !waivers.isEmpty(), expiring,
                !expiring.isEmpty(), content.waiverHorizonDays(), actions, content.retrospectivePath(), !actions.isEmpty(),
                inputs);
    }

    /** Everything a digest template can name. */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    record Scope(
            String title,
            @JsonProperty("cycle_id") String cycleId,
            String stream,
            String state,
            @JsonProperty("period_start") String periodStart,
            @JsonProperty("period_end") String periodEnd,
            @JsonProperty("generated_at") String generatedAt,
            @JsonProperty("snapshot_rev") String snapshotRev,
            @JsonProperty("rulebook_hash") String rulebookHash,
            String owners,
            String previous,
            List<KpiLine> kpis,
            @JsonProperty("kpis_total") String kpisTotal,
            @JsonProperty("kpis_measured") String kpisMeasured,
            @JsonProperty("kpis_met") String kpisMet,
            @JsonProperty("kpis_missed") String kpisMissed,
            @JsonProperty("trend_charts") List<Chart> trendCharts,
            @JsonProperty("has_trend_charts") boolean hasTrendCharts,
            List<GateRow> gates,
            @JsonProperty("has_gates") boolean hasGates,
            @JsonProperty("lifecycle_chart") String lifecycleChart,
            @JsonProperty("has_manifest") boolean hasManifest,
            @JsonProperty("manifest_missing") boolean manifestMissing,
            @JsonProperty("manifest_expected") String manifestExpected,
            Optional<Manifest> manifest,
            @JsonProperty("scope_changes") List<Change> scopeChanges,
            @JsonProperty("has_scope_changes") boolean hasScopeChanges,
            List<Decision> decisions,
            @JsonProperty("has_decisions") boolean hasDecisions,
            List<WaiverRow> waivers,
            @JsonProperty("has_waivers") boolean hasWaivers,
            @JsonProperty("expiring_waivers") List<Expiring> expiringWaivers,
            @JsonProperty("has_expiring_waivers") boolean hasExpiringWaivers,
            @JsonProperty("waiver_horizon_days") int waiverHorizonDays,
            List<Action> actions,
            String retrospective,
            @JsonProperty("has_actions") boolean hasActions,
            List<Input> inputs) {
    }

    /** One row of the KPI table, every figure as shown. */
    record KpiLine(String name, String description, String unit, String target, String actual,
            @JsonProperty("actual_with_basis") String actualWithBasis, String basis, String sources, String previous,
            String delta, String trend, String status) {
    }

    /** A trend chart (Mermaid) of one KPI. */
    record Chart(String name, String chart) {
    }

    /** A gate's latest result. */
    record GateRow(String name, String status, String at, String evidence) {
    }

    /** The handoff manifest's excerpt. */
    record Manifest(String path, String link, String sha256, List<Field> fields, String signatures,
            String verification, String verified, List<ArtifactRow> artifacts) {
    }

    /** A manifest identity field. */
    record Field(String name, String value) {
    }

    /** An artifact the manifest lists, with the result of checking its hash. */
    record ArtifactRow(String path, String sha256, String check) {
    }

    /** A change of the cycle's scope, as one sentence. */
    record Change(String text) {
    }

    /** A recorded decision. */
    record Decision(String id, String summary, String by) {
    }

    /** A waiver in force during the cycle. */
    record WaiverRow(String rule, String item, String reason, String approver, String expires) {
    }

    /** A waiver that expires within the rulebook's horizon. */
    record Expiring(String rule, String item, String when) {
    }

    /** An improvement action. */
    record Action(String id, String action, String owner, String due) {
    }

    /** A measured input, with its unit and source. */
    record Input(String name, String value, String unit, String source) {
    }

    private record Kpis(List<KpiLine> rows, List<Chart> charts, int measured, int met, int missed) {
    }

    private static Kpis kpis(DigestContent content) {
        List<KpiLine> rows = new ArrayList<>();
        List<Chart> charts = new ArrayList<>();
        int measured = 0;
        int met = 0;
        int missed = 0;
        for (KpiRow row : content.rows()) {
            rows.add(new KpiLine(row.value().name(), cell(row.description()), cell(row.value().unit()),
                    row.value().target().map(t -> (row.value().direction().equals("lower_is_better")
                            ? "≤ " : "≥ ") + Figures.shown(t)).orElse("none"),
                    row.value().actual().map(Figures::shown).orElse("not measured"),
                    row.value().actual().map(Figures::shown).orElse("not measured")
                            + row.basis().map(b -> " (" + b + ")").orElse(""),
                    row.basis().orElse(""),
                    row.sources().isEmpty() ? "none" : row.sources().stream()
                            .map(source -> sourceLink(content, source)).collect(Collectors.joining(", ")),
                    row.previous().map(Figures::shown).orElse("n/a"), row.delta().map(Figures::signed).orElse("n/a"),
                    trend(row), status(row.status())));
            measured += row.value().measured() ? 1 : 0;
            met += row.status().equals("met") ? 1 : 0;
            missed += row.status().equals("missed") ? 1 : 0;
            if (row.history().size() >= 2 && mattersForAChart(row) && charts.size() < MAX_CHARTS) {
                charts.add(new Chart(row.value().name(), MermaidCharts.trend(row)));
            }
        }
        return new Kpis(rows, charts, measured, met, missed);
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
        return "[" + cell(name) + "](" + link(content.digestPath(), path) + ")" + cell(suffix);
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

    private static List<GateRow> gates(DigestContent content) {
        return content.gates().stream().map(gate -> new GateRow(cell(gate.name()), gate.status().name(), Figures.time(gate.at()),
                gate.evidence().map(e -> "[" + cell(e) + "](" + link(content.digestPath(), e) + ")").orElse("none recorded"))).toList();
    }

    /** The header's revision when the manifest does not verify: the one it names is not the digest's (digest40). */
    static final String UNVERIFIED_REV = "not shown: the handoff manifest does not verify (below)";

    /** The header's revision when the manifest verifies but names none. */
    static final String NO_REV = "none recorded in the handoff manifest";

    /**
     * The header's revision: the one the digest's front matter holds (only from a manifest that verifies); else why
     * there is none. digest41: a manifest that verifies and names no revision (its reader requires one, so the
     * publisher makes no such digest, but a template renders any content) read as one that does not verify.
     */
    private static String snapshotRev(DigestContent content) {
        Optional<String> rev = content.summary().snapshotRev();
        if (rev.isPresent()) {
            return hexOrCell(rev.get());
        }
        if (content.manifest().isEmpty()) {
            return "not sealed";
        }
        return content.manifest().get().verifies() ? NO_REV : UNVERIFIED_REV;
    }

    /** After each identity field of a manifest that does not verify (digest40). */
    static final String UNVERIFIED_FIELD = " (UNVERIFIED: as written in a manifest that does not verify)";

    private static Manifest manifest(DigestContent content, ManifestExcerpt manifest) {
        long changed = manifest.artifacts().stream().filter(a -> !a.check().equals("ok")).count();
        return new Manifest(manifest.path(), link(content.digestPath(), manifest.path()),
                // digest40: the fields of a manifest that does not verify are anyone's, shown as such, never as facts.
                manifest.sha256(), manifest.fields().stream().map(f -> new Field(f.name(), hexOrCell(f.value())
                        + (manifest.verifies() ? "" : UNVERIFIED_FIELD))).toList(),
                // Each role as plan text: the manifest is read as plain YAML, so a role may hold any text. digest41:
                // those of a manifest that does not verify are marked as its fields are, never shown as facts.
                manifest.signatureRoles().isEmpty() ? "none"
                        : manifest.signatureRoles().stream().map(DigestModel::cell).collect(Collectors.joining(", "))
                                + (manifest.verifies() ? "" : UNVERIFIED_FIELD),
                manifest.artifacts().size() + " listed, " + (changed == 0 ? "all match their recorded SHA-256"
                        : changed + " no longer match (changed or missing)"),
                // digest39: what does not verify is said, each discrepancy as plan text; its figures are not counted.
                manifest.verifies() ? "verifies (signatures by the trusted keys of the required roles, every checksum,"
                        + " as `planning verify --checksums-only`)"
                        : "DOES NOT VERIFY, so its `critical_violations` is not measured and its signatures count for"
                                + " nothing: " + manifest.discrepancies().stream().map(DigestModel::cell)
                                        .collect(Collectors.joining("; ")),
                manifest.artifacts().stream().map(a -> new ArtifactRow(cell(a.path()),
                        HEX.matcher(a.sha256()).matches() ? a.sha256() : NOT_HEX, a.check())).toList());
    }

    private static List<Change> scopeChanges(DigestContent content) {
        List<Change> changes = new ArrayList<>();
        for (PlanningEvent event : content.events()) {
            String at = Figures.time(event.timestamp());
            if (event.type() == EventType.PLAN_UPDATED) {
                changes.add(new Change(at + ": plan updated by " + cell(event.triggeredBy())));
            } else if (event.type() == EventType.TRANSITION_REFUSED) {
                String recorded = event.details().get(CycleFold.MOVED_TO);
                Optional<CycleState> movedTo = MermaidCharts.movedTo(event);
                changes.add(new Change(at + ": " + event.fromState().map(Enum::name).orElse("?") + " to "
                        + event.toState().map(Enum::name).orElse("?") + " refused ("
                        + cell(event.details().getOrDefault("reason", "gates failed")) + ")"
                        + (movedTo.isPresent() ? ", cycle sent back to " + movedTo.get()
                                : recorded != null ? ", cycle sent to no known state" : "")));
            } else if (event.type() == EventType.STATE_TRANSITION && isBackward(event)) {
                changes.add(new Change(at + ": moved back from " + event.fromState().get() + " to "
                        + event.toState().get() + " (" + cell(event.details().getOrDefault("transition", "")) + ")"));
            }
        }
        content.droppedTasks().forEach(task -> changes.add(new Change("task " + cell(task.id()) + " (" + cell(task.title())
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

    private static Decision decision(CycleDecisions.Decision decision) {
        String by = decision.decidedBy().orElse("") + decision.date().map(d -> (decision.decidedBy().isPresent()
                ? ", " : "") + d).orElse("");
        return new Decision(cell(decision.id()), cell(decision.summary()), cell(by));
    }

    /**
     * A workspace-relative path as a link destination relative to the digest's directory: worked out
     * on the {@code /}-separated text, not through {@link java.nio.file.Path}, so that a file name the
     * platform charset cannot encode (any non-ASCII name under {@code LC_ALL=C}) still links; then
     * percent-encoded as a URI reference (spaces, parentheses and non-ASCII included), so that the
     * destination stays one Markdown link whatever the name holds. Both paths are normalized first
     * ({@code .} segments dropped, {@code ..} taken back with the segment before it), so that the
     * common directories are counted on the paths meant, not on their spelling.
     *
     * @throws InvalidInputException when a path climbs above the workspace ({@code ..} past its root)
     */
    static String link(String digestPath, String target) {
        List<String> from = segments(digestPath);
        from = from.isEmpty() ? from : from.subList(0, from.size() - 1);
        List<String> to = segments(target);
        int common = 0;
        while (common < from.size() && common < to.size() && from.get(common).equals(to.get(common))) {
            common++;
        }
        List<String> relative = new ArrayList<>(Collections.nCopies(from.size() - common, ".."));
        relative.addAll(to.subList(common, to.size()));
        if (!relative.isEmpty() && relative.get(0).contains(":")) {
            relative.add(0, "."); // a colon in the first segment would read as a URI scheme
        }
        try {
            return new URI(null, null, String.join("/", relative), null).toASCIIString()
                    .replace("(", "%28").replace(")", "%29");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot link to " + target, e);
        }
    }

    /** The path's segments, normalized: empty and {@code .} segments dropped, {@code ..} resolved. */
    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.replace('\\', '/').split("/")) {
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw new InvalidInputException("path '" + Shown.path(path) + "' is refused as a digest link: its '..' climbs"
                            + " above the workspace; expected a path relative to the workspace");
                }
                segments.remove(segments.size() - 1);
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return segments;
    }

    /**
     * A commit or a hash of the manifest (hexadecimal digits alone) as a code span: the exact text, copyable,
     * which GitHub links and breaks nowhere (Printable.markdown would break a commit's 40 digits with a
     * zero-width space); anything else, which a committed manifest may hold, as plan text ({@link #cell}).
     */
    static String hexOrCell(String text) {
        return !text.isEmpty() && HEX.matcher(text).matches() ? "`" + text + "`" : cell(text);
    }

    /**
     * Whether the log took the cycle into {@code PACKAGED} or beyond, or records its seal, so that a manifest must
     * exist: without one, the digest says it is missing, never that the cycle was not sealed (attack32).
     */
    static boolean sealedByLog(DigestContent content) {
        return SealedByLog.of(Arrays.stream(CycleState.values()).filter(s -> s.name().equals(content.facts().state()))
                .findFirst(), content.events());
    }

    /**
     * The State row: the cycle's state, and after it what {@code planning status} says of a history past
     * {@code PACKAGED} that the signed manifest does not back ({@code UNSIGNED HISTORY}), which quotes the
     * event log and the manifest, text anyone who commits writes: escaped as plan text. Each entry is a message whose
     * values were quoted where it was built ({@link Printable#line}, a discrepancy's {@code describe()}), so it is
     * escaped once ({@link Printable#markdownOfShown}): digest41, {@link #cell} escaped the backslash of each
     * {@code \u005cu} escape again, so a line feed quoted in it read {@code \u005cu005Cu000A}.
     */
    static String state(DigestFacts facts) {
        if (facts.unsignedHistory().isEmpty()) {
            return facts.state();
        }
        return facts.state() + " \u2014 " + Printable.markdownOfShown("UNSIGNED HISTORY: "
                + String.join("; ", facts.unsignedHistory()));
    }

    /** Plan-provided text that renders as itself in Markdown, in a table cell too ({@link Printable#markdown}). */
    static String cell(String text) {
        return Printable.markdown(text);
    }
}
