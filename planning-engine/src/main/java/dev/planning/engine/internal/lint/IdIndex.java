package dev.planning.engine.internal.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Finding;
import dev.planning.engine.internal.document.LocatedDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ids of one kind of item in a document, each at its first occurrence; later occurrences are
 * reported as duplicates naming the first one's line.
 */
final class IdIndex {

    private final Map<String, SourceLocation> first = new LinkedHashMap<>();

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
            if (earlier != null) {
                Finding duplicate = Finding.error(LintCodes.ID_DUPLICATE, kind + " " + id.asText()
                        + " is used more than once: first at line " + earlier.line(), here);
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
