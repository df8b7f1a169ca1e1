package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A user activity of the story map's backbone, with the stories under it.
 *
 * @param id      unique within the map
 * @param title   the activity, e.g. "Plan creation"
 * @param stories its stories, in written order
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record Activity(String id, String title, List<Story> stories) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param id unique within the map
     * @param title the activity, e.g. "Plan creation"
     * @param stories its stories, in written order
     */
    public Activity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        stories = List.copyOf(stories);
    }
}
