package dev.planning.rules.impact;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One setting of {@code rulebook.yaml} that differs between the base and the head rulebook: its
 * {@code version} label, the signing policy, the gates a profile runs at a transition and where a
 * refused transition sends the cycle, the profile a stream uses, a threshold, a KPI definition, a
 * required tag or a tag's allowed values; and a rule file's text, or the rules taken out or added. A change is marked as weakening or strengthening only where
 * its direction is known for certain ({@link Effect}); every other difference is a change whose effect
 * is not judged, never a harmless one.
 *
 * @param setting what changed, e.g. {@code signing.required}, {@code profiles.fe.PLANNED->READY_FOR_HANDOFF},
 *                {@code streams.fe}, {@code thresholds.critical_approvals}, {@code kpis.plan_accuracy},
 *                {@code rule_files.rules/critical.drl} (a rule file's text), {@code rules} (the rules taken out or added)
 * @param base    the base rulebook's value as text, {@code (none)} when it has none
 * @param head    the head rulebook's value as text, {@code (none)} when it has none
 * @param effect  what the change is known to do to governance
 * @param reason  why a {@link Effect#CHANGED change} is not judged weakening or strengthening, where a
 *                reader could expect it to be (a taxonomy narrowed that rules read themselves, a gate
 *                added before others, a threshold set on one side only); empty otherwise
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record SettingsChange(String setting, String base, String head, Effect effect, Optional<String> reason) {

    /** What a side shows for a setting it does not have. */
    public static final String NONE = "(none)";

    /**
     * What a change of a setting is known to do to governance.
     *
     * @since 0.1
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public enum Effect {
        /**
         * The head is known to govern less somewhere: a signing requirement dropped, its {@code min}
         * lowered or its role group widened, a gate taken out of a transition, a refused transition
         * sent less far back, a stream moved to a profile that runs fewer gates, a threshold or a KPI
         * target moved the lenient way, a required tag dropped, a tag value allowed that was not, a rule
         * taken out. A
         * change that weakens in one part and strengthens in another weakens.
         */
        WEAKENS,
        /**
         * The head is known to govern at least as much everywhere and more somewhere: a signing policy
         * every base requirement of which a head requirement implies (a role group narrowed with the
         * same {@code min}, a requirement added), gates added after a transition's gates or a refused
         * transition sent further back, a stream moved to a profile stricter at one transition and the same
         * or stricter at every other, and, when no rule of either rulebook other than the shipped ones can
         * read the rulebook's settings, a threshold of known direction moved the strict way (a minimum
         * raised, a maximum lowered) or a tag's allowed values narrowed or a key governed.
         */
        STRENGTHENS,
        /** Any other difference, whose effect is not judged: never read it as harmless. */
        CHANGED;

        /**
         * The effect in lower case, as the JSON and Markdown outputs show it.
         *
         * @return {@code weakens}, {@code strengthens} or {@code changed}
         */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Checks that no component is null.
     *
     * @param setting what changed
     * @param base the base rulebook's value as text
     * @param head the head rulebook's value as text
     * @param effect what the change is known to do to governance
     * @param reason why the change is not judged, where a reader could expect it to be; empty otherwise
     */
    public SettingsChange {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * A change without a reason.
     *
     * @param setting what changed
     * @param base the base rulebook's value as text
     * @param head the head rulebook's value as text
     * @param effect what the change is known to do to governance
     */
    public SettingsChange(String setting, String base, String head, Effect effect) {
        this(setting, base, head, effect, Optional.empty());
    }

    /**
     * Whether the head's value is known to govern less than the base's.
     *
     * @return whether the effect is {@link Effect#WEAKENS}
     */
    public boolean weakens() {
        return effect == Effect.WEAKENS;
    }

    /**
     * How the change is classified: {@code weakens}, {@code strengthens} or {@code changed}.
     *
     * @return the effect's {@link Effect#key() key}
     */
    public String kind() {
        return effect.key();
    }
}
