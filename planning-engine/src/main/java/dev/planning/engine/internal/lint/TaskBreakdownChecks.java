package dev.planning.engine.internal.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.artifact.PersonNames;
import dev.planning.api.gate.Finding;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.document.LocatedDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The checks of a task breakdown that its schema cannot express. They work on the located
 * document, not on the model, so they still run when the file has schema errors.
 */
final class TaskBreakdownChecks {

    private static final Pattern CROSS_STREAM = Pattern.compile("[a-z][a-z0-9-]{0,31}:[A-Za-z0-9][A-Za-z0-9._-]*");

    /** The items of a parent loop a finding names before "...". */
    private static final int SHOWN_LOOP = 20;

    /** The kinds, highest level first, with their article. */
    private static final List<String> KINDS = List.of("an epic", "a story", "a task");

    /** What may enclose each kind, by level: its own kind or one above it (SPEC: items "may nest"). */
    private static final List<String> ENCLOSED_BY = List.of("an epic", "an epic or a story", "an epic, a story or a task");

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
        int before = findings.size();
        IdIndex ids = IdIndex.of(document, "task id", tasks, true, findings);
        List<Finding> duplicates = List.copyOf(findings.subList(before, findings.size()));
        List<Finding> references = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, String> pointers = new LinkedHashMap<>();
        for (String task : tasks) {
            JsonNode node = document.root().at(task);
            JsonNode idNode = node.path("id");
            String id = idNode.isTextual() ? idNode.asText() : null;
            String subject = id == null ? "task #" + (index(task) + 1) : "task " + id;
            if (id != null && !seen.add(id)) {
                // A second task under a used id: what it refers to says nothing new, the duplicate does.
                continue;
            }
            if (id != null) {
                pointers.put(id, task);
            }
            placeholders(document, task, node, subject, id, findings);
            approvers(document, task, node, subject, id, findings);
            JsonNode parent = node.path("parent");
            if (parent.isTextual()) {
                checkLocal(document, task + "/parent", subject, "parent", parent.asText(), id, ids, references);
            }
            JsonNode dependencies = node.path("dependencies");
            // A mapping here is a schema error (reported by the schema check), not a list to walk.
            for (int i = 0; dependencies.isArray() && i < dependencies.size(); i++) {
                JsonNode dependency = dependencies.get(i);
                if (dependency.isTextual()) {
                    checkDependency(document, task + "/dependencies/" + i, subject, dependency.asText(), id,
                            cycle.stream(), ids, references);
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
        foldIntoDuplicate(duplicates, references, findings);
        parentChains(document, pointers, findings);
    }

    /**
     * The hierarchy {@code kind} and {@code parent} write: parents that lead back to an item (one
     * finding per loop, at the parent of its first item in the file, showing the loop), and an item whose
     * parent is of a lower level (an epic under a story or a task, a story under a task; an item without
     * {@code kind} is a task, as the model reads it). Items nest within a level: an epic under an epic, a
     * story under a story, a sub-task under a task are honest plans. An item on a loop is not reported a
     * second time for its parent's kind. Parents that name nothing, or the item itself, are
     * reported as references; a {@code kind} outside the schema's is the schema's error.
     */
    private static void parentChains(LocatedDocument document, Map<String, String> pointers, List<Finding> findings) {
        Map<String, String> parents = new LinkedHashMap<>();
        pointers.forEach((id, pointer) -> {
            JsonNode parent = document.root().at(pointer).path("parent");
            if (parent.isTextual() && !parent.asText().equals(id) && pointers.containsKey(parent.asText())) {
                parents.put(id, parent.asText());
            }
        });
        List<String> order = new ArrayList<>(pointers.keySet());
        Map<String, Integer> position = new HashMap<>();
        order.forEach(id -> position.put(id, position.size()));
        Set<String> done = new HashSet<>();
        Set<String> looped = new HashSet<>();
        for (String start : order) {
            // Each item is walked once: a walk stops at an item an earlier walk passed (O(items) in all).
            Map<String, Integer> path = new LinkedHashMap<>();
            String at = start;
            while (at != null && !done.contains(at) && !path.containsKey(at)) {
                path.put(at, path.size());
                at = parents.get(at);
            }
            if (at != null && path.containsKey(at)) {
                List<String> loop = new ArrayList<>(path.keySet()).subList(path.get(at), path.size());
                String first = loop.stream().min(Comparator.comparing(position::get)).orElseThrow();
                List<String> shown = new ArrayList<>();
                for (String item = first; shown.size() <= loop.size(); item = parents.get(item)) {
                    shown.add(item);
                }
                String text = shown.size() > SHOWN_LOOP ? String.join(" -> ", shown.subList(0, SHOWN_LOOP))
                        + " -> ... (" + loop.size() + " items)" : String.join(" -> ", shown);
                findings.add(Finding.error(LintCodes.REF_PARENT_CYCLE, "task " + first + ": parents form a loop: " + text
                        + "; none of them is enclosed by anything", document.locate(pointers.get(first) + "/parent"))
                        .withTask(first));
                looped.addAll(loop);
            }
            done.addAll(path.keySet());
        }
        parents.forEach((id, parent) -> {
            int level = level(document.root().at(pointers.get(id)).path("kind"));
            int above = level(document.root().at(pointers.get(parent)).path("kind"));
            if (!looped.contains(id) && level >= 0 && above >= 0 && above > level) {
                findings.add(Finding.error(LintCodes.REF_PARENT_KIND, "task " + id + ": parent `" + parent + "` is "
                        + KINDS.get(above) + "; " + KINDS.get(level) + " is enclosed only by " + ENCLOSED_BY.get(level),
                        document.locate(pointers.get(id) + "/parent")).withTask(id));
            }
        });
    }

    /** An item's level (0 an epic, 1 a story, 2 a task; no kind is a task), or -1 for a kind the schema refuses. */
    private static int level(JsonNode kind) {
        if (kind.isMissingNode()) {
            return 2;
        }
        return kind.isTextual() ? List.of("epic", "story", "task").indexOf(kind.asText()) : -1;
    }

    /**
     * One mistake, one message: a task whose id was changed into a duplicate leaves the references
     * to its old id dangling. With exactly one duplicate, those dangling references are named in
     * the duplicate's finding instead of reported one by one.
     */
    private static void foldIntoDuplicate(List<Finding> duplicates, List<Finding> references, List<Finding> findings) {
        List<Finding> dangling = references.stream().filter(f -> f.code().equals(LintCodes.REF_DANGLING)).toList();
        Set<String> missing = new TreeSet<>();
        dangling.forEach(f -> {
            int start = f.message().indexOf('`');
            missing.add(f.message().substring(start + 1, f.message().indexOf('`', start + 1)));
        });
        // Folded only when the duplicate is one edit away from the one missing id (FE-10 copied to
        // make FE-11, its id left unchanged): anything else is a separate mistake, reported as such.
        if (duplicates.size() != 1 || missing.size() != 1
                || !oneEditApart(duplicates.get(0).taskId().orElse(""), missing.iterator().next())) {
            findings.addAll(references);
            return;
        }
        Finding duplicate = duplicates.get(0);
        String lines = dangling.stream().map(f -> f.location().map(l -> "line " + l.line()).orElse("?"))
                .collect(Collectors.joining(", "));
        Finding folded = new Finding(duplicate.code(), duplicate.severity(), duplicate.message() + "; was it meant to be "
                + String.join(" or ", missing) + "? " + (missing.size() == 1 ? "That id is" : "Those ids are")
                + " referred to (" + lines + ") but no task has " + (missing.size() == 1 ? "it" : "them"),
                duplicate.location(), duplicate.taskId());
        findings.set(findings.indexOf(duplicate), folded);
        references.stream().filter(f -> !dangling.contains(f)).forEach(findings::add);
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

    /** Whether two ids differ by one character replaced, added or removed. */
    static boolean oneEditApart(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 1 || a.equals(b)) {
            return false;
        }
        int i = 0;
        while (i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        String restA = a.substring(Math.min(i + (a.length() >= b.length() ? 1 : 0), a.length()));
        String restB = b.substring(Math.min(i + (b.length() >= a.length() ? 1 : 0), b.length()));
        return restA.equals(restB);
    }

    /** The starter's placeholders, still unedited: a plan nobody has written yet. */
    private static void placeholders(LocatedDocument document, String task, JsonNode node, String subject, String id,
            List<Finding> findings) {
        if (node.path("owner").asText("").equals(Placeholders.OWNER)) {
            findings.add(withTask(Finding.error(LintCodes.PLACEHOLDER, subject + ": owner `" + Placeholders.OWNER
                    + "` is the placeholder `planning init` wrote; name who owns the task", document.locate(task + "/owner")), id));
        }
        if (node.path("description").asText("").equals(Placeholders.DESCRIPTION)) {
            findings.add(withTask(Finding.error(LintCodes.PLACEHOLDER, subject + ": the description is the placeholder"
                    + " `planning init` wrote; describe the work", document.locate(task + "/description")), id));
        }
        JsonNode criteria = node.path("acceptance_criteria");
        for (int i = 0; criteria.isArray() && i < criteria.size(); i++) {
            if (criteria.get(i).asText("").equals(Placeholders.CRITERION)) {
                findings.add(withTask(Finding.error(LintCodes.PLACEHOLDER, subject + ": acceptance criterion \""
                        + Placeholders.CRITERION + "\" is the placeholder `planning init` wrote; say what"
                        + " done means for this task", document.locate(task + "/acceptance_criteria/" + i)), id));
            }
        }
    }

    /**
     * An approver whose name is not clear ({@link PersonNames#unclear}) counts as no approval in
     * governance, where two entries a reader takes for one person would otherwise count twice; lint
     * says so at the name.
     */
    private static void approvers(LocatedDocument document, String task, JsonNode node, String subject, String id,
            List<Finding> findings) {
        JsonNode approvals = node.path("controls").path("approvals");
        for (int i = 0; approvals.isArray() && i < approvals.size(); i++) {
            JsonNode approver = approvals.get(i);
            Optional<String> why = approver.isTextual() ? PersonNames.unclear(approver.asText().strip()) : Optional.empty();
            if (why.isPresent()) {
                findings.add(withTask(Finding.error(LintCodes.APPROVER_UNCLEAR, subject + ": approver `" + approver.asText()
                        + "` " + why.get() + ", so it could pass for another approver and counts as no approval; write"
                        + " the name in one script with ASCII punctuation", document.locate(task + "/controls/approvals/" + i)), id));
            }
        }
    }

    private static Finding withTask(Finding finding, String taskId) {
        return taskId == null ? finding : finding.withTask(taskId);
    }

    private static int index(String elementPointer) {
        return Integer.parseInt(elementPointer.substring(elementPointer.lastIndexOf('/') + 1));
    }
}
