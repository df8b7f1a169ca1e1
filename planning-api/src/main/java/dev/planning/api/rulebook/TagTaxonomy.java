package dev.planning.api.rulebook;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.Printable;
import dev.planning.api.artifact.Tag;
import dev.planning.api.rulebook.Rulebook;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The rulebook's tag taxonomy ({@code taxonomy:} in {@code rulebook.yaml}) as a fail-closed check:
 * a tag whose key the taxonomy governs (e.g. {@code criticality}, {@code compliance},
 * {@code data_classification}) must carry one of the allowed values, and an item must not give the
 * same governed key two different values. Keys and values compare ignoring case and surrounding
 * blanks, both folded by {@link #foldKey(String)}.
 *
 * <p>Lint ({@code tag.unknown-value}, {@code tag.conflicting-value}) and the governance gate
 * ({@code governance.taxonomy-unknown-value}, {@code governance.taxonomy-conflicting-value}) both
 * judge with this class, so they agree.
 *
 * <pre>{@code
 * TagTaxonomy taxonomy = TagTaxonomy.of(rulebook);
 * List<String> problems = new ArrayList<>();
 * for (TagTaxonomy.Problem p : taxonomy.check(task.tags().values())) {
 *     problems.add(p.message("task " + task.id()));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class TagTaxonomy {

    /** A taxonomy that governs no key: every value passes. */
    public static final TagTaxonomy NONE = new TagTaxonomy(Map.of());

    /** The key whose unreadable values governance counts as critical. */
    public static final String CRITICALITY = "criticality";

    private final Map<String, List<String>> allowed;

    private TagTaxonomy(Map<String, List<String>> taxonomy) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        taxonomy.forEach((k, v) -> copy.put(foldKey(k), List.copyOf(v)));
        this.allowed = Collections.unmodifiableMap(copy);
    }

    /**
     * The taxonomy of a rulebook.
     *
     * @param rulebook the rulebook
     * @return the taxonomy of a rulebook
     */
    public static TagTaxonomy of(Rulebook rulebook) {
        return of(rulebook.taxonomy());
    }

    /**
     * A taxonomy from allowed values per key, e.g. {@code compliance -> [sox, gdpr, hipaa, none]}.
     *
     * @param taxonomy allowed values by tag key
     * @return a taxonomy from allowed values per key, e.g. {@code compliance -> [sox, gdpr, hipaa, none]}
     */
    public static TagTaxonomy of(Map<String, List<String>> taxonomy) {
        return new TagTaxonomy(Objects.requireNonNull(taxonomy, "taxonomy"));
    }

    /**
     * A tag key as the taxonomy compares it: without surrounding blanks (what {@link String#strip()}
     * removes) and in lower case by {@link Locale#ROOT}, so the same on every machine ({@code TITLE}
     * folds to {@code title} under a Turkish default locale too). Two keys are one governed key when
     * they fold alike; the rulebook refuses a taxonomy with two such keys.
     *
     * <p>It is {@link Tag#fold(String)}, the one fold every check of tag keys and governed values uses.
     *
     * @param key the key as written
     * @return the key folded: stripped and lower-cased by {@link Locale#ROOT}
     * @since 0.1
     */
    public static String foldKey(String key) {
        return Tag.fold(Objects.requireNonNull(key, "key"));
    }

    /**
     * Whether the taxonomy lists allowed values for this key (ignoring case).
     *
     * @param key the tag key
     * @return whether the taxonomy lists allowed values for this key (ignoring case)
     */
    public boolean governs(String key) {
        return allowed.containsKey(foldKey(key));
    }

    /**
     * The allowed values of a key, in the rulebook's order; empty when it does not govern the key.
     *
     * @param key the tag key
     * @return the allowed values of a key, in the rulebook's order; empty when it does not govern the key
     */
    public List<String> allowedValues(String key) {
        return allowed.getOrDefault(foldKey(key), List.of());
    }

    /**
     * The allowed value a written value stands for, ignoring case and surrounding blanks; empty when
     * the key is governed and the value is not allowed (or absent). An ungoverned key accepts anything.
     *
     * @param key the tag key
     * @param value the value as written
     * @return the allowed value a written value stands for, ignoring case and surrounding blanks; empty when
     *         the key is governed and the value is not allowed (or absent)
     */
    public Optional<String> canonical(String key, Optional<String> value) {
        if (!governs(key)) {
            return Optional.of(value.orElse(""));
        }
        // Values fold as keys do.
        String wanted = value.map(TagTaxonomy::foldKey).orElse("");
        return allowedValues(key).stream().filter(a -> foldKey(a).equals(wanted)).findFirst();
    }

    /**
     * Every problem with the governed tags of one item, in the tags' order: a value outside the
     * taxonomy (or no value), and a governed key given again with a different value.
     *
     * @param tags the item's tags as written, never {@code null}
     * @return the problems; empty when the item's tags are all classifiable
     */
    public List<Problem> check(List<Tag> tags) {
        List<Problem> problems = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (int i = 0; i < tags.size(); i++) {
            Tag tag = tags.get(i);
            String key = foldKey(tag.key());
            if (!allowed.containsKey(key)) {
                continue;
            }
            String shown = tag.value().map(String::strip).orElse("");
            Optional<String> value = canonical(key, tag.value());
            if (value.isEmpty()) {
                problems.add(new Problem(i, key, shown, Kind.UNKNOWN_VALUE, allowedValues(key), suggest(key, shown),
                        Optional.empty()));
                continue;
            }
            String previous = seen.putIfAbsent(key, value.get());
            if (previous != null && !previous.equals(value.get())) {
                problems.add(new Problem(i, key, shown, Kind.CONFLICTING_VALUE, allowedValues(key), Optional.empty(),
                        Optional.of(previous)));
            }
        }
        return List.copyOf(problems);
    }

    /**
     * The allowed value a mistyped one most likely meant: one that reads the same once look-alike
     * characters are mapped ({@code O} to {@code 0}, {@code l} to {@code 1}), else the single
     * closest value within a small edit distance ({@code soxx} to {@code sox}, {@code gpdr} to
     * {@code gdpr}); empty when no value is clearly meant.
     *
     * @param key the tag key
     * @param value the value as written
     * @return the allowed value a mistyped one most likely meant: one that reads the same once look-alike
     *         characters are mapped ({@code O} to {@code 0}, {@code l} to {@code 1}), else the single closest
     *         value within a small edit distance ({@code soxx} to {@code sox}, {@code gpdr} to {@code gdpr});
     *         empty when no value is clearly meant
     */
    public Optional<String> suggest(String key, String value) {
        String written = foldKey(value);
        if (written.isEmpty()) {
            return Optional.empty();
        }
        List<String> values = allowedValues(key);
        String lookAlike = lookAlike(written);
        // Allowed values fold as the written one does (and as canonical compares them): stripped, then lower-cased.
        for (String candidate : values) {
            if (lookAlike(foldKey(candidate)).equals(lookAlike)) {
                return Optional.of(candidate);
            }
        }
        int best = Integer.MAX_VALUE;
        List<String> closest = new ArrayList<>();
        for (String candidate : values) {
            int distance = distance(written, foldKey(candidate));
            if (distance < best) {
                best = distance;
                closest.clear();
            }
            if (distance == best) {
                closest.add(candidate);
            }
        }
        int limit = Math.max(1, written.length() / 3);
        return closest.size() == 1 && best <= limit ? Optional.of(closest.get(0)) : Optional.empty();
    }

    private static String lookAlike(String text) {
        StringBuilder mapped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            mapped.append(switch (c) {
                case 'o' -> '0';
                case 'l', 'i', '|' -> '1';
                case 'z' -> '2';
                case 's' -> '5';
                case 'b' -> '8';
                default -> c;
            });
        }
        return mapped.toString();
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** What is wrong with a governed tag. */
    public enum Kind {
        /** The value is not one the taxonomy allows, or the tag has no value. */
        UNKNOWN_VALUE,
        /** The key was given before with a different allowed value. */
        CONFLICTING_VALUE
    }

    /**
     * One problem with a governed tag.
     *
     * @param index      the tag's position in the item's tags
     * @param key        the governed key, lower-cased
     * @param value      the value as written, stripped; empty for a plain label
     * @param kind       what is wrong
     * @param allowed    the allowed values of the key
     * @param suggestion the allowed value most likely meant, for an unknown value
     * @param previous   the value given earlier, for a conflicting value
     */
    public record Problem(int index, String key, String value, Kind kind, List<String> allowed,
            Optional<String> suggestion, Optional<String> previous) {

        /**
         * Creates the record; the class comment says what each component holds.
         *
         * @param index the tag's position in the item's tags
         * @param key the governed key, lower-cased
         * @param value the value as written, stripped; empty for a plain label
         * @param kind what is wrong
         * @param allowed the allowed values of the key
         * @param suggestion the allowed value most likely meant, for an unknown value
         * @param previous the value given earlier, for a conflicting value
         */
        public Problem {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(kind, "kind");
            allowed = List.copyOf(allowed);
            Objects.requireNonNull(suggestion, "suggestion");
            Objects.requireNonNull(previous, "previous");
        }

        /**
         * The message for a person, prefixed with the item it concerns ({@code task FE-12}); for
         * {@code criticality} it says that governance counts the item as critical.
         *
         * @param subject the item concerned, e.g. {@code task FE-12}
         * @return the message for a person, prefixed with the item it concerns ({@code task FE-12}); for
         *         {@code criticality} it says that governance counts the item as critical
         */
        public String message(String subject) {
            String critical = key.equals(CRITICALITY)
                    ? ". Until it is fixed, governance counts the item as critical (criticality 0)" : "";
            if (kind == Kind.CONFLICTING_VALUE) {
                return subject + ": tag `" + key + "` is given twice, as \"" + previous.orElse("") + "\" and \""
                        + value + "\"; give it once"
                        + (key.equals(CRITICALITY) ? ". Until it is fixed, governance judges the more critical one" : "");
            }
            String found = value.isEmpty() ? "has no value" : "is \"" + shorten(value) + "\"";
            return subject + ": tag `" + key + "` " + found + ", which the rulebook's taxonomy does not allow"
                    + " (allowed: " + String.join(", ", allowed) + ")"
                    + suggestion.map(s -> "; did you mean \"" + s + "\"?").orElse("")
                    + (suggestion.isPresent() ? critical.replaceFirst("^\\. ", " ") : critical);
        }

        private static String shorten(String text) {
            String shown = text.length() > 60 ? text.substring(0, 60) + "..." : text;
            return Printable.line(shown);
        }
    }
}
