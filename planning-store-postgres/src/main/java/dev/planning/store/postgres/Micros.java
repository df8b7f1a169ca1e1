package dev.planning.store.postgres;

import java.time.Instant;

/**
 * A {@code timestamptz} read as whole microseconds since the epoch (cheaper to read than a
 * timestamp's text, and exact): the column expression, the instant it names, and whether an
 * instant is what such a column holds. The portfolio query and {@code store check} read time this way.
 */
final class Micros {

    private static final long PER_SECOND = 1_000_000L;

    private Micros() {
    }

    /** The SQL that reads {@code column} as microseconds since the epoch ({@code int8}). */
    static String of(String column) {
        return "(extract(epoch FROM " + column + ") * 1000000)::int8";
    }

    /** The instant {@code micros} microseconds after the epoch (before it when negative). */
    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, PER_SECOND), Math.floorMod(micros, PER_SECOND) * 1000L);
    }

    /**
     * Whether {@code micros} is {@code instant} as a {@code timestamptz} holds it: to the
     * microsecond, the nanoseconds below it truncated or rounded (half up).
     */
    static boolean same(Instant instant, long micros) {
        long nanos = Math.floorMod(instant.getNano(), 1000);
        long truncated = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), PER_SECOND),
                instant.getNano() / 1000);
        return micros == truncated || nanos >= 500 && micros == truncated + 1;
    }
}
