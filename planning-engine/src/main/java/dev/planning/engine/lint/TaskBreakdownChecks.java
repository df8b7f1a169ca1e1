package dev.planning.engine.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.gate.Finding;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.document.LocatedDocument;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks of a task breakdown that its schema cannot express. They work on the located
 * document, not on the model, so they still run when the file has schema errors.
 */
final class TaskBreakdownChecks {

    private static final Pattern CROSS_STREAM = Pattern.compile("[a-z][a-z0-9-]{0,31}:[A-Za-z0-9][A-Za-z0-9._-]*");

    private TaskBreakdownChecks() {
    }

    /**
     * @param storyIds     the story ids of the cycle's story map, when it could be parsed
     * @param storyMapPath the story map's path, for messages
     */
    static void check(LocatedDocument document, CycleRef cycle, Optional<Set<String>> storyIds, String storyMapPath,
            List<Finding> findings) {
        HeaderChecks.check(document, cycle, findings);
        List<String> tasks = HeaderChecks.elements(document, "/tasks");
        IdIndex ids = IdIndex.of(document, "task id", tasks, true, findings);
        for (String task : tasks) {
            JsonNode node = document.root().at(task);
            JsonNode idNode = node.path("id");
            String id = idNode.isTextual() ? idNode.asText() : null;
            String subject = id == null ? "task #" + (index(task) + 1) : "task " + id;
            JsonNode parent = node.path("parent");
            if (parent.isTextual()) {
                checkLocal(document, task + "/parent", subject, "parent", parent.asText(), id, ids, findings);
            }
            JsonNode dependencies = node.path("dependencies");
            // A mapping here is a schema error (reported by the schema check), not a list to walk.
            for (int i = 0; dependencies.isArray() && i < dependencies.size(); i++) {
                JsonNode dependency = dependencies.get(i);
                if (dependency.isTextual()) {
                    checkDependency(document, task + "/dependencies/" + i, subject, dependency.asText(), id,
                            cycle.stream(), ids, findings);
                }
            }
            if (storyIds.isPresent()) {
                JsonNode links = node.path("linked_story_map_nodes");
                for (int i = 0; i < links.size(); i++) {
                    JsonNode link = links.get(i);
                    if (link.isTextual() && !storyIds.get().contains(link.asText())) {
                        findings.add(withTask(Finding.error(LintCodes.STORY_UNLINKED_NODE, subject
                                + ": linked story-map node `" + link.asText() + "` is not a story of " + storyMapPath,
                                document.locate(task + "/linked_story_map_nodes/" + i)), id));
                    }
                }
            }
        }
    }

    private static void checkDependency(LocatedDocument document, String pointer, String subject, String reference,
            String ownId, String ownStream, IdIndex ids, List<Finding> findings) {
        int colon = reference.indexOf(':');
        if (colon < 0) {
            checkLocal(document, pointer, subject, "dependency", reference, ownId, ids, findings);
            return;
        }
        if (!CROSS_STREAM.matcher(reference).matches()) {
            findings.add(withTask(Finding.error(LintCodes.REF_MALFORMED, subject + ": dependency `" + reference
                    + "` is not a well-formed cross-stream reference: expected stream:ID, e.g. be:PLN-BE-001",
                    document.locate(pointer)), ownId));
            return;
        }
        // A reference into the file's own stream is a local reference written the long way.
        if (reference.substring(0, colon).equals(ownStream)) {
            checkLocal(document, pointer, subject, "dependency", reference.substring(colon + 1), ownId, ids, findings);
        }
    }

    private static void checkLocal(LocatedDocument document, String pointer, String subject, String what,
            String target, String ownId, IdIndex ids, List<Finding> findings) {
        if (target.equals(ownId)) {
            findings.add(withTask(Finding.error(LintCodes.REF_SELF, subject + ": " + what + " `" + target
                    + "` is the task itself", document.locate(pointer)), ownId));
        } else if (!ids.contains(target)) {
            findings.add(withTask(Finding.error(LintCodes.REF_DANGLING, subject + ": " + what + " `" + target
                    + "` is not a task of this file", document.locate(pointer)), ownId));
        }
    }

    private static Finding withTask(Finding finding, String taskId) {
        return taskId == null ? finding : finding.withTask(taskId);
    }

    private static int index(String elementPointer) {
        return Integer.parseInt(elementPointer.substring(elementPointer.lastIndexOf('/') + 1));
    }
}
