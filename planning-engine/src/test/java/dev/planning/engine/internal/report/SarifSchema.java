package dev.planning.engine.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The official SARIF 2.1.0 JSON Schema (OASIS errata 01, draft-04), copied into the test
 * resources so that the check needs nothing outside the repository.
 */
public final class SarifSchema {

    private static final Schema SCHEMA = load();

    private SarifSchema() {
    }

    /** The violations of a SARIF log; empty when it is valid. */
    public static List<Error> validate(JsonNode log) {
        return SCHEMA.validate(log);
    }

    /** The violations of a SARIF log given as text. */
    public static List<Error> validate(String log) {
        try {
            return validate(new ObjectMapper().readTree(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema load() {
        try (InputStream in = SarifSchema.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            JsonNode document = new ObjectMapper().readTree(in);
            SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
                    builder -> builder.schemaRegistryConfig(config));
            Schema schema = registry.getSchema(SchemaLocation.of(document.path("id").asText()), document);
            schema.initializeValidators();
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
