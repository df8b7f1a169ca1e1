package dev.planning.engine.internal.digest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** How numbers are written in digests: rounded, locale-independent, without trailing zeros. */
final class Figures {

    private Figures() {
    }

    /** The value stored in front matter: rounded to 4 decimals, so binary noise never shows. */
    static double stored(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }

    /** The value shown to people: at most 2 decimals, e.g. {@code 90}, {@code 87.5}, {@code -2.33}. */
    static String shown(double value) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        if (rounded.signum() == 0) {
            return "0";
        }
        return rounded.toPlainString();
    }

    /** A signed difference, e.g. {@code +2.5}, {@code -1}, {@code 0}. */
    static String signed(double value) {
        String shown = shown(value);
        if (shown.equals("0") && stored(value) != 0) {
            // A change below display precision is still a change: show it rather than a "0" beside an arrow.
            shown = BigDecimal.valueOf(stored(value)).stripTrailingZeros().toPlainString();
        }
        return shown.startsWith("-") || shown.equals("0") ? shown : "+" + shown;
    }

    /** A time as people read it: UTC to the second, e.g. {@code 2025-09-02T08:00:00Z}, never nanoseconds. */
    static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
