package dev.planning.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.SourceLocation;
import dev.planning.api.governance.Violation;
import dev.planning.api.governance.ViolationSeverity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A violation a rule reported, inserted into the session so that other rules may reason about
 * violations too, as they grow: the policy language refuses one under {@code not}, {@code forall},
 * {@code collect} or {@code accumulate}, whose result would depend on the order rules fire in. Build
 * one with {@link Report}, which fills the rule's name and metadata.
 *
 * @param rule     the reporting rule's name
 * @param item     the item it concerns (task id, story id, ...)
 * @param severity how serious, from the rule's {@code @severity} metadata
 * @param message  why, in words a person understands
 * @param metadata the rule's metadata as text ({@code severity}, {@code control}, ...)
 * @param location where the item is written, or {@code null}
 * @param facts    the values the rule compared, by name, in the order given
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ViolationFact(
        String rule,
        String item,
        ViolationSeverity severity,
        String message,
        Map<String, String> metadata,
        SourceLocation location,
        Map<String, String> facts) {

    /**
     * Creates the record; the class comment says what each component holds.
     *
     * @param rule the reporting rule's name
     * @param item the item it concerns (task id, story id, ...)
     * @param severity how serious, from the rule's {@code @severity} metadata
     * @param message why, in words a person understands
     * @param metadata the rule's metadata as text ({@code severity}, {@code control}, ...)
     * @param location where the item is written, or {@code null}
     * @param facts the values the rule compared, by name, in the order given
     */
    public ViolationFact {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /**
     * A violation that reports no compared values.
     *
     * @param rule the reporting rule's name
     * @param item the item it concerns (task id, story id, ...)
     * @param severity how serious, from the rule's {@code @severity} metadata
     * @param message why, in words a person understands
     * @param metadata the rule's metadata as text ({@code severity}, {@code control}, ...)
     * @param location where the item is written, or {@code null}
     */
    public ViolationFact(String rule, String item, ViolationSeverity severity, String message,
            Map<String, String> metadata, SourceLocation location) {
        this(rule, item, severity, message, metadata, location, Map.of());
    }

    /**
     * A hash of the values, the severity by its name: an enum's own hash is the JVM's identity hash,
     * which differs between processes, and anything that puts violations in a hash set (as
     * {@code Set() from collect(ViolationFact())} did before the policy language refused collecting
     * violations) iterates them in hash order, so a verdict recomputed by {@code verify} could
     * differ from the one sealed. Equal violations hash alike.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return Objects.hash(rule, item, severity.name(), message, metadata, location, facts);
    }

    /**
     * The API value.
     *
     * @return the API value
     */
    public Violation toViolation() {
        return new Violation(rule, item, severity, message, metadata, Optional.ofNullable(location), facts);
    }
}
