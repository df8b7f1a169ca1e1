package dev.planning.engine.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import dev.planning.api.Printable;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Severity;
import dev.planning.engine.internal.document.FieldPath;
import dev.planning.engine.internal.document.LocatedDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Turns one json-schema-validator error into a finding a planner can act on: who it is about
 * ("task FE-12"), which field, what was expected and what was found, at the field's position.
 */
final class SchemaFindings {

    /** Arrays whose object elements are named items, with the field that names each. */
    private static final Map<String, String[]> SUBJECTS = Map.of(
            "tasks", new String[] {"task", "id"},
            "stories", new String[] {"story", "id"},
            "activities", new String[] {"activity", "id"},
            "slices", new String[] {"slice", "id"},
            "decisions", new String[] {"decision", "id"},
            "waivers", new String[] {"waiver for", "item"},
            "improvement_actions", new String[] {"improvement action", "id"},
            "artifacts", new String[] {"artifact", "path"},
            "signatures", new String[] {"signature of", "role"});

    private static final int SHOWN_VALUE_LENGTH = 60;

    private final LocatedDocument document;
    private final JsonNode schemaDocument;

    SchemaFindings(LocatedDocument document, JsonNode schemaDocument) {
        this.document = document;
        this.schemaDocument = schemaDocument;
    }

    Finding toFinding(Error error) {
        List<Object> path = segments(error.getInstanceLocation());
        Subject subject = subjectOf(path);
        String keyword = String.valueOf(error.getKeyword());
        String property = error.getProperty();
        String prefix = subject.label().map(label -> label + ": ").orElse("");
        String field = FieldPath.name(path.subList(subject.depth(), path.size()));
        // What the message is about: the field, or the item or document itself.
        String what = !field.isEmpty() ? "`" + field + "`" : subject.label().isPresent() ? "it" : "the document";
        String code;
        String message;
        SourceLocation location = document.locate(FieldPath.pointer(path));
        switch (keyword) {
            case "required" -> {
                code = SchemaCatalog.REQUIRED;
                message = "`" + join(field, property) + "` is required";
            }
            case "additionalProperties", "unevaluatedProperties" -> {
                code = SchemaCatalog.UNKNOWN_FIELD;
                message = "unknown field `" + join(field, property) + "`" + allowed(error);
                if (property != null) {
                    List<Object> child = new ArrayList<>(path);
                    child.add(property);
                    location = document.locateKey(FieldPath.pointer(child));
                }
            }
            case "enum" -> {
                code = SchemaCatalog.ENUM;
                message = what + " must be one of " + values(error.getSchemaNode())
                        + " (found " + shown(error.getInstanceNode()) + ")";
            }
            case "const" -> {
                code = SchemaCatalog.ENUM;
                message = what + " must be " + error.getSchemaNode() + " (found " + shown(error.getInstanceNode()) + ")";
            }
            case "type" -> {
                code = SchemaCatalog.TYPE;
                message = what + " must be " + expectedTypes(error.getSchemaNode())
                        + " (found " + typeOf(error.getInstanceNode()) + ")";
            }
            case "format" -> {
                code = SchemaCatalog.FORMAT;
                message = what + " must be " + format(error.getSchemaNode()) + " (found "
                        + shown(error.getInstanceNode()) + ")";
            }
            case "pattern" -> {
                code = SchemaCatalog.PATTERN;
                message = what + " has the wrong form (found " + shown(error.getInstanceNode()) + "): "
                        + describe(error);
            }
            case "propertyNames" -> {
                // attack28: each key at its own line and column, shown as every value is (not the library's text).
                code = SchemaCatalog.PATTERN;
                JsonNode rule = error.getSchemaNode();
                // text40: a key's rule that says what it is (a rulebook's taxonomy key) says so before its pattern.
                message = what + " has a key of the wrong form (found " + shown(TextNode.valueOf(property)) + "): "
                        + (rule != null && rule.path("pattern").isTextual()
                                ? (rule.path("description").isTextual() ? "expected " + rule.path("description").asText()
                                        + " (a match for " + rule.path("pattern").asText() + ")"
                                        : "expected a match for " + rule.path("pattern").asText())
                                : error.getMessage().replaceFirst("^\\S*: ", ""));
                if (property != null) {
                    List<Object> child = new ArrayList<>(path);
                    child.add(property);
                    location = document.locateKey(FieldPath.pointer(child));
                }
            }
            case "minLength" -> {
                code = SchemaCatalog.INVALID;
                message = what + " must not be empty";
            }
            default -> {
                code = SchemaCatalog.INVALID;
                message = what + ": " + error.getMessage().replaceFirst("^\\S*: ", "");
            }
        }
        Finding finding = new Finding(code, Severity.ERROR, prefix + message, Optional.of(location), Optional.empty());
        return subject.taskId().map(finding::withTask).orElse(finding);
    }

