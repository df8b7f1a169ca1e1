package dev.planning.engine.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.planning.api.gate.Finding;
import dev.planning.engine.document.LocatedDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled schemas of all planning artifacts, and validation of documents against them.
 *
 * <pre>{@code
 * List<Finding> findings = SchemaCatalog.standard().validate(document, ArtifactSchema.TASK_BREAKDOWN);
 * }</pre>
 *
 * <p>Compiling the schemas costs tens of milliseconds, so {@link #standard()} does it once per
 * class loader. Thread-safe.
 */
public final class SchemaCatalog {

    /** Finding code: a required field is missing. */
    public static final String REQUIRED = "schema.required";
    /** Finding code: a value has the wrong JSON type. */
    public static final String TYPE = "schema.type";
    /** Finding code: a value outside its allowed set. */
    public static final String ENUM = "schema.enum";
    /** Finding code: a field the schema does not define. */
    public static final String UNKNOWN_FIELD = "schema.unknown-field";
    /** Finding code: a string of the wrong format (date, date-time). */
    public static final String FORMAT = "schema.format";
    /** Finding code: a string that does not match its pattern. */
    public static final String PATTERN = "schema.pattern";
    /** Finding code: any other schema violation (length, range, count). */
    public static final String INVALID = "schema.invalid";

    private final Map<ArtifactSchema, Schema> schemas;
    private final Map<ArtifactSchema, JsonNode> documents;

    private SchemaCatalog(Map<ArtifactSchema, Schema> schemas, Map<ArtifactSchema, JsonNode> documents) {
        this.schemas = schemas;
        this.documents = documents;
    }

    /** The catalog of the shipped schemas, compiled on first use. */
    public static SchemaCatalog standard() {
        return Holder.STANDARD;
    }

    /**
     * Validates a document against an artifact's schema.
     *
     * @return one error finding per violation, located in the document, in document order;
     *         empty when the document is valid
     */
    public List<Finding> validate(LocatedDocument document, ArtifactSchema schema) {
        List<Error> errors = schemas.get(schema).validate(document.root());
        SchemaFindings translator = new SchemaFindings(document, documents.get(schema));
        List<Finding> findings = new ArrayList<>(errors.size());
        for (Error error : errors) {
            findings.add(translator.toFinding(error));
        }
        return List.copyOf(findings);
    }

    /** The schema document itself (as shipped), e.g. to publish it or to check it. */
    public JsonNode schemaDocument(ArtifactSchema schema) {
        return documents.get(schema).deepCopy();
    }

    private static SchemaCatalog load() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config));
        ObjectMapper json = new ObjectMapper();
        Map<ArtifactSchema, Schema> schemas = new EnumMap<>(ArtifactSchema.class);
        Map<ArtifactSchema, JsonNode> documents = new EnumMap<>(ArtifactSchema.class);
        for (ArtifactSchema schema : ArtifactSchema.values()) {
            JsonNode document = readResource(json, schema.resource());
            Schema compiled = registry.getSchema(SchemaLocation.of(schema.id()), document);
            // Resolve $refs now, so the first validation is not the slow one and a broken
            // schema fails at load time rather than in the middle of a lint.
            compiled.initializeValidators();
            schemas.put(schema, compiled);
            documents.put(schema, document);
        }
        return new SchemaCatalog(schemas, documents);
    }

    static JsonNode readResource(ObjectMapper json, String resource) {
        try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing from the classpath: " + resource);
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema resource " + resource, e);
        }
    }

    private static final class Holder {
        static final SchemaCatalog STANDARD = load();
    }
}
