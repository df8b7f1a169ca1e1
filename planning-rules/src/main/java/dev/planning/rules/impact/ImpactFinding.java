package dev.planning.rules.impact;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Severity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * One governance finding that a rulebook change adds or resolves.
 *
 * @param rule     the rule (the finding's code without its {@code governance.} prefix), never {@code null}
 * @param item     the task it concerns, or empty when it concerns the plan as a whole
 * @param severity whether it blocks ({@link Severity#ERROR}) or warns
 * @param message  the message under the rulebook that reports it
 * @param location where in the workspace it points, when known
 * @param facts    the values the rule compared under the rulebook that reports it (e.g.
 *                 {@code approvals -> 3, required -> 5}), in the order the rule names them; empty when none
 * @param hint     the rule's fix hint ({@code @solution}), when it has one
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ImpactFinding(String rule, Optional<String> item, Severity severity, String message,
        Optional<SourceLocation> location, Map<String, String> facts, Optional<String> hint) {

    /**
     * Validates that no component is {@code null}; keeps an unmodifiable copy of the facts in their order.
     *
     * @param rule the rule (the finding's code without its {@code governance.} prefix), never {@code null}
     * @param item the task it concerns, or empty when it concerns the plan as a whole
     * @param severity whether it blocks ({@link Severity#ERROR}) or warns
     * @param message the message under the rulebook that reports it
     * @param location where in the workspace it points, when known
     * @param facts the values the rule compared under the rulebook that reports it (e.g. {@code approvals -> 3, required -> 5}), in the order the rule names them; empty when none
     * @param hint the rule's fix hint ({@code @solution}), when it has one
     */
    public ImpactFinding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(location, "location");
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(facts, "facts")));
        Objects.requireNonNull(hint, "hint");
    }

    /**
     * A finding without compared values and without a fix hint.
     *
     * @param rule the rule (the finding's code without its {@code governance.} prefix), never {@code null}
     * @param item the task it concerns, or empty when it concerns the plan as a whole
     * @param severity whether it blocks ({@link Severity#ERROR}) or warns
     * @param message the message under the rulebook that reports it
     * @param location where in the workspace it points, when known
     */
    public ImpactFinding(String rule, Optional<String> item, Severity severity, String message,
            Optional<SourceLocation> location) {
        this(rule, item, severity, message, location, Map.of(), Optional.empty());
    }

    /**
     * The compared values as one line, {@code approvals: 3, required: 5}; empty when there are none.
     *
     * @return the compared values as one line, {@code approvals: 3, required: 5}
     */
    public String factsLine() {
        return facts.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
    }

    /**
     * The message, then the compared values in parentheses and the fix hint, as lint and the gates
     * show a finding: {@code too few approvals (approvals: 1, required: 2); fix: ask a second approver}.
     * The text is the rulebook's and the plan's, as it is (not escaped, not on one line).
     *
     * @return the message with its values and hint
     * @since 0.1
     */
    public String explained() {
        String values = facts.isEmpty() ? "" : " (" + factsLine() + ")";
        return message + values + hint.map(h -> "; fix: " + h).orElse("");
    }

    /** What identifies the finding across two rulebooks: rule, item and severity, not the wording. */
    String key() {
        return rule + "\u0000" + item.orElse("") + "\u0000" + severity;
    }
}
