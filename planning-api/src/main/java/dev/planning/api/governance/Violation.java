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
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record Violation(
        String rule,
        String item,
        ViolationSeverity severity,
        String message,
        Map<String, String> metadata,
        Optional<SourceLocation> location) {

    public Violation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        Objects.requireNonNull(location, "location");
    }
}
