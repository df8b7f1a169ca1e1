package dev.planning.engine.internal.digest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.planning.api.artifact.DigestSummary;
import dev.planning.api.artifact.ImprovementAction;
import dev.planning.api.artifact.KpiValue;
import dev.planning.api.artifact.Task;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.fixtures.Golden;
import dev.planning.engine.internal.artifact.YamlOutput;
import dev.planning.engine.internal.lifecycle.CycleFold;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact bytes of a digest's front matter, the scope its template sees, and the body the
 * shipped template renders, for a digest with every optional part and one with none.
 */
class DigestBytesTest {

    private static final Instant T0 = Instant.parse("2025-09-02T08:00:00.123456Z");
    /** Sorted keys, so the pinned scope does not depend on the iteration order of a map. */
    private static final ObjectMapper SORTED = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    void aDigestWithEveryPartKeepsItsBytes() {
        pin("rich", rich());
    }

    @Test
    void aDigestWithNoOptionalPartKeepsItsBytes() {
        pin("sparse", sparse());
    }

    /**
     * The digest's figures (4 decimals, rates with their counts, signed deltas, times) are the same bytes
     * whatever the default locale: a decimal comma, Arabic-Indic or Devanagari digits or a Turkish dotless i
     * would make the same cycle's digest differ between machines, and a figure unreadable back.
     */
    @Test
    void aDigestIsTheSameBytesUnderEveryDefaultLocale() {
        Locale before = Locale.getDefault();
        Locale format = Locale.getDefault(Locale.Category.FORMAT);
        try {
            Locale.setDefault(Locale.ROOT);
            Map<String, String> expected = rendered(rich());
            for (String tag : List.of("de-DE", "tr-TR", "ar-SA-u-nu-arab", "hi-IN-u-nu-deva", "fr-CH")) {
                Locale.setDefault(Locale.forLanguageTag(tag));
                org.assertj.core.api.Assertions.assertThat(rendered(rich())).as(tag).isEqualTo(expected);
            }
        } finally {
            Locale.setDefault(before);
            Locale.setDefault(Locale.Category.FORMAT, format);
        }
    }

