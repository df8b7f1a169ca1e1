package dev.planning.engine.internal.artifact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.engine.internal.json.JsonMappers;
import dev.planning.engine.internal.schema.ArtifactSchema;

/**
 * Renders ordered maps, and records annotated for Jackson, as YAML that people edit comfortably (no needless quotes, lists indented
 * under their key) and that the readers of this package read back to the same values. The first
 * line points editors at the artifact's schema.
 */
public final class YamlOutput {

    private static final ObjectMapper MAPPER = JsonMappers.yaml();

    private YamlOutput() {
    }

    /** The content as YAML, after a {@code yaml-language-server} schema comment line. */
    public static String render(ArtifactSchema schema, Object content) {
        try {
            return "# yaml-language-server: $schema=" + schema.id() + "\n" + MAPPER.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            // Only records, maps, lists, strings, numbers and booleans are rendered, which always serialize.
            throw new IllegalStateException("cannot render YAML", e);
        }
    }

    /** The YAML body alone, for front matter. */
    public static String renderBody(Object content) {
        try {
            return MAPPER.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render YAML", e);
        }
    }
}
