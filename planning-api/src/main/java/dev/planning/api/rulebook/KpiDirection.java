package dev.planning.api.rulebook;

import static org.apiguardian.api.API.Status.STABLE;

import dev.planning.api.InvalidInputException;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Which way a KPI improves: whether an actual above its target meets it, or one below.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public enum KpiDirection {
    /** More is better: the target is a floor (coverage, pass rates). */
    HIGHER_IS_BETTER,
    /** Less is better: the target is a ceiling (lead time, defects, failure rates). */
    LOWER_IS_BETTER;

    /**
     * The spelling used in {@code rulebook.yaml} and digests, e.g. {@code higher_is_better}.
     *
     * @return the spelling used in {@code rulebook.yaml} and digests, e.g. {@code higher_is_better}
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code higher_is_better} or {@code lower_is_better} (any case).
     *
     * @param text the direction as written
     * @return the direction
     * @throws InvalidInputException for any other text
     */
    public static KpiDirection parse(String text) {
        for (KpiDirection direction : values()) {
            if (direction.key().equalsIgnoreCase(text)) {
                return direction;
            }
        }
        throw new InvalidInputException("unknown KPI direction '" + text
                + "'; expected higher_is_better or lower_is_better");
    }

    /**
     * Whether {@code actual} meets {@code target} in this direction (equal meets).
     *
     * @param actual the measured value
     * @param target the KPI's target
     * @return whether {@code actual} meets {@code target} in this direction (equal meets)
     */
    public boolean meets(double actual, double target) {
        return this == HIGHER_IS_BETTER ? actual >= target : actual <= target;
    }
}
