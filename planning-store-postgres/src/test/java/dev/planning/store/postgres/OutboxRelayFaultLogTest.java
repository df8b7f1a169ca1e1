package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The relay's own failure, logged at ERROR with its stack trace, shows its message and its causes' inert: they may
 * quote the event the relay failed on (review38b).
 */
class OutboxRelayFaultLogTest {

    @Test
    void aFaultsMessageAndItsCausesArePrintedOnTheirLinesWithTheirControlsEscaped() {
        IllegalStateException cause = new IllegalStateException("value \"x\n2026-12-07 INFO outbox drained\"");
        RuntimeException failure = new IllegalArgumentException("event FE-1\r\n::error::forged\u001b[2K", cause);

        StringWriter printed = new StringWriter();
        OutboxRelay.shown(failure).printStackTrace(new PrintWriter(printed));

        String[] lines = printed.toString().split("\\R");
        assertThat(lines[0]).isEqualTo("java.lang.IllegalArgumentException: event FE-1\\u000D\\u000A::error::forged"
                + "\\u001B[2K");
        assertThat(lines).contains("Caused by: java.lang.IllegalStateException: value \"x\\u000A2026-12-07 INFO outbox"
                + " drained\"");
        assertThat(lines).filteredOn(line -> !line.startsWith("\tat ") && !line.startsWith("\t... ")
                && !line.startsWith("Caused by: ")).hasSize(1);
    }

    @Test
    void theLoggedCopyKeepsTheFaultsStackTrace() {
        RuntimeException failure = new IllegalStateException("x");

        assertThat(OutboxRelay.shown(failure).getStackTrace()).isEqualTo(failure.getStackTrace());
    }
}
