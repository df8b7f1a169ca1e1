package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A stream's story map for one cycle ({@code story_map.md}): the structured map from the YAML
 * front matter and the Markdown narrative that follows it.
 *
 * @param version    the artifact schema version
 * @param cycleId    the cycle
 * @param stream     the stream
 * @param title      the map's title
 * @param activities the backbone, in order
 * @param slices     the release slices, in order
 * @param narrative  the Markdown body, as written
 * @param source     the workspace-relative file it was read from
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record StoryMap(
        String version,
        String cycleId,
        String stream,
        String title,
        List<Activity> activities,
        List<ReleaseSlice> slices,
        String narrative,
        String source) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param version the artifact schema version
     * @param cycleId the cycle
     * @param stream the stream
     * @param title the map's title
     * @param activities the backbone, in order
     * @param slices the release slices, in order
     * @param narrative the Markdown body, as written
     * @param source the workspace-relative file it was read from
     */
    public StoryMap {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(cycleId, "cycleId");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(title, "title");
        activities = List.copyOf(activities);
        slices = List.copyOf(slices);
        Objects.requireNonNull(narrative, "narrative");
        Objects.requireNonNull(source, "source");
    }

    /**
     * Every story of every activity, in order.
     *
     * @return every story of every activity, in order
     */
    public List<Story> stories() {
        return activities.stream().flatMap(a -> a.stories().stream()).toList();
    }

    /**
     * The story with this id.
     *
     * @param id a story id such as {@code S-CHECKOUT-2}
     * @return the story with this id
     */
    public Optional<Story> story(String id) {
        return stories().stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
