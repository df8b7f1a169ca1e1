package dev.planning.rules.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A strict YAML mapper (snake_case properties, unknown properties rejected, ISO dates) and the
 * translation of its errors into located, readable messages. Records bound with it may reject
 * values in their constructors with {@link IllegalArgumentException}; the message is kept.
 *
 * @since 0.1
 */
public final class YamlInput {

    private static final ObjectMapper MAPPER = YAMLMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final Pattern CREATOR_PROPERTY = Pattern.compile("creator property '([^']+)'");

    private YamlInput() {
    }

    /** The shared mapper; thread-safe. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * A located error for a Jackson failure while reading {@code file}:
     * {@code file:line:column: path.to.field: what was expected}.
     */
    public static InvalidInputException error(JsonProcessingException e, String file) {
        MarkedYAMLException yaml = yamlCause(e);
        if (yaml != null && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            String context = yaml.getContext() == null ? "" : yaml.getContext() + ": ";
            return new InvalidInputException("invalid YAML: " + context + yaml.getProblem(),
                    new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1), e);
        }
        JsonLocation where = e.getLocation();
        SourceLocation location = where == null
                ? SourceLocation.ofFile(file)
                : new SourceLocation(file, Math.max(where.getLineNr(), 0), Math.max(where.getColumnNr(), 0));
        String path = e instanceof JsonMappingException mapping ? path(mapping) : "";
        String message = describe(e);
        return new InvalidInputException(path.isEmpty() ? message : path + ": " + message, location, e);
    }

    private static MarkedYAMLException yamlCause(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof MarkedYAMLException yaml) {
                return yaml;
            }
        }
        return null;
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getIndex() >= 0 ? "[" + r.getIndex() + "]" : "." + r.getFieldName())
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
        if (e instanceof UnrecognizedPropertyException unknown) {
            // The path ends with the unknown property itself; the message names it.
            path = path.replaceFirst("\\.?" + Pattern.quote(String.valueOf(unknown.getPropertyName())) + "$", "");
        }
        return path;
    }

    private static String describe(JsonProcessingException e) {
        String original = String.valueOf(e.getOriginalMessage());
        if (e instanceof UnrecognizedPropertyException unknown) {
            TreeSet<String> known = new TreeSet<>();
            unknown.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            return "unknown property '" + unknown.getPropertyName() + "'; expected one of " + known;
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException bad) {
            return bad.getMessage();
        }
        Matcher creator = CREATOR_PROPERTY.matcher(original);
        if (original.startsWith("Missing required creator property") && creator.find()) {
            return "missing required property '" + creator.group(1) + "'";
        }
        if (e instanceof InvalidFormatException format) {
            return "'" + format.getValue() + "' is not " + kind(format.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "expected " + kind(mismatch.getTargetType());
        }
        return original.lines().findFirst().orElse(original);
    }

    private static String kind(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (TemporalAccessor.class.isAssignableFrom(type)) {
            return "a date (YYYY-MM-DD)";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "a valid " + type.getSimpleName();
    }
}
