package dev.planning.engine.internal.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.gate.Finding;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.engine.internal.document.LocatedDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The checks of a story map's front matter that its schema cannot express. */
final class StoryMapChecks {

    private StoryMapChecks() {
    }

    /** Checks the map and returns its story ids, for resolving the tasks' links. */
    static Set<String> check(LocatedDocument document, CycleRef cycle, List<Finding> findings) {
        HeaderChecks.check(document, cycle, findings);
        IdIndex.of(document, "activity id", HeaderChecks.elements(document, "/activities"), false, findings);
        IdIndex slices = IdIndex.of(document, "slice id", HeaderChecks.elements(document, "/slices"), false, findings);
        List<String> stories = new ArrayList<>();
        for (String activity : HeaderChecks.elements(document, "/activities")) {
            stories.addAll(HeaderChecks.elements(document, activity + "/stories"));
        }
        IdIndex storyIds = IdIndex.of(document, "story id", stories, false, findings);
        for (String story : stories) {
            JsonNode slice = document.root().at(story + "/slice");
            if (slice.isTextual() && !slices.contains(slice.asText())) {
                JsonNode id = document.root().at(story + "/id");
                findings.add(Finding.error(LintCodes.REF_DANGLING, "story " + id.asText("?") + ": slice `"
                        + slice.asText() + "` is not a slice of this map (slices: "
                        + (slices.ids().isEmpty() ? "none" : String.join(", ", slices.ids())) + ")",
                        document.locate(story + "/slice")));
            }
        }
        return Set.copyOf(storyIds.ids());
    }
}
