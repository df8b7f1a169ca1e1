package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A horizontal release slice of the story map, such as "walking skeleton" or "release 1".
 *
 * @param id    referenced by {@link Story#slice()}
 * @param title the slice's name
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record ReleaseSlice(String id, String title) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param id referenced by {@link Story#slice()}
     * @param title the slice's name
     */
    public ReleaseSlice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
    }
}
