package dev.planning.api.artifact;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The tags of a work item, in their written order. Keys compare case-insensitively, so
 * {@code Compliance:sox} in the list form and {@code compliance: sox} in the map form mean the same.
 *
 * <p>Made in code from the list form, or fluently:
 * <pre>{@code
 * Tags tags = Tags.of("criticality:0", "compliance:sox", "release");
 * Tags same = Tags.NONE.with("criticality", "0").with("compliance", "sox").with("release");
 * }</pre>
 *
 * @param values the tags, never {@code null}
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record Tags(List<Tag> values) {

    private static final Pattern DIGITS = Pattern.compile("\\d{1,2}");

    /** No tags. */
    public static final Tags NONE = new Tags(List.of());

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param values the tags, never {@code null}
     */
    public Tags {
        values = List.copyOf(values);
    }

    /**
     * Tags in the list form, each parsed with {@link Tag#parse(String)}: {@code key:value} or a
     * plain label.
     *
     * @param tags tags as written in the list form
     * @return the tags, in the order given
     * @throws NullPointerException when a tag is {@code null}
     * @throws IllegalArgumentException when a tag is blank
     */
    public static Tags of(String... tags) {
        return new Tags(Arrays.stream(tags).map(Tag::parse).toList());
    }

    /**
     * These tags and a key/value tag after them.
     *
     * @param key the tag key
     * @param value the tag's value
     * @return a new {@code Tags}; these are unchanged
     */
    public Tags with(String key, String value) {
        return with(new Tag(key, Optional.of(value)));
    }

    /**
     * These tags and a plain label after them.
     *
     * @param label the plain label
     * @return a new {@code Tags}; these are unchanged
     */
    public Tags with(String label) {
        return with(new Tag(label, Optional.empty()));
    }

    /**
     * These tags and one more after them.
     *
     * @param tag the tag
     * @return a new {@code Tags}; these are unchanged
     */
    public Tags with(Tag tag) {
        List<Tag> more = new ArrayList<>(values);
        more.add(tag);
        return new Tags(more);
    }

    /**
     * The value of the first tag with this key; keys compare folded by {@link Tag#fold(String)}.
     *
     * @param key the tag key, ignoring case and surrounding blanks
     * @return the value of the first tag with this key
     */
    public Optional<String> value(String key) {
        // A loop, not a stream: governance reads several tags of every task of a plan.
        String folded = Tag.fold(key);
        for (Tag tag : values) {
            if (tag.value().isPresent() && Tag.fold(tag.key()).equals(folded)) {
                return tag.value();
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a tag with this key (valued or plain) is present; keys compare folded by {@link Tag#fold(String)}.
     *
     * @param key the tag key, ignoring case and surrounding blanks
     * @return whether a tag with this key (valued or plain) is present
     */
    public boolean has(String key) {
        String folded = Tag.fold(key);
        for (Tag tag : values) {
            if (Tag.fold(tag.key()).equals(folded)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The {@code criticality} tag as a number ({@code 0} = critical), when present and numeric.
     *
     * @return the {@code criticality} tag as a number ({@code 0} = critical), when present and numeric
     */
    public OptionalInt criticality() {
        Optional<String> value = value("criticality").map(String::strip);
        if (value.isPresent() && DIGITS.matcher(value.get()).matches()) {
            return OptionalInt.of(Integer.parseInt(value.get()));
        }
        return OptionalInt.empty();
    }

    /**
     * The {@code compliance} tag, folded as the taxonomy compares values ({@link Tag#fold(String)}:
     * stripped and lower-cased), when present.
     *
     * @return the {@code compliance} tag, stripped and lower-cased, when present
     */
    public Optional<String> compliance() {
        return value("compliance").map(Tag::fold);
    }
}
