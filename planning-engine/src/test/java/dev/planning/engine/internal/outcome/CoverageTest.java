package dev.planning.engine.internal.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Coverage counts whose total a {@code long} cannot hold are refused, never wrapped to a negative total. */
class CoverageTest {

    @Test
    void countsWhoseTotalOverflowsALongAreRefusedRatherThanWrappingToANegativePercentage() {
        assertThatThrownBy(() -> new Coverage(Long.MAX_VALUE, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("coverage counts too large: covered (9223372036854775807) plus missed (1) exceed"
                        + " 9223372036854775807");
        assertThat(new Coverage(Long.MAX_VALUE - 1, 1).percent()).hasValue(100.0 * (Long.MAX_VALUE - 1) / Long.MAX_VALUE);
    }

    @Test
    void summingCountsPastALongIsRefusedWithTheCountsNotAnArithmeticException() {
        Coverage half = new Coverage(Long.MAX_VALUE / 2 + 1, 0);

        assertThatThrownBy(() -> half.plus(half))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("coverage counts too large: covered (4611686018427387904) plus covered"
                        + " (4611686018427387904) exceed 9223372036854775807");
        Coverage covered = new Coverage(Long.MAX_VALUE / 2, 0);
        Coverage missed = new Coverage(0, Long.MAX_VALUE / 2 + 2);
        assertThatThrownBy(() -> covered.plus(missed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("coverage counts too large: covered (4611686018427387903) plus missed");
    }
}
