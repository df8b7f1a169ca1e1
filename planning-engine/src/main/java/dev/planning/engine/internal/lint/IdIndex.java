package dev.planning.engine.internal.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.engine.internal.document.LocatedDocument;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The ids of one kind of item in a document, each at its first occurrence; later occurrences are
 * reported as duplicates naming the first one's line.
 *
 * <p>An id that differs from an earlier one only in letter case ({@code fe-1} after {@code FE-1}) is
 * refused too, once, at the later id naming the earlier one's line: ids compare exactly, so the two
 * would be two items, while a person reading a dependency, a waiver or an outcome naming one takes
 * it for the other. Task and decision ids are ASCII by their schemas; story map ids (activities, slices,
 * stories) are any text, so ids are compared in Unicode's composed form (NFC) and lower case: two ids
 * that differ only in how a letter is encoded ({@code é} as one code point, or {@code e} and a combining
 * accent) look the same and are refused alike (review24).
 */
final class IdIndex {

    private final Map<String, SourceLocation> first = new LinkedHashMap<>();
    /** The first spelling of each id as folded. */
    private final Map<String, String> spelling = new HashMap<>();

    /**
     * Indexes the {@code id} of each element, reporting duplicates.
     *
     * @param kind      how a person calls the items, e.g. "task id"
     * @param elements  JSON pointers of the elements to index
     * @param taskIds   whether findings should carry the id as their task
     */
    static IdIndex of(LocatedDocument document, String kind, List<String> elements, boolean taskIds,
            List<Finding> findings) {
        IdIndex index = new IdIndex();
        for (String element : elements) {
            JsonNode id = document.root().at(element + "/id");
            if (!id.isTextual()) {
                continue;
            }
            SourceLocation here = document.locate(element + "/id");
            SourceLocation earlier = index.first.putIfAbsent(id.asText(), here);
            Finding duplicate = null;
            if (earlier != null) {
                duplicate = Finding.error(LintCodes.ID_DUPLICATE, kind + " " + id.asText()
                        + " is used more than once: first at line " + earlier.line(), here);
            } else {
                String composed = Normalizer.normalize(id.asText(), Normalizer.Form.NFC);
                String alike = index.spelling.putIfAbsent(composed.toLowerCase(Locale.ROOT), id.asText());
                if (alike != null) {
                    String differ = composed.equals(Normalizer.normalize(alike, Normalizer.Form.NFC))
                            ? "differ only in how a letter is encoded (they look the same)" : "differ only in letter case";
                    duplicate = Finding.error(LintCodes.ID_DUPLICATE, kind + " " + id.asText() + " and " + alike
                            + " (first at line " + index.first.get(alike).line() + ") " + differ + ":"
                            + " ids compare exactly, so they are two items a reader takes for one; give each"
                            + " item an id of its own", here);
                }
            }
            if (duplicate != null) {
                findings.add(taskIds ? duplicate.withTask(id.asText()) : duplicate);
            }
        }
        return index;
    }

    boolean contains(String id) {
        return first.containsKey(id);
    }

    Set<String> ids() {
        return first.keySet();
    }
}
