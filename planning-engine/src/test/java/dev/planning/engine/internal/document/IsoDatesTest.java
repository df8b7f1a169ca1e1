package dev.planning.engine.internal.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * fold25: the one strict day parse that {@code TimelineCheck}, {@code TrustedDay} and {@code WaiverFacts}
 * share: the whole text a {@code YYYY-MM-DD} day of the calendar, or no day at all.
 */
class IsoDatesTest {

    @Test
    void aWholeIsoDateIsThatDay() {
        assertThat(IsoDates.parse("2099-12-31")).contains(LocalDate.of(2099, 12, 31));
        assertThat(IsoDates.parse("2024-02-29")).contains(LocalDate.of(2024, 2, 29));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 2099-12-31", "2099-12-31 ", "2099-12-31junk", "2099-12-31T00:00:00Z",
            "+10000-01-01", "-0001-01-01", "99-12-31", "2099-1-31", "2099/12/31", "20991231",
            "2025-02-30", "2025-02-29", "2025-13-01", "2025-00-10", "2025-01-00",
            "\u0662\u0660\u0669\u0669-12-31", "\uFF12\uFF10\uFF19\uFF19-12-31", "2099\u201012\u201031"})
    void anyOtherTextIsNoDay(String text) {
        assertThat(IsoDates.parse(text)).isEmpty();
    }
}
