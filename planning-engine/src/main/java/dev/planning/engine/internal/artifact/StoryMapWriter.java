package dev.planning.engine.internal.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.planning.api.artifact.StoryMap;
import dev.planning.engine.internal.workspace.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Writes a {@link StoryMap} as {@code story_map.md}: the structured map as YAML front matter, then
 * the narrative. {@link StoryMapReader} reads it back to the same map.
 */
public final class StoryMapWriter {

    private StoryMapWriter() {
    }

    /** The story map as Markdown with front matter. */
    public static String toMarkdown(StoryMap map) {
        FrontMatter front = new FrontMatter(map.version(), map.cycleId(), map.stream(), map.title(),
                map.slices().stream().map(slice -> new Slice(slice.id(), slice.title())).toList(),
                map.activities().stream().map(activity -> new ActivityEntry(activity.id(), activity.title(),
                        activity.stories().stream().map(story -> new StoryEntry(story.id(), story.title(), story.slice()))
                                .toList())).toList());
        return "---\n" + YamlOutput.renderBody(front) + "---\n" + map.narrative();
    }

    /** The story map's front matter; {@code slices} only when there are some. */
    @JsonPropertyOrder({"version", "cycle_id", "stream", "title", "slices", "activities"})
    private record FrontMatter(String version, @JsonProperty("cycle_id") String cycleId, String stream, String title,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Slice> slices, List<ActivityEntry> activities) {
    }

    @JsonPropertyOrder({"id", "title"})
    private record Slice(String id, String title) {
    }

    @JsonPropertyOrder({"id", "title", "stories"})
    private record ActivityEntry(String id, String title,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<StoryEntry> stories) {
    }

    @JsonPropertyOrder({"id", "title", "slice"})
    private record StoryEntry(String id, String title, @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> slice) {
    }

    /**
     * Writes the story map atomically, refusing to replace an existing file.
     *
     * @throws dev.planning.api.InvalidInputException when the file exists
     */
    public static void writeNew(Path file, StoryMap map) {
        AtomicFiles.writeNew(file, toMarkdown(map).getBytes(StandardCharsets.UTF_8));
    }
}
