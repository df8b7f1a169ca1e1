package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link Micros}: how the portfolio query and {@code store check} read a {@code timestamptz}. */
class MicrosTest {

    @Test
    void microsecondsNameTheInstantOnBothSidesOfTheEpoch() {
        assertThat(Micros.instant(1_756_807_200_123_456L)).isEqualTo(Instant.parse("2025-09-02T10:00:00.123456Z"));
        assertThat(Micros.instant(-1L)).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
    }

    @Test
    void anInstantIsTheColumnWhetherTheServerTruncatedOrRoundedItsNanoseconds() {
        Instant instant = Instant.parse("2025-09-02T10:00:00.123456789Z");

        assertThat(Micros.same(instant, 1_756_807_200_123_456L)).isTrue();
        assertThat(Micros.same(instant, 1_756_807_200_123_457L)).isTrue();
        assertThat(Micros.same(instant, 1_756_807_200_123_458L)).isFalse();
        assertThat(Micros.same(Instant.parse("2025-09-02T10:00:00.123456400Z"), 1_756_807_200_123_457L)).isFalse();
    }

    @Test
    void theColumnIsReadAsWholeMicroseconds() {
        assertThat(Micros.of("c.updated_at")).isEqualTo("(extract(epoch FROM c.updated_at) * 1000000)::int8");
    }
}
