package dev.planning.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.SourceLocation;
import dev.planning.api.governance.ViolationSeverity;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;
import org.kie.api.runtime.rule.RuleContext;

/**
 * How a rule reports a violation: from a consequence, insert the fact this builds.
 * <pre>{@code
 * then
 *     insert(Report.violation(kcontext, $t, $t.id() + " has no owner"));
 * }</pre>
 *
 * <p>The violation takes the rule's name from {@code kcontext}, its severity from the rule's
 * {@code @severity(...)} metadata ({@code CRITICAL}, {@code HIGH}, {@code MEDIUM} or
 * {@code LOW}; {@code MEDIUM} when absent) and carries all of the rule's metadata, e.g.
 * {@code @control("SOX-404")}.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Report {

    /** The metadata key that sets a rule's severity. */
    public static final String SEVERITY = "severity";

    /** The severity of a rule that does not declare one. */
    public static final ViolationSeverity DEFAULT_SEVERITY = ViolationSeverity.MEDIUM;

    private Report() {
    }

    /** A violation on a task. */
    public static ViolationFact violation(RuleContext kcontext, TaskFact task, String message) {
        return violation(kcontext, task.id(), task.location(), message);
    }

    /** A violation on a story. */
    public static ViolationFact violation(RuleContext kcontext, StoryFact story, String message) {
        return violation(kcontext, story.id(), story.location(), message);
    }

    /** A violation on the task that holds a cross-stream reference. */
    public static ViolationFact violation(RuleContext kcontext, CrossStreamRefFact ref, String message) {
        return violation(kcontext, ref.fromTask(), ref.location(), message);
    }

    /** A violation on any item, with no location (e.g. the cycle itself). */
    public static ViolationFact violation(RuleContext kcontext, String item, String message) {
        return violation(kcontext, item, null, message);
    }

    private static ViolationFact violation(RuleContext kcontext, String item, SourceLocation location, String message) {
        var rule = kcontext.getRule();
        Map<String, String> metadata = new LinkedHashMap<>();
        rule.getMetaData().forEach((k, v) -> metadata.put(k, String.valueOf(v)));
        return new ViolationFact(rule.getName(), item, severityOf(metadata.get(SEVERITY)), message, metadata, location);
    }

    /**
     * The severity a {@code @severity} value names; {@link #DEFAULT_SEVERITY} for {@code null}.
     *
     * @throws IllegalArgumentException for any other value
     */
    public static ViolationSeverity severityOf(String value) {
        if (value == null) {
            return DEFAULT_SEVERITY;
        }
        return ViolationSeverity.valueOf(value.strip().replace("\"", "").toUpperCase(Locale.ROOT));
    }
}
