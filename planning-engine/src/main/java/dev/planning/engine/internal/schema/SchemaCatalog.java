package dev.planning.engine.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.format.DateTimeFormat;
import com.networknt.schema.path.PathType;
import dev.planning.api.gate.Finding;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.json.JsonMappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The compiled schemas of all planning artifacts, and validation of documents against them.
 *
 * <pre>{@code
 * List<Finding> findings = SchemaCatalog.standard().validate(document, ArtifactSchema.TASK_BREAKDOWN);
 * }</pre>
 *
 * <p>Compiling a schema costs milliseconds, all of them tens (a noticeable part of a short
 * command's start-up), so each is compiled on its first use, once per class loader: a command
 * compiles only the schemas of the files it reads. Thread-safe.
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

    private final SchemaRegistry registry;
    private final ObjectMapper json;
    /** Each schema compiled on first use; guarded by {@code this}. */
    private final Map<ArtifactSchema, Schema> schemas = new EnumMap<>(ArtifactSchema.class);
    /** Each schema document as shipped, read on first use; guarded by {@code this}. */
    private final Map<ArtifactSchema, JsonNode> documents = new EnumMap<>(ArtifactSchema.class);

    private SchemaCatalog(SchemaRegistry registry, ObjectMapper json) {
        this.registry = registry;
        this.json = json;
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
        List<Error> errors = compiled(schema).validate(document.root());
        SchemaFindings translator = new SchemaFindings(document, document(schema));
        List<Finding> findings = new ArrayList<>(errors.size());
        for (Error error : errors) {
            if (isMisspeltElsewhere(error, errors)) {
                continue; // the misspelt field's finding says it: one mistake, one message
            }
            Finding finding = translator.toFinding(error);
            Optional<String> meant = meantRequired(error, errors);
            if (meant.isPresent()) {
                finding = new Finding(finding.code(), finding.severity(), finding.message() + "; did you mean `"
                        + meant.get() + "` (required, and missing)?", finding.location(), finding.taskId());
            }
            findings.add(finding);
        }
        return List.copyOf(findings);
    }

    /** A "required" error whose field is present under a misspelt name (an unknown field close to it). */
    private static boolean isMisspeltElsewhere(Error error, List<Error> errors) {
        return "required".equals(error.getKeyword()) && error.getProperty() != null && errors.stream()
                .anyMatch(other -> isUnknownField(other) && sameObject(other, error)
                        && close(other.getProperty(), error.getProperty()));
    }

    /** For an unknown field, the required field of the same object it misspells, when one is missing. */
    private static Optional<String> meantRequired(Error error, List<Error> errors) {
        if (!isUnknownField(error) || error.getProperty() == null) {
            return Optional.empty();
        }
        return errors.stream()
                .filter(other -> "required".equals(other.getKeyword()) && other.getProperty() != null
                        && sameObject(other, error) && close(error.getProperty(), other.getProperty()))
                .map(Error::getProperty).findFirst();
    }

    private static boolean isUnknownField(Error error) {
        return "additionalProperties".equals(error.getKeyword()) || "unevaluatedProperties".equals(error.getKeyword());
    }

    private static boolean sameObject(Error a, Error b) {
        return String.valueOf(a.getInstanceLocation()).equals(String.valueOf(b.getInstanceLocation()));
    }

    /** Names a typo apart: equal ignoring case, or at most two edits (Levenshtein) for names of 4+ letters. */
    static boolean close(String a, String b) {
        if (a.equalsIgnoreCase(b)) {
            return true;
        }
        if (Math.min(a.length(), b.length()) < 4) {
            return false;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()] <= 2;
    }

    /** The schema document itself (as shipped), e.g. to publish it or to check it. */
    public JsonNode schemaDocument(ArtifactSchema schema) {
        return document(schema).deepCopy();
    }

    /**
     * An artifact's schema, compiled on its first use with its {@code $ref}s resolved (so the first
     * validation is not the slow one, and a broken schema fails before any document is judged).
     */
    synchronized Schema compiled(ArtifactSchema schema) {
        Schema compiled = schemas.get(schema);
        if (compiled == null) {
            compiled = registry.getSchema(SchemaLocation.of(schema.id()), document(schema));
            compiled.initializeValidators();
            schemas.put(schema, compiled);
        }
        return compiled;
    }

    private synchronized JsonNode document(ArtifactSchema schema) {
        return documents.computeIfAbsent(schema, s -> readResource(json, s.resource()));
    }

    /** A new catalog, compiling nothing yet ({@link #standard()} is the one to use). */
    static SchemaCatalog load() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .build();
        // Draft 2020-12 as it is, but for "date-time": see JavaTimeDateTime.
        Dialect dialect = Dialect.builder(Dialects.getDraft202012()).format(new JavaTimeDateTime()).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(dialect,
                builder -> builder.schemaRegistryConfig(config));
        return new SchemaCatalog(registry, JsonMappers.json());
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

    /**
     * RFC 3339 date-time as the validator reads it, and also as {@code java.time} parses it
     * ({@link OffsetDateTime#parse}, {@link Instant#parse}), which every reader of a valid document
     * then does without a check of its own: RFC 3339 lets a space stand for the {@code T}, the
     * validator took it, and the readers threw {@code DateTimeParseException} out of a valid document
     * (a deployments file, a digest's front matter) instead of a located error (tenth review,
     * {@code DeploymentTimesAttackTest}).
     */
    private static final class JavaTimeDateTime extends DateTimeFormat {
        @Override
        public boolean matches(ExecutionContext executionContext, String value) {
            if (!super.matches(executionContext, value)) {
                return false;
            }
            try {
                OffsetDateTime.parse(value);
                Instant.parse(value);
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }

    private static final class Holder {
        static final SchemaCatalog STANDARD = load();
    }
}
