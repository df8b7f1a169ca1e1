package dev.planning.engine.internal.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.planning.api.DocumentException;
import dev.planning.api.gate.Finding;
import dev.planning.api.governance.Waiver;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.lint.LintCodes;
import dev.planning.engine.internal.schema.ArtifactSchema;
import dev.planning.engine.internal.schema.SchemaCatalog;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the waivers of a cycle's decision log ({@code decision_log.yaml}). A log without a
 * {@code waivers} list has no waivers. Thread-safe.
 */
public final class DecisionLogReader {

    private final ReaderSchemas schemas;

    /** A reader using the shipped schemas, loaded when a file is first read. */
    public DecisionLogReader() {
        this.schemas = ReaderSchemas.shipped();
    }

    public DecisionLogReader(SchemaCatalog catalog) {
        this.schemas = ReaderSchemas.of(catalog);
    }

    /** Reads a file; an unreadable or malformed file gives a failed result with one finding. */
    public ReadResult<List<Waiver>> read(Path file, String displayPath) {
        return ReaderSchemas.readFile(file, displayPath, YamlDocuments::read, this::read);
    }

    /**
     * Reads the decision log of one cycle, as the gates do: as {@link #read(Path, String)}, and failed
     * when its {@code cycle_id} or {@code stream} names another cycle, whose waivers must not waive this
     * one's violations (lint reports the same mismatch as {@code cycle.mismatch} / {@code stream.mismatch};
     * a profile that runs governance without {@code schema_lint} must not apply such a log either).
     */
    public ReadResult<List<Waiver>> readFor(Path file, String displayPath, CycleRef cycle) {
        LocatedDocument document;
        try {
            document = YamlDocuments.read(file, displayPath);
        } catch (DocumentException e) {
            return ReadResult.failed(YamlDocuments.findings(e));
        }
        ReadResult<List<Waiver>> waivers = read(document);
        if (waivers.model().isEmpty()) {
            return waivers;
        }
        List<Finding> findings = new ArrayList<>();
        String cycleId = document.root().path("cycle_id").asText();
        if (!cycleId.equals(cycle.cycleId())) {
            findings.add(Finding.error(LintCodes.CYCLE_MISMATCH, "`cycle_id` is \"" + cycleId + "\" but the decision log"
                    + " belongs to cycle " + cycle.cycleId() + " (from its name), so its waivers waive nothing here",
                    document.locate("/cycle_id")));
        }
        String stream = document.root().path("stream").asText();
        if (!stream.equals(cycle.stream())) {
            findings.add(Finding.error(LintCodes.STREAM_MISMATCH, "`stream` is \"" + stream + "\" but the decision log"
                    + " lies in the directory of stream " + cycle.stream() + ", so its waivers waive nothing here",
                    document.locate("/stream")));
        }
        return findings.isEmpty() ? waivers : ReadResult.failed(findings);
    }

    /** Validates a parsed document against the decision-log schema and returns its waivers. */
    public ReadResult<List<Waiver>> read(LocatedDocument document) {
        return schemas.validated(document, ArtifactSchema.DECISION_LOG, DecisionLogReader::waivers);
    }

    /**
     * Reads a list of waivers written inside another document, such as the {@code given.waivers}
     * of a rule test: each waiver is validated exactly as in a decision log and findings are
     * located in that document.
     *
     * @param document the document holding the list
     * @param pointer  JSON pointer to the list, e.g. {@code /given/waivers}; a missing node is an
     *                 empty list
     */
    public ReadResult<List<Waiver>> readWaivers(LocatedDocument document, String pointer) {
        JsonNode list = document.root().at(pointer);
        if (list.isMissingNode() || list.isNull()) {
            return ReadResult.of(List.of(), List.of());
        }
        // A made-up log header around the shared list: the schema applies unchanged and findings
        // keep their positions in the enclosing file.
        ObjectNode wrapper = JsonNodeFactory.instance.objectNode()
                .put("version", "1.0.0").put("cycle_id", "embedded").put("stream", "embedded");
        wrapper.set("waivers", list);
        return read(document.withRoot(wrapper));
    }

    private static List<Waiver> waivers(LocatedDocument document) {
        List<Waiver> waivers = new ArrayList<>();
        for (JsonNode waiver : document.root().path("waivers")) {
            waivers.add(new Waiver(Fields.required(waiver, "rule"), Fields.required(waiver, "item"),
                    Fields.required(waiver, "reason"), Fields.required(waiver, "approver"),
                    LocalDate.parse(Fields.required(waiver, "expires"))));
        }
        return List.copyOf(waivers);
    }
}
