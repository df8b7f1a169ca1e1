package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;

/**
 * The tags of a work item, in their written order. Keys compare case-insensitively, so
 * {@code Compliance:sox} in the list form and {@code compliance: sox} in the map form mean the same.
 *
 * @param values the tags, never {@code null}
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record Tags(List<Tag> values) {

    /** No tags. */
    public static final Tags NONE = new Tags(List.of());

    public Tags {
        values = List.copyOf(values);
    }

    /** The value of the first tag with this key. */
    public Optional<String> value(String key) {
        return values.stream()
                .filter(t -> t.key().equalsIgnoreCase(key))
                .flatMap(t -> t.value().stream())
                .findFirst();
    }

    /** Whether a tag with this key (valued or plain) is present. */
    public boolean has(String key) {
        return values.stream().anyMatch(t -> t.key().equalsIgnoreCase(key));
    }

    /** The {@code criticality} tag as a number ({@code 0} = critical), when present and numeric. */
    public OptionalInt criticality() {
        Optional<String> value = value("criticality");
        if (value.isPresent() && value.get().matches("\\d{1,2}")) {
            return OptionalInt.of(Integer.parseInt(value.get()));
        }
        return OptionalInt.empty();
    }

    /** The {@code compliance} tag, lower-cased, when present. */
    public Optional<String> compliance() {
        return value("compliance").map(v -> v.toLowerCase(Locale.ROOT));
    }
}
