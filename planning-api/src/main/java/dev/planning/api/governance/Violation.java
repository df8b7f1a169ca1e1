package dev.planning.api.governance;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.SourceLocation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One policy violation: which rule produced it, on which item, how serious, and why.
 *
 * @param rule     the rule's name, e.g. {@code critical-zero-approvals}
 * @param item     the item it concerns (a task id, a story id, or the cycle)
 * @param severity how serious it is
 * @param message  why, in words a person understands
 * @param metadata the rule's metadata, e.g. {@code control -> SOX-404}
 * @param location where the item is written, when known
 * @param facts    the values the rule compared, in the order it reported them (e.g.
 *                 {@code approvals -> 1, required -> 3}); empty when it reported none
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record Violation(
        String rule,
        String item,
        ViolationSeverity severity,
        String message,
        Map<String, String> metadata,
        Optional<SourceLocation> location,
        Map<String, String> facts) {

    /** The metadata key whose value is the rule's fix hint: {@code @solution("...")}. */
    public static final String SOLUTION = "solution";

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param rule the rule's name, e.g. {@code critical-zero-approvals}
     * @param item the item it concerns (a task id, a story id, or the cycle)
     * @param severity how serious it is
     * @param message why, in words a person understands
     * @param metadata the rule's metadata, e.g. {@code control -> SOX-404}
     * @param location where the item is written, when known
     * @param facts the values the rule compared, in the order it reported them (e.g. {@code approvals -> 1,
     *              required -> 3}); empty when it reported none
     */
    public Violation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        Objects.requireNonNull(location, "location");
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /**
     * A violation that reports no compared values.
     *
     * @param rule the rule's name, e.g. {@code critical-zero-approvals}
     * @param item the item it concerns (a task id, a story id, or the cycle)
     * @param severity how serious it is
     * @param message why, in words a person understands
     * @param metadata the rule's metadata, e.g. {@code control -> SOX-404}
     * @param location where the item is written, when known
     */
    public Violation(String rule, String item, ViolationSeverity severity, String message,
            Map<String, String> metadata, Optional<SourceLocation> location) {
        this(rule, item, severity, message, metadata, location, Map.of());
    }

    /**
     * How to fix it: the rule's {@code @solution} metadata, when it has one.
     *
     * @return how to fix it: the rule's {@code @solution} metadata, when it has one
     */
    public Optional<String> hint() {
        return Optional.ofNullable(metadata.get(SOLUTION)).filter(h -> !h.isBlank());
    }
}
