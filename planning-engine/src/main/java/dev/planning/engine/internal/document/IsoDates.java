package dev.planning.engine.internal.document;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A day written as the files write it: the whole text a {@code YYYY-MM-DD} date, four-digit year, nothing
 * more. {@code LocalDate.parse} alone also reads {@code +10000-01-01}, which no file of ours writes; and a
 * prefix that reads as a date ({@code 2099-12-31junk}, {@code 2099-12-31T...}) is no date.
 */
public final class IsoDates {

    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private IsoDates() {
    }

    /**
     * The day {@code text} names, or empty when it names none (another form, or a day no calendar has,
     * such as {@code 2025-02-30}): each caller says what a text that is no date means to it.
     */
    public static Optional<LocalDate> parse(String text) {
        if (!ISO_DATE.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
