package dev.planning.engine.internal.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.artifact.Contract;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.schema.ArtifactSchema;
import dev.planning.engine.internal.schema.SchemaCatalog;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

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

    private final ReaderSchemas schemas;

    /** A reader using the shipped schemas, loaded when a file is first read. */
    public ContractsReader() {
        this.schemas = ReaderSchemas.shipped();
    }

    public ContractsReader(SchemaCatalog catalog) {
        this.schemas = ReaderSchemas.of(catalog);
    }

    /** Reads a file; an unreadable or malformed file gives a failed result with one finding. */
    public ReadResult<List<Contract>> read(Path file, String displayPath) {
        return ReaderSchemas.readFile(file, displayPath, YamlDocuments::read, this::read);
    }

    /** Validates a parsed document against the contracts schema and builds the entries. */
    public ReadResult<List<Contract>> read(LocatedDocument document) {
        return schemas.validated(document, ArtifactSchema.CONTRACTS, ContractsReader::contracts);
    }

    private static List<Contract> contracts(LocatedDocument document) {
        List<Contract> contracts = new ArrayList<>();
        JsonNode items = document.root().path("contracts");
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            contracts.add(new Contract(Fields.required(item, "provider"), Fields.required(item, "id"),
                    Contract.Status.parse(Fields.required(item, "status")), Fields.required(item, "owner"),
                    Fields.text(item, "due").map(LocalDate::parse), document.locate("/contracts/" + i)));
        }
        return List.copyOf(contracts);
    }
}
