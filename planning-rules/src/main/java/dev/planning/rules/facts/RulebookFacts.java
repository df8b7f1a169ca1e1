package dev.planning.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.artifact.Tag;
import dev.planning.api.artifact.Tags;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.rulebook.TagTaxonomy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The rulebook's settings, inserted as one fact so that rules read thresholds, the tag taxonomy
 * and the required tags from data instead of hard-coding them:
 * <pre class="language-drl">{@code
 * $rb : RulebookFacts()
 * $t  : TaskFact(criticality == 0, approvals < $rb.intThreshold("critical_approvals", 3))
 * }</pre>
 *
 * @param thresholds   named numbers from {@code rulebook.yaml}
 * @param taxonomy     allowed values per tag key
 * @param requiredTags tag keys every item must carry
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RulebookFacts(Map<String, Double> thresholds, Map<String, List<String>> taxonomy, List<String> requiredTags) {

    /** The tag key that carries an item's criticality. */
    public static final String CRITICALITY = "criticality";

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param thresholds named numbers from {@code rulebook.yaml}
     * @param taxonomy allowed values per tag key
     * @param requiredTags tag keys every item must carry
     */
    public RulebookFacts {
        thresholds = Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
        Map<String, List<String>> copied = new LinkedHashMap<>();
        taxonomy.forEach((k, v) -> copied.put(k, List.copyOf(v)));
        taxonomy = Collections.unmodifiableMap(copied);
        requiredTags = List.copyOf(requiredTags);
    }

    /**
     * The settings of a rulebook.
     *
     * @param rulebook the rulebook
     * @return the settings of a rulebook
     */
    public static RulebookFacts of(Rulebook rulebook) {
        return new RulebookFacts(rulebook.thresholds(), rulebook.taxonomy(), rulebook.requiredTags());
    }

    /**
     * A threshold, or the fallback when the rulebook does not set it.
     *
     * @param name the threshold's name
     * @param fallback the value when the rulebook does not set it
     * @return a threshold, or the fallback when the rulebook does not set it
     */
    public double threshold(String name, double fallback) {
        return thresholds.getOrDefault(name, fallback);
    }

    /**
     * A threshold that is a whole number, or the fallback. A value that is not a whole number an
     * {@code int} holds (e.g. {@code 2.5}) is refused, never rounded: the evaluation fails with an
     * {@link InvalidInputException} located at {@code rulebook.yaml} (the rulebook's schema refuses such a
     * value for the thresholds the shipped rules and the engine read when the rulebook is loaded).
     *
     * @param name the threshold's name
     * @param fallback the value when the rulebook does not set it
     * @return a threshold as a whole number, or the fallback
     * @throws InvalidInputException when the threshold is set and is not a whole number an {@code int} holds
     */
    public int intThreshold(String name, int fallback) {
        Double value = thresholds.get(name);
        if (value == null) {
            return fallback;
        }
        if (value != Math.rint(value) || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new InvalidInputException("thresholds." + name + " is " + value + "; a rule reads it as a whole number"
                    + " (from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")", SourceLocation.ofFile("rulebook.yaml"));
        }
        return value.intValue();
    }

    /**
     * The tag keys that have a list of allowed values.
     *
     * @return the tag keys that have a list of allowed values
     */
    public List<String> taxonomyKeys() {
        return List.copyOf(taxonomy.keySet());
    }

    /**
     * Whether a value is allowed for a tag key. Keys and values compare as {@link TagTaxonomy} compares
     * them, folded by {@link TagTaxonomy#foldKey}: ignoring case and surrounding blanks. A key without
     * a taxonomy allows everything.
     *
     * @param key the tag key
     * @param value the tag's value
     * @return whether a value is allowed for a tag key, ignoring case and surrounding blanks
     */
    public boolean allows(String key, String value) {
        List<String> allowed = governed(key);
        if (allowed == null) {
            return true;
        }
        String wanted = value == null ? "" : TagTaxonomy.foldKey(value);
        // A loop, not a stream: rules call this for every task and tag key.
        for (String a : allowed) {
            if (TagTaxonomy.foldKey(a).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The allowed values of a key the taxonomy governs, or {@code null}. The key as written first (the
     * shipped rules ask with the taxonomy's own keys), then folded: a rule asking for {@code COMPONENT}
     * must not be told that an ungoverned key allows everything when the taxonomy governs
     * {@code component} (the gate's {@link TagTaxonomy} would judge it).
     */
    private List<String> governed(String key) {
        List<String> exact = taxonomy.get(key);
        if (exact != null) {
            return exact;
        }
        String folded = TagTaxonomy.foldKey(key);
        for (Map.Entry<String, List<String>> entry : taxonomy.entrySet()) {
            if (TagTaxonomy.foldKey(entry.getKey()).equals(folded)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /**
     * Whether every tag of the task that has a taxonomy carries a value the taxonomy allows
     * ({@link #allows}); tags without a value are not judged. A cheap pre-filter for a rule that
     * reports each disallowed value (see the default {@code allowed-tag-values} rule).
     *
     * @param task the task
     * @return whether every tag of the task that has a taxonomy carries an allowed value
     */
    public boolean allowsTagValuesOf(TaskFact task) {
        for (Map.Entry<String, List<String>> entry : taxonomy.entrySet()) {
            String key = entry.getKey();
            if (task.hasTagValue(key) && !allows(key, task.tag(key))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The criticality of an item as governance must judge it, failing closed: {@code 0} (critical)
     * for anything the rulebook cannot classify.
     *
     * <ul>
     *   <li>every {@code criticality} tag (keys, here and in the required tags, compare folded by
     *       {@link TagTaxonomy#foldKey}, as every other check compares them; values ignoring surrounding
     *       blanks) is a whole number the taxonomy allows (any whole number when the rulebook has no
     *       {@code criticality} taxonomy): the smallest, i.e. the most critical, of them;</li>
     *   <li>a value that is not such a number ({@code O}, {@code -1}, {@code 7}, a plain label):
     *       {@code 0};</li>
     *   <li>no {@code criticality} tag: {@code 0} when the rulebook requires the tag (its key read as a tag's is,
     *       ignoring case and surrounding blanks), otherwise
     *       {@code null} (not critical).</li>
     * </ul>
     *
     * @param tags the item's tags, never {@code null}
     * @return the criticality, or {@code null} when the item has none and need not have one
     */
    public Integer criticalityOf(Tags tags) {
        Integer lowest = null;
        boolean present = false;
        for (Tag tag : tags.values()) {
            if (!TagTaxonomy.foldKey(tag.key()).equals(CRITICALITY)) {
                continue;
            }
            present = true;
            String value = tag.value().map(String::strip).orElse("");
            if (!isNumber(value) || !allows(CRITICALITY, value)) {
                return 0;
            }
            int number = Integer.parseInt(value);
            lowest = lowest == null ? number : Math.min(lowest, number);
        }
        if (!present) {
            for (String key : requiredTags) {
                // Folded as the required-tags rule and the taxonomy fold a key (trust39), blanks aside: a rulebook
                // requiring "criticality " had the rule require the tag while a task without it read as none (attack39).
                if (TagTaxonomy.foldKey(key).equals(CRITICALITY)) {
                    return 0;
                }
            }
            return null;
        }
        return lowest;
    }

    /** Whether text is 1 to 9 ASCII digits (what the pattern {@code \d{1,9}} matches), without compiling a pattern per task. */
    private static boolean isNumber(String text) {
        if (text.isEmpty() || text.length() > 9) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The allowed values of a key, for messages; empty when the key has no taxonomy.
     *
     * @param key the tag key
     * @return the allowed values of a key, for messages; empty when the key has no taxonomy
     */
    public List<String> allowedValues(String key) {
        List<String> allowed = governed(key);
        return allowed == null ? List.of() : allowed;
    }
}