    /** The innermost named item (a task, a story...) that the path runs through. */
    private Subject subjectOf(List<Object> path) {
        Subject found = new Subject(Optional.empty(), Optional.empty(), 0);
        JsonNode node = document.root();
        for (int i = 0; i < path.size(); i++) {
            Object segment = path.get(i);
            node = segment instanceof Integer index ? node.path(index) : node.path(segment.toString());
            if (segment instanceof Integer index && i > 0 && node.isObject()) {
                String[] naming = SUBJECTS.get(path.get(i - 1).toString());
                if (naming != null) {
                    JsonNode name = node.path(naming[1]);
                    String id = name.isTextual() && !name.asText().isBlank() ? name.asText() : "#" + (index + 1);
                    Optional<String> taskId = naming[0].equals("task") && name.isTextual()
                            ? Optional.of(name.asText()) : Optional.empty();
                    found = new Subject(Optional.of(naming[0] + " " + id), taskId, i + 1);
                }
            }
        }
        return found;
    }

    private String allowed(Error error) {
        JsonNode parent = schemaParent(error);
        JsonNode properties = parent == null ? null : parent.get("properties");
        if (properties == null || !properties.isObject() || properties.isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return " (allowed: " + String.join(", ", names) + ")";
    }

    private String describe(Error error) {
        JsonNode parent = schemaParent(error);
        JsonNode description = parent == null ? null : parent.get("description");
        String pattern = "expected a match for " + error.getSchemaNode().asText();
        return description != null && description.isTextual() ? description.asText() + " (" + pattern + ")" : pattern;
    }

    /** The schema object that holds the failing keyword. */
    private JsonNode schemaParent(Error error) {
        List<Object> keywordPath = segments(error.getSchemaLocation().getFragment());
        if (keywordPath.isEmpty()) {
            return null;
        }
        JsonNode node = schemaDocument;
        for (Object segment : keywordPath.subList(0, keywordPath.size() - 1)) {
            node = segment instanceof Integer index ? node.path(index) : node.path(segment.toString());
        }
        return node.isMissingNode() ? null : node;
    }

    private static List<Object> segments(NodePath path) {
        List<Object> segments = new ArrayList<>();
        if (path == null) {
            return segments;
        }
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            segments.add(element instanceof Integer ? element : String.valueOf(element));
        }
        return segments;
    }

    private static String join(String field, String property) {
        if (property == null) {
            return field;
        }
        return field.isEmpty() ? property : field + "." + property;
    }

    private static String values(JsonNode enumNode) {
        if (enumNode == null || !enumNode.isArray()) {
            return String.valueOf(enumNode);
        }
        return StreamSupport.stream(enumNode.spliterator(), false)
                .map(value -> value.isNull() ? "null" : value.asText())
                .collect(Collectors.joining(", "));
    }

    private static String expectedTypes(JsonNode typeNode) {
        if (typeNode != null && typeNode.isArray()) {
            return StreamSupport.stream(typeNode.spliterator(), false)
                    .map(t -> article(t.asText()))
                    .collect(Collectors.joining(" or "));
        }
        return typeNode == null ? "of another type" : article(typeNode.asText());
    }

    private static String article(String type) {
        return switch (type) {
            case "string" -> "a string";
            case "number" -> "a number";
            case "integer" -> "an integer";
            case "boolean" -> "true or false";
            case "array" -> "a list";
            case "object" -> "a mapping";
            case "null" -> "empty";
            default -> type;
        };
    }

    private static String format(JsonNode formatNode) {
        String format = formatNode == null ? "" : formatNode.asText();
        return switch (format) {
            case "date" -> "a date, YYYY-MM-DD";
            case "date-time" -> "a date-time, e.g. 2025-09-01T09:00:00Z";
            default -> "in the format " + format;
        };
    }

    private static String typeOf(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "an empty value";
        }
        if (node.isTextual()) {
            return "string " + shown(node);
        }
        if (node.isIntegralNumber()) {
            return "integer " + node.asText();
        }
        if (node.isNumber() && !Double.isFinite(node.doubleValue())) {
            // keys27: "number Infinity" named no value the file holds (1e400 reads as an infinite double).
            return "a number beyond the largest a double holds, " + Double.MAX_VALUE;
        }
        if (node.isNumber()) {
            return "number " + node.asText();
        }
        if (node.isBoolean()) {
            return "boolean " + node.asText();
        }
        return node.isArray() ? "a list" : "a mapping";
    }

    private static String shown(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "an empty value";
        }
        if (node.isTextual()) {
            String text = node.asText();
            if (text.length() > SHOWN_VALUE_LENGTH) {
                text = text.substring(0, SHOWN_VALUE_LENGTH) + "...";
            }
            // Every message shows a character that is not seen as itself as its escape (errors18: was "?").
            return "\"" + Printable.line(text) + "\"";
        }
        if (node.isContainerNode()) {
            return node.isArray() ? "a list" : "a mapping";
        }
        return node.asText();
    }

    private record Subject(Optional<String> label, Optional<String> taskId, int depth) {
    }
}
