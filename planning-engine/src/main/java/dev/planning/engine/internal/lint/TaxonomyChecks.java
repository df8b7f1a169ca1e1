package dev.planning.engine.internal.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.artifact.Tag;
import dev.planning.api.gate.Finding;
import dev.planning.api.rulebook.TagTaxonomy;
import dev.planning.engine.internal.document.LocatedDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tag values of a task breakdown against the rulebook's taxonomy, located at the value: the same
 * judgement the governance gate makes (see {@link TagTaxonomy}), so lint and the gates agree.
 */
final class TaxonomyChecks {

    private TaxonomyChecks() {
    }

    static void check(LocatedDocument document, TagTaxonomy taxonomy, List<Finding> findings) {
        for (String task : HeaderChecks.elements(document, "/tasks")) {
            JsonNode node = document.root().at(task);
            JsonNode idNode = node.path("id");
            String id = idNode.isTextual() ? idNode.asText() : null;
            String subject = id == null ? "task #" + (index(task) + 1) : "task " + id;
            List<Tag> tags = new ArrayList<>();
            List<String> pointers = new ArrayList<>();
            collect(node.path("tags"), task + "/tags", tags, pointers);
            for (TagTaxonomy.Problem problem : taxonomy.check(tags)) {
                String code = problem.kind() == TagTaxonomy.Kind.UNKNOWN_VALUE
                        ? LintCodes.TAG_UNKNOWN_VALUE : LintCodes.TAG_CONFLICTING_VALUE;
                Finding finding = Finding.error(code, problem.message(subject),
                        document.locate(pointers.get(problem.index())));
                findings.add(id == null ? finding : finding.withTask(id));
            }
        }
    }

    /** Both written forms, as the reader turns them into tags; other shapes are schema errors. */
    private static void collect(JsonNode tagsNode, String pointer, List<Tag> tags, List<String> pointers) {
        if (tagsNode.isArray()) {
            for (int i = 0; i < tagsNode.size(); i++) {
                JsonNode item = tagsNode.get(i);
                if (item.isValueNode() && !item.asText().isBlank()) {
                    tags.add(Tag.parse(item.asText()));
                    pointers.add(pointer + "/" + i);
                }
            }
        } else if (tagsNode.isObject()) {
            for (Map.Entry<String, JsonNode> entry : tagsNode.properties()) {
                if (entry.getKey().isBlank() || !entry.getValue().isValueNode()) {
                    continue;
                }
                tags.add(new Tag(entry.getKey().trim(), Optional.of(entry.getValue().asText())));
                pointers.add(pointer + "/" + entry.getKey().replace("~", "~0").replace("/", "~1"));
            }
        }
    }

    private static int index(String elementPointer) {
        return Integer.parseInt(elementPointer.substring(elementPointer.lastIndexOf('/') + 1));
    }
}
