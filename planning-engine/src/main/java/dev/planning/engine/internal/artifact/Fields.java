package dev.planning.engine.internal.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading fields of a schema-valid document; the schema has already checked the types. */
final class Fields {

    private Fields() {
    }

    static Optional<String> text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    static String required(JsonNode object, String field) {
        return text(object, field).orElseThrow(() -> new IllegalStateException("schema-valid document lacks " + field));
    }

    static List<String> texts(JsonNode object, String field) {
        List<String> values = new ArrayList<>();
        JsonNode array = object.path(field);
        if (array.isArray()) {
            array.forEach(item -> values.add(item.asText()));
        }
        return values;
    }

    static String pointer(String base, String field) {
        return base + "/" + field.replace("~", "~0").replace("/", "~1");
    }
}
