package dev.planning.engine.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Reads one JSON document into a tree with jackson-core's streaming parser alone, for a reader on
 * the start-up path of a short command: making the first {@code ObjectMapper} of a JVM costs more
 * than reading a small file (its class initialisation sets up the JDK's locale data for dates,
 * measured in docs/benchmarks/cold-start.md), and a tree needs none of it.
 *
 * <p>The tree is the one {@code ObjectMapper.readTree} gives for the same bytes (objects in written
 * order, integers as {@code int}, {@code long} or {@code BigInteger} nodes, other numbers as
 * {@code double} nodes), read strictly: a key twice in one object, or anything but white space
 * after the value, is an error. Thread-safe.
 */
public final class JsonTrees {

    private static final JsonFactory STRICT = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonTrees() {
    }

    /** The factory {@link #readStrict} parses with, for writers of the same documents (its defaults). */
    public static JsonFactory factory() {
        return STRICT;
    }

    /**
     * The document's one value.
     *
     * @return empty when {@code content} holds no value (nothing or only white space)
     * @throws IOException when it is not valid JSON, holds a key twice in one object, or holds anything
     *                     after its value
     */
    public static Optional<JsonNode> readStrict(byte[] content) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        try (JsonParser parser = STRICT.createParser(content)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return Optional.empty();
            }
            // Containers being filled, innermost first: no recursion, so nesting is bounded by the
            // parser's own limit (StreamReadConstraints), not by the thread's stack.
            Deque<JsonNode> open = new ArrayDeque<>();
            JsonNode root = null;
            do {
                JsonNode value;
                switch (token) {
                    case END_OBJECT, END_ARRAY -> {
                        JsonNode closed = open.pop();
                        if (open.isEmpty()) {
                            root = closed;
                        }
                        continue;
                    }
                    case FIELD_NAME -> {
                        continue;
                    }
                    case START_OBJECT -> value = nodes.objectNode();
                    case START_ARRAY -> value = nodes.arrayNode();
                    case VALUE_STRING -> value = nodes.textNode(parser.getText());
                    case VALUE_NUMBER_INT -> value = switch (parser.getNumberType()) {
                        case INT -> nodes.numberNode(parser.getIntValue());
                        case LONG -> nodes.numberNode(parser.getLongValue());
                        default -> nodes.numberNode(parser.getBigIntegerValue());
                    };
                    case VALUE_NUMBER_FLOAT -> value = nodes.numberNode(parser.getDoubleValue());
                    case VALUE_TRUE -> value = nodes.booleanNode(true);
                    case VALUE_FALSE -> value = nodes.booleanNode(false);
                    case VALUE_NULL -> value = nodes.nullNode();
                    default -> throw new JsonParseException(parser, "unexpected token " + token);
                }
                JsonNode parent = open.peek();
                if (parent instanceof ObjectNode object) {
                    object.set(parser.currentName(), value);
                } else if (parent instanceof ArrayNode array) {
                    array.add(value);
                } else if (!value.isContainerNode()) {
                    root = value;
                }
                if (value.isContainerNode()) {
                    open.push(value);
                }
            } while (!open.isEmpty() && (token = parser.nextToken()) != null);
            if (!open.isEmpty()) {
                // The parser reports an unclosed container itself; this is a guard, not a path.
                throw new JsonParseException(parser, "unexpected end of input");
            }
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new JsonParseException(parser, "trailing token (" + trailing + ") after the value");
            }
            return Optional.of(root);
        }
    }
}
