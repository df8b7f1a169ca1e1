package dev.planning.engine.internal.digest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.InvalidInputException;
import dev.planning.api.artifact.DigestSummary;
import dev.planning.api.artifact.ImprovementAction;
import dev.planning.api.artifact.KpiValue;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateStatus;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.MarkdownDocuments;
import dev.planning.engine.internal.schema.ArtifactSchema;
import dev.planning.engine.internal.schema.SchemaCatalog;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the front matter of a digest ({@code digest} schema) back into a {@link DigestSummary}: how
 * a cycle gets the previous cycles' figures for its deltas and trends, and how completing a cycle
 * gets its improvement actions.
 */
public final class DigestFrontMatter {

    private DigestFrontMatter() {
    }

    /**
     * Reads a digest file.
     *
     * @param displayPath how errors name it (workspace-relative)
     * @throws InvalidInputException when the file has no valid digest front matter
     */
    public static DigestSummary read(Path file, String displayPath) {
        return read(MarkdownDocuments.read(file, displayPath).frontMatter());
    }

    /**
     * Reads parsed digest front matter.
     *
     * @throws InvalidInputException when it breaks the {@code digest} schema
     */
    public static DigestSummary read(LocatedDocument document) {
        List<Finding> findings = SchemaCatalog.standard().validate(document, ArtifactSchema.DIGEST);
        if (!findings.isEmpty()) {
            Finding first = findings.get(0);
            throw new InvalidInputException("invalid digest front matter: " + first.message(),
                    first.location().orElse(document.fileLocation()));
        }
        JsonNode root = document.root();
        Map<String, KpiValue> kpis = new LinkedHashMap<>();
        root.path("kpis").properties().forEach(e -> {
            JsonNode kpi = e.getValue();
            kpis.put(e.getKey(), new KpiValue(e.getKey(), number(kpi.path("actual")), number(kpi.path("target")),
                    kpi.path("unit").asText(""), kpi.path("direction").asText("higher_is_better")));
        });
        Map<String, GateStatus> gates = new TreeMap<>();
        root.path("gates").properties().forEach(e -> gates.put(e.getKey(), GateStatus.valueOf(e.getValue().asText())));
        List<ImprovementAction> actions = new ArrayList<>();
        for (JsonNode action : root.path("improvement_actions")) {
            List<String> tags = new ArrayList<>();
            action.path("tags").forEach(t -> tags.add(t.asText()));
            actions.add(new ImprovementAction(action.get("id").asText(), action.get("action").asText(),
                    action.get("owner").asText(), text(action, "due").map(LocalDate::parse), tags));
        }
        Map<String, Double> inputs = new TreeMap<>();
        root.path("inputs").properties().forEach(e -> inputs.put(e.getKey(), e.getValue().asDouble()));
        return new DigestSummary(root.get("version").asText(), root.get("cycle_id").asText(),
                root.get("stream").asText(), Instant.parse(root.get("generated_at").asText()),
                text(root, "snapshot_rev"), root.path("rulebook_hash").asText(""), text(root, "manifest_checksum"),
                kpis, gates, actions, text(root, "previous_cycle_id"), inputs);
    }

    /** The front matter of a digest as an ordered map, ready for YAML. */
    static Map<String, Object> toMap(DigestSummary summary, DigestFacts facts, List<KpiRow> rows) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", summary.version());
        root.put("cycle_id", summary.cycleId());
        root.put("stream", summary.stream());
        root.put("title", facts.title());
        root.put("generated_at", Figures.time(summary.generatedAt()));
        summary.previousCycleId().ifPresent(id -> root.put("previous_cycle_id", id));
        root.put("state", facts.state());
        Map<String, Object> period = new LinkedHashMap<>();
        period.put("start", Figures.time(facts.start()));
        period.put("end", Figures.time(facts.end()));
        root.put("period", period);
        root.put("owners", facts.owners());
        summary.snapshotRev().ifPresent(rev -> root.put("snapshot_rev", rev));
        root.put("rulebook_hash", summary.rulebookHash());
        facts.manifestPath().ifPresent(path -> root.put("manifest_path", path));
        summary.manifestChecksum().ifPresent(sum -> root.put("manifest_checksum", sum));
        Map<String, Object> inputs = new LinkedHashMap<>();
        summary.inputs().forEach((name, value) -> inputs.put(name, Figures.stored(value)));
        root.put("inputs", inputs);
        Map<String, Object> kpis = new LinkedHashMap<>();
        for (KpiRow row : rows) {
            Map<String, Object> kpi = new LinkedHashMap<>();
            kpi.put("actual", row.value().actual().map(Figures::stored).orElse(null));
            kpi.put("target", row.value().target().orElse(null));
            kpi.put("previous", row.previous().map(Figures::stored).orElse(null));
            kpi.put("delta", row.delta().map(Figures::stored).orElse(null));
            kpi.put("unit", row.value().unit());
            kpi.put("direction", row.value().direction());
            kpi.put("status", row.status());
            kpi.put("trend", row.trend());
            kpis.put(row.value().name(), kpi);
        }
        root.put("kpis", kpis);
        Map<String, Object> gates = new LinkedHashMap<>();
        summary.gates().forEach((gate, status) -> gates.put(gate, status.name()));
        root.put("gates", gates);
        List<Object> actions = new ArrayList<>();
        for (ImprovementAction action : summary.improvementActions()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", action.id());
            out.put("action", action.action());
            out.put("owner", action.owner());
            action.due().ifPresent(due -> out.put("due", due.toString()));
            if (!action.tags().isEmpty()) {
                out.put("tags", action.tags());
            }
            actions.add(out);
        }
        root.put("improvement_actions", actions);
        return root;
    }

    private static Optional<Double> number(JsonNode node) {
        return node.isNumber() ? Optional.of(node.asDouble()) : Optional.empty();
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }
}
