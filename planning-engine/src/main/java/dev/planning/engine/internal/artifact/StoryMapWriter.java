package dev.planning.engine.internal.artifact;

import dev.planning.api.artifact.Activity;
import dev.planning.api.artifact.ReleaseSlice;
import dev.planning.api.artifact.Story;
import dev.planning.api.artifact.StoryMap;
import dev.planning.engine.internal.workspace.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link StoryMap} as {@code story_map.md}: the structured map as YAML front matter, then
 * the narrative. {@link StoryMapReader} reads it back to the same map.
 */
public final class StoryMapWriter {

    private StoryMapWriter() {
    }

    /** The story map as Markdown with front matter. */
    public static String toMarkdown(StoryMap map) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", map.version());
        root.put("cycle_id", map.cycleId());
        root.put("stream", map.stream());
        root.put("title", map.title());
        List<Object> slices = new ArrayList<>();
        for (ReleaseSlice slice : map.slices()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", slice.id());
            out.put("title", slice.title());
            slices.add(out);
        }
        if (!slices.isEmpty()) {
            root.put("slices", slices);
        }
        List<Object> activities = new ArrayList<>();
        for (Activity activity : map.activities()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", activity.id());
            out.put("title", activity.title());
            List<Object> stories = new ArrayList<>();
            for (Story story : activity.stories()) {
                Map<String, Object> storyOut = new LinkedHashMap<>();
                storyOut.put("id", story.id());
                storyOut.put("title", story.title());
                story.slice().ifPresent(slice -> storyOut.put("slice", slice));
                stories.add(storyOut);
            }
            if (!stories.isEmpty()) {
                out.put("stories", stories);
            }
            activities.add(out);
        }
        root.put("activities", activities);
        return "---\n" + YamlOutput.renderBody(root) + "---\n" + map.narrative();
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
