package dev.planning.engine.internal.document;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.DocumentException;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.api.gate.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses a YAML planning file whose text value or mapping key holds a lone surrogate: half of a UTF-16
 * pair without the other, which no byte of a UTF-8 file can give but a double-quoted escape can
 * ({@code "\u005cuD800"}). It is no Unicode character and has no UTF-8 form, so every writer downstream makes
 * something else of it (the manifest's YAML writer joined a high one with the character after it into
 * another character, the JSON writer wrote U+FFFD, the signing input's UTF-8 a {@code ?}), and two
 * different texts would seal, print or sign alike. Fail closed: the file is refused, each such value at
 * its line and column ({@link DocumentException#FILE_ENCODING}, exit 2), not repaired.
 */
public final class LoneSurrogates {

    private LoneSurrogates() {
    }

    /** Adds a finding for each key and text value of {@code document} that holds a lone surrogate. */
    static void collect(LocatedDocument document, List<Finding> found) {
        walk(document, document.root(), new ArrayList<>(), found);
    }

    /** The values found by {@link #collect}, as one kind of a refused file's values. */
    static ValueProblems.Kind kind(List<Finding> found) {
        return new ValueProblems.Kind("values hold a lone surrogate", found,
                found.stream().map(Finding::message).toList());
    }

    /**
     * The index of the first lone surrogate of {@code text}, or -1 when every surrogate is half of a pair.
     *
     * @param text any text
     * @return the index, or -1
     */
    public static int firstLone(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static void walk(LocatedDocument document, JsonNode node, List<Object> path, List<Finding> found) {
        if (node.isTextual()) {
            // The field's name and place only for a value that holds one: this walk runs on every YAML read.
            if (firstLone(node.textValue()) >= 0) {
                add(found, node.textValue(), "`" + field(path) + "`", document.locate(node));
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                path.add(entry.getKey());
                if (firstLone(entry.getKey()) >= 0) {
                    add(found, entry.getKey(), "a key of `" + field(path.subList(0, path.size() - 1)) + "`",
                            document.locateKey(FieldPath.pointer(path)));
                }
                walk(document, entry.getValue(), path, found);
                path.remove(path.size() - 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add(i);
                walk(document, node.get(i), path, found);
                path.remove(path.size() - 1);
            }
        }
    }

    private static void add(List<Finding> found, String text, String what, SourceLocation location) {
        int at = firstLone(text);
        if (at < 0) {
            return;
        }
        String escape = String.format(Locale.ROOT, "\\u%04X", (int) text.charAt(at));
        found.add(new Finding(DocumentException.FILE_ENCODING, Severity.ERROR, what + " holds a lone surrogate"
                + " (the escape " + escape + " without the other half of its pair, at character " + (at + 1)
                + "), which is no Unicode character and has no UTF-8 form; write the character itself, or both"
                + " halves of its pair (\\uD83D\\uDE00)", Optional.of(location), Optional.empty()));
    }

    /** {@code tasks[3].title}; the root is {@code (document)}. */
    private static String field(List<Object> path) {
        String name = FieldPath.name(path);
        return name.isEmpty() ? "(document)" : name;
    }
}
