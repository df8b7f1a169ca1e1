package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.SourceLocation;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A story of the story map, under an activity of the backbone.
 *
 * @param id       unique within the map, e.g. {@code S-CHECKOUT-1}; tasks link to it
 * @param title    what the user can do
 * @param slice    the release slice it belongs to, by slice id
 * @param location where it is written in the story map's front matter
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record Story(String id, String title, Optional<String> slice, SourceLocation location) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param id unique within the map, e.g. {@code S-CHECKOUT-1}; tasks link to it
     * @param title what the user can do
     * @param slice the release slice it belongs to, by slice id
     * @param location where it is written in the story map's front matter
     */
    public Story {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(slice, "slice");
        Objects.requireNonNull(location, "location");
    }
}