    private static Map<String, String> rendered(DigestContent content) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("front", YamlOutput.renderBody(DigestFrontMatter.toDocument(content.summary(), content.facts(),
                content.rows())));
        DigestRenderer.Template template = DigestRenderer.load(Optional.empty());
        out.put("body", DigestRenderer.render(template.text(), template.name(), DigestModel.scope(content)));
        return out;
    }

    private static void pin(String name, DigestContent content) {
        Map<String, String> actual = new LinkedHashMap<>();
        actual.put("digest/" + name + "-front-matter.yaml",
                YamlOutput.renderBody(DigestFrontMatter.toDocument(content.summary(), content.facts(), content.rows())));
        Map<String, Object> scope = DigestModel.scope(content);
        actual.put("digest/" + name + "-scope.json", json(scope) + "\n" + types(scope, "") + "\n");
        DigestRenderer.Template template = DigestRenderer.load(Optional.empty());
        actual.put("digest/" + name + "-body.md", DigestRenderer.render(template.text(), template.name(), scope));
        Golden.assertMatches(actual);
    }

    private static String json(Object value) {
        try {
            return SORTED.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Java type of each value (a template renders an Integer and a String alike, a Boolean not). */
    private static String types(Object value, String path) {
        StringBuilder out = new StringBuilder();
        if (value instanceof Map<?, ?> map) {
            new TreeMap<>(map).forEach((k, v) -> out.append(types(v, path + "." + k)));
        } else if (value instanceof List<?> list) {
            out.append(path).append(": List\n");
            for (int i = 0; i < list.size(); i++) {
                out.append(types(list.get(i), path + "[" + i + "]"));
            }
        } else {
            out.append(path).append(": ").append(value == null ? "null" : value.getClass().getSimpleName()).append('\n');
        }
        return out.toString();
    }

    static DigestContent rich() {
        Map<String, KpiValue> kpis = new LinkedHashMap<>();
        KpiRow a11y = new KpiRow(new KpiValue("a11y_pass_rate", Optional.of(75.0), Optional.of(95.0), "percent",
                "higher_is_better"), "Share of rule checks | passed", Optional.of(60.0),
                List.of(new KpiRow.Point("2025-08-19", 60.0), new KpiRow.Point("2025-09-02", 75.0)),
                Optional.of("3 of 4 rule checks"), List.of("reports/axe ü.json@abcd1234", "cycles/fe/events.jsonl#evt_3"));
        KpiRow coverage = new KpiRow(new KpiValue("unit_coverage_pct", Optional.empty(), Optional.empty(), "percent",
                "higher_is_better"), "Covered lines", Optional.empty(), List.of(), Optional.empty(), List.of());
        KpiRow failures = new KpiRow(new KpiValue("change_failure_rate", Optional.of(1.0 / 3), Optional.of(15.0),
                "percent", "lower_is_better"), "Failed deployments", Optional.of(40.0),
                List.of(new KpiRow.Point("2025-08-05", 40.0), new KpiRow.Point("2025-08-19", 40.0),
                        new KpiRow.Point("2025-09-02", 1.0 / 3)),
                Optional.of("1 of 3 deployments"), List.of("deployments.yaml@0123abcd"));
        KpiRow lead = new KpiRow(new KpiValue("lead_time_days", Optional.of(0.123456789), Optional.empty(), "days",
                "lower_is_better"), "Lead time", Optional.of(0.1234), List.of(new KpiRow.Point("2025-08-19", 0.1234),
                new KpiRow.Point("2025-09-02", 0.123456789)), Optional.empty(), List.of("events"));
        List<KpiRow> rows = List.of(a11y, coverage, failures, lead);
        rows.forEach(r -> kpis.put(r.value().name(), r.value()));
        Map<String, GateStatus> gates = new LinkedHashMap<>();
        gates.put("schema_lint", GateStatus.PASS);
        gates.put("governance", GateStatus.WARN);
        List<ImprovementAction> actions = List.of(
                new ImprovementAction("IA-1", "Überprüfen ✓ the | pipe\nand a line", "bob", Optional.of(LocalDate.of(2025, 9, 20)),
                        List.of("criticality:2", "ä")),
                new ImprovementAction("IA-2", "No due date", "carol", Optional.empty(), List.of()));
        Map<String, Double> inputs = new LinkedHashMap<>();
        inputs.put("planned_tasks", 4.0);
        inputs.put("cycle_days", 1.23456789);
        inputs.put("custom_input", -2.5);
        inputs.put("a11y_passes", 1e-7);
        DigestSummary summary = new DigestSummary("1.0", "2025-09-02", "fe", T0.plusSeconds(3600),
                Optional.of("0123456789abcdef0123456789abcdef01234567"), "sha256:rulebook", Optional.of("sha256:manifest"),
                kpis, gates, actions, Optional.of("2025-08-19"), inputs);
        DigestFacts facts = new DigestFacts("Frontend — Zyklus ä: \"quoted\"", "VALIDATED", T0, T0.plusSeconds(7200),
                List.of("alice", "bob|c"), Optional.of("cycles/fe/2025-09-02/handoff/manifest.yaml"));
        ManifestExcerpt manifest = new ManifestExcerpt("cycles/fe/2025-09-02/handoff/manifest.yaml", "ff00",
                List.of(new ManifestExcerpt.Field("manifest_id", "m-1"), new ManifestExcerpt.Field("note", "a|b\nc")),
                List.of(new ManifestExcerpt.Artifact("plan/a.yaml", "aa", "ok"),
                        new ManifestExcerpt.Artifact("plan/b|c.yaml", "bb", "changed")),
                List.of("lead", "qa"), Optional.of(0), List.of());
        List<PlanningEvent> events = List.of(
                event("e1", 0, EventType.STATE_TRANSITION, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF,
                        Map.of("transition", "validate_complete")),
                event("e2", 1, EventType.PLAN_UPDATED, null, null, Map.of()),
                event("e3", 2, EventType.TRANSITION_REFUSED, CycleState.EXECUTED, CycleState.VALIDATED,
                        Map.of("reason", "tests fail", CycleFold.MOVED_TO, "PACKAGED")),
                event("e4", 3, EventType.TRANSITION_REFUSED, CycleState.PACKAGED, CycleState.EXECUTED, Map.of()),
                event("e5", 4, EventType.STATE_TRANSITION, CycleState.VALIDATED, CycleState.EXECUTED,
                        Map.of("transition", "validation_failed")));
        List<Task> dropped = List.of(Task.builder("FE-4", "Promo ü banner").effort(new java.math.BigDecimal("3.50")).build(),
                Task.builder("FE-5", "No estimate").build());
        LocalDate today = LocalDate.of(2025, 9, 2);
        CycleDecisions decisions = new CycleDecisions(
                List.of(new Waiver("missing-owner", "FE-3", "joins | soon", "cto", today.plusDays(3)),
                        new Waiver("critical-approvals", "FE-1", "later", "cto", LocalDate.of(2026, 6, 30)),
                        new Waiver("old", "FE-9", "gone", "cto", today.minusDays(1))),
                List.of(new CycleDecisions.Decision("D-1", "Ship behind a flag", Optional.of("alice"),
                                Optional.of(LocalDate.of(2025, 9, 1))),
                        new CycleDecisions.Decision("D-2", "Only dated", Optional.empty(), Optional.of(LocalDate.of(2025, 9, 1))),
                        new CycleDecisions.Decision("D-3", "Only by", Optional.of("bob"), Optional.empty()),
                        new CycleDecisions.Decision("D-4", "Neither", Optional.empty(), Optional.empty())),
                List.of());
        return new DigestContent("cycles/fe/2025-09-02/digest.md", summary, facts, rows,
                List.of(new DigestContent.GateRow("schema_lint", GateStatus.PASS, T0, Optional.of("cycles/fe/2025-09-02/evidence/lint.json")),
                        new DigestContent.GateRow("governance", GateStatus.FAIL, T0.plusSeconds(5), Optional.empty())),
                Optional.of(manifest), "cycles/fe/2025-09-02/handoff/manifest.yaml", events, dropped, decisions,
                "cycles/fe/2025-09-02/retrospective.md", 14);
    }

    static DigestContent sparse() {
        DigestSummary summary = new DigestSummary("1.0", "2025-09-02", "fe", T0, Optional.empty(), "", Optional.empty(),
                Map.of(), Map.of(), List.of(), Optional.empty(), Map.of());
        DigestFacts facts = new DigestFacts("", "PLANNED", T0, T0, List.of(), Optional.empty());
        return new DigestContent("digest.md", summary, facts, List.of(), List.of(), Optional.empty(), "manifest.yaml",
                List.of(event("e1", 0, EventType.CYCLE_CREATED, null, CycleState.PLANNED, Map.of())), List.of(),
                new CycleDecisions(List.of(), List.of(), List.of()), "retrospective.md", 0);
    }

    private static PlanningEvent event(String id, int hour, EventType type, CycleState from, CycleState to,
            Map<String, String> details) {
        return new PlanningEvent(id, T0.plusSeconds(3600L * hour), type, Optional.ofNullable(from), Optional.ofNullable(to),
                "fe/2025-09-02", "ci", Map.of(), details);
    }
}
