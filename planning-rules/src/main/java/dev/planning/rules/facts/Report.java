package dev.planning.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.SourceLocation;
import dev.planning.api.governance.ViolationSeverity;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.kie.api.runtime.rule.RuleContext;

/**
 * How a rule reports a violation: from a consequence, insert the fact this builds.
 * <pre class="language-drl">{@code
 * then
 *     insert(Report.violation(kcontext, $t, $t.id() + " has no owner"));
 * }</pre>
 *
 * <p>The violation takes the rule's name from {@code kcontext}, its severity from the rule's
 * {@code @severity(...)} metadata ({@code CRITICAL}, {@code HIGH}, {@code MEDIUM} or
 * {@code LOW}; {@code MEDIUM} when absent) and carries all of the rule's metadata, e.g.
 * {@code @control("SOX-404")}; a rule's {@code @solution("...")} is the fix hint shown beside
 * the message.
 *
 * <p>A rule states the values it compared after the message, as name/value pairs; they are shown
 * with the violation ({@code approvals: 1, required: 3}) in every output:
 * <pre class="language-drl">{@code
 * insert(Report.violation(kcontext, $t, $t.id() + " lacks approvals",
 *         "approvals", $t.approvals(), "required", required));
 * }</pre>
 * A name is a string literal of lower-case letters, digits and underscores, at most
 * {@value #MAX_FACTS} pairs; a value is shown as {@link String#valueOf(Object)} gives it
 * ({@code null} as {@code not set}).
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Report {

    /** The metadata key that sets a rule's severity. */
    public static final String SEVERITY = "severity";

    /** The most compared values one violation may carry. */
    public static final int MAX_FACTS = 8;

    /** The longest text of one compared value; longer ones are cut with an ellipsis. */
    public static final int MAX_FACT_LENGTH = 200;

    private static final Pattern FACT_NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    /** The severity of a rule that does not declare one. */
    public static final ViolationSeverity DEFAULT_SEVERITY = ViolationSeverity.MEDIUM;

    private Report() {
    }

    /**
     * A violation on a task.
     *
     * @param kcontext the consequence's {@code kcontext}
     * @param task the task at fault
     * @param message what is wrong, in words for the plan's owner
     * @return a violation on a task
     */
    public static ViolationFact violation(RuleContext kcontext, TaskFact task, String message) {
        return build(kcontext, task.id(), task.location(), message);
    }

    /**
     * A violation on a story.
     *
     * @param kcontext the consequence's {@code kcontext}
     * @param story the story at fault
     * @param message what is wrong, in words for the plan's owner
     * @return a violation on a story
     */
    public static ViolationFact violation(RuleContext kcontext, StoryFact story, String message) {
        return build(kcontext, story.id(), story.location(), message);
    }

    /**
     * A violation on the task that holds a cross-stream reference.
     *
     * @param kcontext the consequence's {@code kcontext}
     * @param ref the cross-stream reference whose task is at fault
     * @param message what is wrong, in words for the plan's owner
     * @return a violation on the task that holds a cross-stream reference
     */
    public static ViolationFact violation(RuleContext kcontext, CrossStreamRefFact ref, String message) {
        return build(kcontext, ref.fromTask(), ref.location(), message);
    }

    /**
     * A violation on any item, with no location (e.g. the cycle itself).
     *
     * @param kcontext the consequence's {@code kcontext}
     * @param item the id of the item at fault
     * @param message what is wrong, in words for the plan's owner
     * @return a violation on any item, with no location
     */
    public static ViolationFact violation(RuleContext kcontext, String item, String message) {
        return build(kcontext, item, null, message);
    }

    /**
     * A violation on a task, with the values the rule compared as name/value pairs.
     *
     * @param kcontext the consequence's {@code kcontext}
     * @param task the task at fault
     * @param message what is wrong, in words for the plan's owner
     * @param facts the compared values, as name/value pairs
     * @return a violation on a task, with the values the rule compared as name/value pairs
     */
    public static ViolationFact violation(RuleContext kcontext, TaskFact task, String message, Object... facts) {
        return build(kcontext, task.id(), task.location(), message, facts);
    }

    /**
     * A violation on a story, with the values the rule compared as name/value pairs.
     *
     * @param kcontext the consequence's {@code kcontext}
     * @param story the story at fault
     * @param message what is wrong, in words for the plan's owner
     * @param facts the compared values, as name/value pairs
     * @return a violation on a story, with the values the rule compared as name/value pairs
     */
    public static ViolationFact violation(RuleContext kcontext, StoryFact story, String message, Object... facts) {
        return build(kcontext, story.id(), story.location(), message, facts);
    }

    /**
     * A violation on a cross-stream reference's task, with the values compared as name/value pairs.
     *
     * @param kcontext the consequence's {@code kcontext}
     * @param ref the cross-stream reference whose task is at fault
     * @param message what is wrong, in words for the plan's owner
     * @param facts the compared values, as name/value pairs
     * @return a violation on a cross-stream reference's task, with the values compared as name/value pairs
     */
    public static ViolationFact violation(RuleContext kcontext, CrossStreamRefFact ref, String message, Object... facts) {
        return build(kcontext, ref.fromTask(), ref.location(), message, facts);
    }

    /**
     * A violation on any item, with the values the rule compared as name/value pairs.
     *
     * @param kcontext the consequence's {@code kcontext}
     * @param item the id of the item at fault
     * @param message what is wrong, in words for the plan's owner
     * @param facts the compared values, as name/value pairs
     * @return a violation on any item, with the values the rule compared as name/value pairs
     */
    public static ViolationFact violation(RuleContext kcontext, String item, String message, Object... facts) {
        return build(kcontext, item, null, message, facts);
    }

    private static ViolationFact build(RuleContext kcontext, String item, SourceLocation location, String message,
            Object... facts) {
        var rule = kcontext.getRule();
        Map<String, String> metadata = new LinkedHashMap<>();
        rule.getMetaData().forEach((k, v) -> metadata.put(k, String.valueOf(v)));
        return new ViolationFact(rule.getName(), item, severityOf(metadata.get(SEVERITY)), message, metadata, location,
                facts(facts));
    }

    /**
     * The name/value pairs as an ordered map.
     *
     * @throws IllegalArgumentException for an odd count, more than {@value #MAX_FACTS} pairs, a
     *                                  name that is not a lower-case identifier, or a name given twice
     */
    static Map<String, String> facts(Object... pairs) {
        if (pairs == null || pairs.length == 0) {
            return Map.of();
        }
        if (pairs.length % 2 != 0 || pairs.length / 2 > MAX_FACTS) {
            throw new IllegalArgumentException("compared values come as up to " + MAX_FACTS
                    + " name/value pairs; got " + pairs.length + " argument(s)");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (!(pairs[i] instanceof String name) || !FACT_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("a compared value's name must be a lower-case identifier such as"
                        + " \"approvals\"; got " + pairs[i]);
            }
            String value = pairs[i + 1] == null ? "not set" : String.valueOf(pairs[i + 1]);
            if (value.length() > MAX_FACT_LENGTH) {
                value = value.substring(0, MAX_FACT_LENGTH) + "…";
            }
            if (out.put(name, value) != null) {
                throw new IllegalArgumentException("compared value '" + name + "' is given twice");
            }
        }
        return out;
    }

    /**
     * The severity a {@code @severity} value names; {@link #DEFAULT_SEVERITY} for {@code null}.
     *
     * @param value the value of {@code @severity}, or {@code null}
     * @return the severity a {@code @severity} value names
     * @throws IllegalArgumentException for any other value
     */
    public static ViolationSeverity severityOf(String value) {
        if (value == null) {
            return DEFAULT_SEVERITY;
        }
        return ViolationSeverity.valueOf(value.strip().replace("\"", "").toUpperCase(Locale.ROOT));
    }
}
