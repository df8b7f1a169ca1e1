package dev.planning.rules.impact;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One setting of {@code rulebook.yaml} that differs between the base and the head rulebook: the
 * signing policy, the gates a profile runs at a transition, the profile a stream uses, a threshold,
 * a KPI definition, a required tag or a tag's allowed values. A change is marked as weakening only
 * where its direction is known (a signing requirement dropped or its {@code min} lowered or its role
 * group widened, a gate taken out of a transition, a stream moved to a profile that runs fewer gates,
 * a threshold moved the lenient way, a required tag dropped, a KPI target moved the lenient way);
 * every other difference is a change whose effect is not judged, never a harmless one.
 *
 * @param setting what changed, e.g. {@code signing.required}, {@code profiles.fe.PLANNED->READY_FOR_HANDOFF},
 *                {@code streams.fe}, {@code thresholds.critical_approvals}, {@code kpis.plan_accuracy}
 * @param base    the base rulebook's value as text, {@code (none)} when it has none
 * @param head    the head rulebook's value as text, {@code (none)} when it has none
 * @param weakens whether the head's value is known to govern less than the base's
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record SettingsChange(String setting, String base, String head, boolean weakens) {

    /** What a side shows for a setting it does not have. */
    public static final String NONE = "(none)";

    /**
     * Checks that no component is null.
     *
     * @param setting what changed
     * @param base the base rulebook's value as text
     * @param head the head rulebook's value as text
     * @param weakens whether the head's value is known to govern less than the base's
     */
    public SettingsChange {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(head, "head");
    }

    /**
     * How the change is classified: {@code weakens} or {@code changed}.
     *
     * @return {@code weakens} when the head is known to govern less, else {@code changed}
     */
    public String kind() {
        return weakens ? "weakens" : "changed";
    }
}
