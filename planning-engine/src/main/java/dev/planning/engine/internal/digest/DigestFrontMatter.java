package dev.planning.engine.internal.digest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.DocumentException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.DigestSummary;
import dev.planning.api.artifact.ImprovementAction;
import dev.planning.api.artifact.KpiValue;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.artifact.ErrorList;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.MarkdownDocuments;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.schema.ArtifactSchema;
import dev.planning.engine.internal.schema.ExactNumbers;
import dev.planning.engine.internal.schema.SchemaCatalog;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
     * Reads the digest file of one cycle, refusing one whose front matter is of another cycle or stream
     * ({@code cycle_id}, {@code stream}) than the file stands for: renamed, copied from another stream, or
     * edited by hand, its content is another cycle's.
     *
     * @param displayPath how errors name it (workspace-relative)
     * @param cycle       the cycle whose digest the file is, by its name
     * @param kind        how the message names the file, e.g. {@code earlier digest}
     * @param use         what the content would go into, e.g. {@code figures in this cycle's deltas and trends}
     * @throws InvalidInputException when the file has no valid digest front matter, or is another cycle's or
     *                               stream's, naming the file and both values
     */
    public static DigestSummary readOf(Path file, String displayPath, CycleRef cycle, String kind, String use) {
        return readOf(bytes(file, displayPath), displayPath, cycle, kind, use);
    }

    /**
     * As {@link #readOf(Path, String, CycleRef, String, String)}, of the bytes read from the file ({@link #bytes}):
     * for a caller that checks those very bytes against what the cycle's log records published
     * ({@link DigestPublication#require(byte[], String, CycleRef, List, String, String, String)}), never the file read
     * again (digest41).
     *
     * @param digest      the bytes read from the digest file
     * @param displayPath how errors name it (workspace-relative)
     * @param cycle       the cycle whose digest the file is, by its name
     * @param kind        how the message names the file, e.g. {@code earlier digest}
     * @param use         what the content would go into, e.g. {@code figures in this cycle's deltas and trends}
     * @return the digest's front matter
     * @throws InvalidInputException when the bytes hold no valid digest front matter, or another cycle's or stream's
     * @since 0.1
     */
    public static DigestSummary readOf(byte[] digest, String displayPath, CycleRef cycle, String kind, String use) {
        return readOf(digest, displayPath, cycle, Optional.empty(), kind, use);
    }

    /**
     * As {@link #readOf(byte[], String, CycleRef, String, String)}, with the cycle's event log when the caller read it:
     * the refusal of another cycle's digest then says what can be done for that cycle as it stands (time43: it advised
     * publishing the digest again, which a {@code COMPLETED} cycle cannot, and a cycle that never ran has nothing to
     * publish).
     *
     * @param digest      the bytes read from the digest file
     * @param displayPath how errors name it (workspace-relative)
     * @param cycle       the cycle whose digest the file is, by its name
     * @param log         that cycle's event log as read (empty list: it has none), or empty when not read
     * @param kind        how the message names the file, e.g. {@code earlier digest}
     * @param use         what the content would go into, e.g. {@code figures in this cycle's deltas and trends}
     * @return the digest's front matter
     * @throws InvalidInputException when the bytes hold no valid digest front matter, or another cycle's or stream's
     * @since 0.1
     */
    public static DigestSummary readOf(byte[] digest, String displayPath, CycleRef cycle,
            Optional<List<RecordedEvent>> log, String kind, String use) {
        DigestSummary summary = read(MarkdownDocuments.parse(digest, displayPath).frontMatter());
        if (!summary.cycleId().equals(cycle.cycleId()) || !summary.stream().equals(cycle.stream())) {
            throw new InvalidInputException(otherCycle(displayPath, summary.cycleId(), summary.stream(), cycle, kind,
                    use, log), SourceLocation.ofFile(displayPath));
        }
        return summary;
    }

    /**
     * The bytes of a digest file, read once, up to the bound every planning file is read to.
     *
     * @param file        the digest file
     * @param displayPath how errors name it (workspace-relative)
     * @return the file's bytes
     * @throws InvalidInputException when the file cannot be read or is too large
     * @since 0.1
     */
    public static byte[] bytes(Path file, String displayPath) {
        return YamlDocuments.readBytes(file, displayPath);
    }

    /**
     * Every mistake for which {@link #readOf(Path, String, CycleRef, String, String)} would refuse a digest file,
     * each a finding at its line and column:
     * the front matter that is missing or not YAML, every schema error, every figure a {@code double} does not
     * hold as written, and a {@code cycle_id} or {@code stream} other than the file's name stands for. How
     * {@code planning lint} checks a committed digest before a later cycle reads it.
     *
     * @param file        the digest file
     * @param displayPath how findings name it (workspace-relative)
     * @param cycle       the cycle whose digest the file is, by its name
     * @return every error, empty when the file reads as that cycle's digest
     */
    public static List<Finding> check(Path file, String displayPath, CycleRef cycle) {
        LocatedDocument document;
        try {
            document = MarkdownDocuments.read(file, displayPath).frontMatter();
        } catch (DocumentException e) {
            return YamlDocuments.findings(e);
        }
        List<Finding> errors = errors(document);
        if (!errors.isEmpty()) {
            return errors;
        }
        JsonNode root = document.root();
        String cycleId = root.get("cycle_id").asText();
        String stream = root.get("stream").asText();
        if (cycleId.equals(cycle.cycleId()) && stream.equals(cycle.stream())) {
            return List.of();
        }
        String wrong = cycleId.equals(cycle.cycleId()) ? "/stream" : "/cycle_id";
        return List.of(Finding.error(SchemaCatalog.INVALID, otherCycle(displayPath, cycleId, stream, cycle, "digest",
                "figures in a later cycle's deltas and trends", Optional.empty()), document.locate(wrong)));
    }

    private static String otherCycle(String displayPath, String cycleId, String stream, CycleRef cycle, String kind,
            String use, Optional<List<RecordedEvent>> log) {
        return "the " + kind + " " + displayPath + " is of cycle_id " + cycleId + " in stream " + stream
                + ", but its file stands for cycle_id " + cycle.cycleId() + " in stream " + cycle.stream()
                + "; a digest renamed, copied or edited by hand would put another cycle's " + use + ": "
                + remedy(displayPath, log);
    }

    /**
     * What can be done about another cycle's digest at {@code path}, for the cycle the file stands for as its log
     * ({@code log}, when read) says (time43): only a cycle not yet {@code COMPLETED} publishes its digest, again or
     * for the first time ({@code DigestPublisher}); a {@code COMPLETED} cycle records nothing more, so its published
     * digest is restored and an unpublished one deleted; a cycle that never ran has no digest.
     */
    private static String remedy(String path, Optional<List<RecordedEvent>> log) {
        if (log.isEmpty()) {
            return "restore it from version control, or publish that cycle's digest again (`planning digest`) unless"
                    + " the cycle is COMPLETED, whose digest is final";
        }
        List<RecordedEvent> events = log.get();
        if (events.isEmpty()) {
            return "that cycle has no event log, so it never ran and has no digest: delete " + path;
        }
        boolean published = DigestPublication.recorded(events, path).isPresent();
        if (DigestPublication.completed(events)) {
            return published ? "restore it from version control (the cycle is COMPLETED and records nothing more, so"
                    + " its digest cannot be published again)" : "the cycle is COMPLETED and published no digest, and"
                    + " records nothing more: delete " + path + " (`git rm " + path + "`)";
        }
        return published ? "restore it from version control, or publish that cycle's digest again (`planning digest`)"
                : "that cycle has published no digest yet: delete it, or publish that cycle's digest"
                        + " (`planning digest`)";
    }

    /**
     * Reads parsed digest front matter.
     *
     * @throws InvalidInputException when it breaks the {@code digest} schema
     */
    public static DigestSummary read(LocatedDocument document) {
        List<Finding> findings = errors(document);
        if (!findings.isEmpty()) {
            throw ErrorList.exception("invalid digest front matter", findings, document.fileLocation());
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

    /** Every error of parsed digest front matter: the schema's, and each figure's a double does not hold. */
    private static List<Finding> errors(LocatedDocument document) {
        List<Finding> numbers = numberErrors(YamlDocuments.withExactDecimals(document));
        Set<String> numbered = new HashSet<>();
        numbers.forEach(f -> numbered.add(f.location().map(Object::toString).orElse("")));
        // A number the reader left as text is a type error to the schema: the number's own error says why.
        List<Finding> findings = new ArrayList<>(SchemaCatalog.standard().validate(document, ArtifactSchema.DIGEST)
                .stream().filter(f -> !numbered.contains(f.location().map(Object::toString).orElse(""))).toList());
        findings.addAll(numbers);
        return findings;
    }

    /** The front matter of a digest, ready for YAML (the {@code digest} schema's field order). */
    static Document toDocument(DigestSummary summary, DigestFacts facts, List<KpiRow> rows) {
        Map<String, Double> inputs = new LinkedHashMap<>();
        summary.inputs().forEach((name, value) -> inputs.put(name, Figures.stored(value)));
        Map<String, Kpi> kpis = new LinkedHashMap<>();
        for (KpiRow row : rows) {
            kpis.put(row.value().name(), new Kpi(row.value().actual().map(Figures::stored).orElse(null),
                    row.value().target().orElse(null), row.previous().map(Figures::stored).orElse(null),
                    row.delta().map(Figures::stored).orElse(null), row.value().unit(), row.value().direction(),
                    row.status(), row.trend()));
        }
        Map<String, String> gates = new LinkedHashMap<>();
        summary.gates().forEach((gate, status) -> gates.put(gate, status.name()));
        List<Action> actions = summary.improvementActions().stream().map(action -> new Action(action.id(),
                action.action(), action.owner(), action.due().map(Object::toString), action.tags())).toList();
        return new Document(summary.version(), summary.cycleId(), summary.stream(), facts.title(),
                Figures.time(summary.generatedAt()), summary.previousCycleId(), facts.state(),
                new Period(Figures.time(facts.start()), Figures.time(facts.end())), facts.owners(),
                summary.snapshotRev(), summary.rulebookHash(), facts.manifestPath(), summary.manifestChecksum(), inputs,
                kpis, gates, actions);
    }

    /** A digest's front matter; absent optional fields are left out. */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    @JsonPropertyOrder({"version", "cycle_id", "stream", "title", "generated_at", "previous_cycle_id", "state", "period",
        "owners", "snapshot_rev", "rulebook_hash", "manifest_path", "manifest_checksum", "inputs", "kpis", "gates",
        "improvement_actions"})
    record Document(
            String version,
            @JsonProperty("cycle_id") String cycleId,
            String stream,
            String title,
            @JsonProperty("generated_at") String generatedAt,
            @JsonProperty("previous_cycle_id") Optional<String> previousCycleId,
            String state,
            Period period,
            List<String> owners,
            @JsonProperty("snapshot_rev") Optional<String> snapshotRev,
            @JsonProperty("rulebook_hash") String rulebookHash,
            @JsonProperty("manifest_path") Optional<String> manifestPath,
            @JsonProperty("manifest_checksum") Optional<String> manifestChecksum,
            Map<String, Double> inputs,
            Map<String, Kpi> kpis,
            Map<String, String> gates,
            @JsonProperty("improvement_actions") List<Action> improvementActions) {
    }

    /** The cycle's first and latest event. */
    @JsonPropertyOrder({"start", "end"})
    record Period(String start, String end) {
    }

    /** One KPI's figures; a figure not measured is written as {@code null}, never left out. */
    @JsonPropertyOrder({"actual", "target", "previous", "delta", "unit", "direction", "status", "trend"})
    record Kpi(Double actual, Double target, Double previous, Double delta, String unit, String direction,
            String status, String trend) {
    }

    /** An improvement action; no {@code due} when unset, no {@code tags} when it has none. */
    @JsonPropertyOrder({"id", "action", "owner", "due", "tags"})
    record Action(
            String id,
            String action,
            String owner,
            @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> due,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> tags) {
    }

    /**
     * Each figure of the front matter (an input, a KPI's actual, target, previous value or delta) that a
     * {@code double} does not read as written ({@code 1e400} is infinite, {@code 1e-400} reads as 0, a
     * 20-digit number as another), or that is too long to be read as a number: a digest is a file anyone
     * can commit, and such a figure would enter the next cycle's deltas, trends and {@code prev_} inputs as
     * a number it does not say.
     */
    private static List<Finding> numberErrors(LocatedDocument exact) {
        String expected = "a finite number a double holds as written (at most 15 significant digits)";
        List<Finding> errors = new ArrayList<>();
        JsonNode root = exact.root();
        root.path("inputs").fieldNames().forEachRemaining(name -> ExactNumbers.check(exact, "/inputs/" + pointer(name),
                -1, expected).ifPresent(errors::add));
        root.path("kpis").fieldNames().forEachRemaining(name -> {
            for (String field : List.of("actual", "target", "previous", "delta")) {
                ExactNumbers.check(exact, "/kpis/" + pointer(name) + "/" + field, -1, expected).ifPresent(errors::add);
            }
        });
        return errors;
    }

    private static String pointer(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static Optional<Double> number(JsonNode node) {
        return node.isNumber() ? Optional.of(node.asDouble()) : Optional.empty();
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }
}
