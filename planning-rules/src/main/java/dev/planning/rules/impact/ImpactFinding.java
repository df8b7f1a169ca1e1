package dev.planning.rules.impact;

import dev.planning.api.SourceLocation;
import dev.planning.api.gate.Severity;
import java.util.Objects;
import java.util.Optional;

/**
 * One governance finding that a rulebook change adds or resolves.
 *
 * @param rule     the rule (the finding's code without its {@code governance.} prefix), never {@code null}
 * @param item     the task it concerns, or empty when it concerns the plan as a whole
 * @param severity whether it blocks ({@link Severity#ERROR}) or warns
 * @param message  the message under the rulebook that reports it
 * @param location where in the workspace it points, when known
 */
public record ImpactFinding(String rule, Optional<String> item, Severity severity, String message,
        Optional<SourceLocation> location) {

    /** Validates that no component is {@code null}. */
    public ImpactFinding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(location, "location");
    }

    /** What identifies the finding across two rulebooks: rule, item and severity, not the wording. */
    String key() {
        return rule + "\u0000" + item.orElse("") + "\u0000" + severity;
    }
}
