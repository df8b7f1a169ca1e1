package dev.planning.engine.internal.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.artifact.CapacityModel;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.schema.ArtifactSchema;
import dev.planning.engine.internal.schema.SchemaCatalog;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the capacity model ({@code frameworks/capacity.yaml}) into a {@link CapacityModel}, each
 * budget located where it is written.
 *
 * <pre>{@code
 * ReadResult<CapacityModel> model = new CapacityReader().read(file, layout.capacityModel());
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class CapacityReader {

    private final ReaderSchemas schemas;

    /** A reader using the shipped schemas, loaded when a file is first read. */
    public CapacityReader() {
        this.schemas = ReaderSchemas.shipped();
    }

    public CapacityReader(SchemaCatalog catalog) {
        this.schemas = ReaderSchemas.of(catalog);
    }

    /** Reads a file; an unreadable or malformed file gives a failed result with one finding. */
    public ReadResult<CapacityModel> read(Path file, String displayPath) {
        return ReaderSchemas.readFile(file, displayPath, YamlDocuments::read, this::read);
    }

    /** Validates a parsed document against the capacity schema and builds the model. */
    public ReadResult<CapacityModel> read(LocatedDocument document) {
        return schemas.validated(document, ArtifactSchema.CAPACITY, CapacityReader::model);
    }

    private static CapacityModel model(LocatedDocument document) {
        Map<String, CapacityModel.Budget> owners = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> owner : document.root().path("owners").properties()) {
            owners.put(owner.getKey(), new CapacityModel.Budget(owner.getValue().decimalValue(),
                    document.locate(Fields.pointer("/owners", owner.getKey()))));
        }
        Map<String, CapacityModel.Team> teams = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> team : document.root().path("teams").properties()) {
            String pointer = Fields.pointer("/teams", team.getKey());
            teams.put(team.getKey(), new CapacityModel.Team(team.getKey(),
                    team.getValue().get("points_per_cycle").decimalValue(), Fields.texts(team.getValue(), "members"),
                    document.locate(pointer)));
        }
        return new CapacityModel(owners, teams, document.file());
    }
}
