package dev.planning.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The converters of every option that takes a date ({@code report --as-of}, {@code store
 * expiring-waivers --until}) or a date or instant ({@code store refusals --since}): one parse, and one
 * message for a value that is not one, in the user's terms and without {@code java.time}'s exception
 * and class names. picocli puts the option before it, and {@link UsageErrors} reports it as one line
 * ({@code error: invalid value for option '--until': ...}) with the help to read, exit code 2.
 */
final class DateOptions {

    private DateOptions() {
    }

    /** A day as {@code YYYY-MM-DD}: four-digit year, a month that exists, a day that month has. */
    static final class Day implements ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            return day(value).orElseThrow(() -> new TypeConversionException("'" + value
                    + "' is not a date YYYY-MM-DD, such as 2025-09-02"));
        }
    }

    /** A day as {@code YYYY-MM-DD} (its start, UTC) or an ISO-8601 instant such as {@code 2025-09-02T10:00:00Z}. */
    static final class DayOrInstant implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            Optional<Instant> instant = value.length() == DAY_LENGTH
                    ? day(value).map(day -> day.atStartOfDay(ZoneOffset.UTC).toInstant())
                    : instant(value);
            return instant.orElseThrow(() -> new TypeConversionException("'" + value
                    + "' is not a date YYYY-MM-DD or an instant YYYY-MM-DDThh:mm:ssZ, such as 2025-09-02 or"
                    + " 2025-09-02T10:00:00Z"));
        }
    }

    /** The length of {@code YYYY-MM-DD}. */
    private static final int DAY_LENGTH = 10;

    /**
     * The day {@code value} names as exactly {@code YYYY-MM-DD}; empty for anything else (a longer
     * year, a sign, a month or day out of range such as {@code 2025-13-01} or {@code 2025-02-30}).
     */
    private static Optional<LocalDate> day(String value) {
        if (value.length() != DAY_LENGTH) {
            return Optional.empty();
        }
        try {
            // ISO_LOCAL_DATE: ASCII digits only, strict resolving (February 30th is refused, not moved).
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(String value) {
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
