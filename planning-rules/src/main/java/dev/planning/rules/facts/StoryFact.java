package dev.planning.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.Story;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One story of the cycle's story map, as rules see it.
 *
 * @param id       the story id
 * @param title    what the user can do
 * @param activity the title of the backbone activity it sits under
 * @param slice    its release slice id, or {@code null}
 * @param location where it is written
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record StoryFact(String id, String title, String activity, String slice, SourceLocation location) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param id the story id
     * @param title what the user can do
     * @param activity the title of the backbone activity it sits under
     * @param slice its release slice id, or {@code null}
     * @param location where it is written
     */
    public StoryFact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(location, "location");
    }

    /**
     * The fact for a story under an activity.
     *
     * @param story the story
     * @param activity the title of the activity it sits under
     * @return the fact for a story under an activity
     */
    public static StoryFact of(Story story, String activity) {
        return new StoryFact(story.id(), story.title(), activity, Text.orNull(story.slice()), story.location());
    }
}
