package dev.planning.engine.internal.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.artifact.Contract;
import dev.planning.api.gate.Finding;
import dev.planning.api.DocumentException;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.schema.ArtifactSchema;
import dev.planning.engine.internal.schema.SchemaCatalog;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a stream's contracts file ({@code contracts/{cycle}-contracts.yaml}) into
 * {@link Contract}s, each located at its entry.
 *
 * <pre>{@code
 * ReadResult<List<Contract>> contracts = new ContractsReader().read(file, layout.contracts(cycle));
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ContractsReader {

    /** The schemas to validate with; {@code null} for the shipped ones, loaded when first needed. */
    private final SchemaCatalog catalog;

    /** A reader using the shipped schemas. */
    public ContractsReader() {
        this.catalog = null; // the shipped schemas, loaded when a file is first read
    }

    public ContractsReader(SchemaCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    private SchemaCatalog catalog() {
        return catalog != null ? catalog : SchemaCatalog.standard();
    }

    /** Reads a file; an unreadable or malformed file gives a failed result with one finding. */
    public ReadResult<List<Contract>> read(Path file, String displayPath) {
        try {
            return read(YamlDocuments.read(file, displayPath));
        } catch (DocumentException e) {
            return ReadResult.failed(YamlDocuments.findings(e));
        }
    }

    /** Validates a parsed document against the contracts schema and builds the entries. */
    public ReadResult<List<Contract>> read(LocatedDocument document) {
        List<Finding> findings = catalog().validate(document, ArtifactSchema.CONTRACTS);
        if (!findings.isEmpty()) {
            return ReadResult.failed(findings);
        }
        List<Contract> contracts = new ArrayList<>();
        JsonNode items = document.root().path("contracts");
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            contracts.add(new Contract(Fields.required(item, "provider"), Fields.required(item, "id"),
                    Contract.Status.parse(Fields.required(item, "status")), Fields.required(item, "owner"),
                    Fields.text(item, "due").map(LocalDate::parse), document.locate("/contracts/" + i)));
        }
        return ReadResult.of(List.copyOf(contracts), List.of());
    }
}
