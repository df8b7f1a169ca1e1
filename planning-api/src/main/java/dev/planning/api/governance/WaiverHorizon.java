package dev.planning.api.governance;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.rulebook.Rulebook;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apiguardian.api.API;

/**
 * How far ahead waiver expiries are warned about: the rulebook's
 * {@code thresholds.waiver_expiry_warning_days} ({@value #DEFAULT_DAYS} when absent). A waiver
 * still in force whose expiry falls within that many days of the day judged is "expiring": lint,
 * the governance gate and the digest say so before the violation it waives blocks a transition.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class WaiverHorizon {

    /** The rulebook threshold that sets the horizon, in days. */
    public static final String THRESHOLD = "waiver_expiry_warning_days";

    /** The horizon of a rulebook that sets none. */
    public static final int DEFAULT_DAYS = 14;

    /** The longest horizon accepted (ten years); a larger value is a mistake, not a policy. */
    public static final int MAX_DAYS = 3650;

    private WaiverHorizon() {
    }

    /**
     * The rulebook's horizon in days.
     *
     * @param rulebook the rulebook in force
     * @return the days before expiry from which a waiver in force is reported
     * @throws InvalidInputException located at {@code rulebook.yaml}, when the threshold is not a
     *                               whole number of days from 0 to {@value #MAX_DAYS}
     */
    public static int days(Rulebook rulebook) {
        Double value = rulebook.thresholds().get(THRESHOLD);
        if (value == null) {
            return DEFAULT_DAYS;
        }
        if (value.isNaN() || value < 0 || value > MAX_DAYS || value != Math.rint(value)) {
            throw new InvalidInputException("thresholds." + THRESHOLD + " is " + value + "; expected a whole number of"
                    + " days from 0 to " + MAX_DAYS, SourceLocation.ofFile("rulebook.yaml"));
        }
        return value.intValue();
    }

    /**
     * Whether a waiver is in force on {@code today} and expires within {@code days} of it.
     *
     * @param waiver the waiver
     * @param today the day judged
     * @param days the horizon in days, as {@link #days(Rulebook)} gives it
     * @return whether a waiver is in force on {@code today} and expires within {@code days} of it
     */
    public static boolean expiring(Waiver waiver, LocalDate today, int days) {
        return waiver.activeOn(today) && !waiver.expires().isAfter(today.plusDays(days));
    }

    /**
     * The waivers of a list that are expiring, in their order.
     *
     * @param waivers the waivers
     * @param today the day judged
     * @param days the horizon in days, as {@link #days(Rulebook)} gives it
     * @return the waivers of a list that are expiring, in their order
     */
    public static List<Waiver> expiring(List<Waiver> waivers, LocalDate today, int days) {
        return waivers.stream().filter(w -> expiring(w, today, days)).toList();
    }

    /**
     * Days from {@code today} to a waiver's expiry (0 when it expires today).
     *
     * @param waiver the waiver, which has an expiry
     * @param today the day judged
     * @return the days left, negative once it expired
     */
    public static long daysLeft(Waiver waiver, LocalDate today) {
        return ChronoUnit.DAYS.between(today, waiver.expires());
    }

    /**
     * {@code "expires today"}, {@code "expires tomorrow"} or {@code "expires in 5 days (2025-09-12)"}.
     *
     * @param waiver the waiver, which has an expiry
     * @param today the day judged
     * @return when it expires, in words
     */
    public static String describe(Waiver waiver, LocalDate today) {
        long left = daysLeft(waiver, today);
        String when = left == 0 ? "today" : left == 1 ? "tomorrow" : "in " + left + " days";
        return "expires " + when + " (" + waiver.expires() + ")";
    }
}
