package dev.planning.engine.internal.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.artifact.Activity;
import dev.planning.api.artifact.ReleaseSlice;
import dev.planning.api.artifact.Story;
import dev.planning.api.artifact.StoryMap;
import dev.planning.engine.internal.document.LocatedDocument;
import dev.planning.engine.internal.document.MarkdownDocument;
import dev.planning.engine.internal.document.MarkdownDocuments;
import dev.planning.engine.internal.schema.ArtifactSchema;
import dev.planning.engine.internal.schema.SchemaCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a story map ({@code story_map.md}: YAML front matter, then a Markdown narrative) into a
 * {@link StoryMap}, each story located at its {@code id}. Thread-safe.
 */
public final class StoryMapReader {

    private final ReaderSchemas schemas;

    /** A reader using the shipped schemas, loaded when a file is first read. */
    public StoryMapReader() {
        this.schemas = ReaderSchemas.shipped();
    }

    public StoryMapReader(SchemaCatalog catalog) {
        this.schemas = ReaderSchemas.of(catalog);
    }

    /** Reads a file; an unreadable file or missing front matter gives a failed result with one finding. */
    public ReadResult<StoryMap> read(Path file, String displayPath) {
        return ReaderSchemas.readFile(file, displayPath, MarkdownDocuments::read, this::read);
    }

    /** Validates the front matter against the story-map schema and builds the model. */
    public ReadResult<StoryMap> read(MarkdownDocument markdown) {
        return schemas.validated(markdown.frontMatter(), ArtifactSchema.STORY_MAP,
                document -> storyMap(document, markdown.body()));
    }

    private static StoryMap storyMap(LocatedDocument document, String body) {
        JsonNode root = document.root();
        List<ReleaseSlice> slices = new ArrayList<>();
        root.path("slices").forEach(slice ->
                slices.add(new ReleaseSlice(Fields.required(slice, "id"), Fields.required(slice, "title"))));
        List<Activity> activities = new ArrayList<>();
        JsonNode activityNodes = root.path("activities");
        for (int a = 0; a < activityNodes.size(); a++) {
            JsonNode activity = activityNodes.get(a);
            List<Story> stories = new ArrayList<>();
            JsonNode storyNodes = activity.path("stories");
            for (int s = 0; s < storyNodes.size(); s++) {
                JsonNode story = storyNodes.get(s);
                stories.add(new Story(Fields.required(story, "id"), Fields.required(story, "title"),
                        Fields.text(story, "slice"), document.locate("/activities/" + a + "/stories/" + s + "/id")));
            }
            activities.add(new Activity(Fields.required(activity, "id"), Fields.required(activity, "title"), stories));
        }
        return new StoryMap(Fields.required(root, "version"), Fields.required(root, "cycle_id"),
                Fields.required(root, "stream"), Fields.required(root, "title"), activities, slices, body,
                document.file());
    }
}
