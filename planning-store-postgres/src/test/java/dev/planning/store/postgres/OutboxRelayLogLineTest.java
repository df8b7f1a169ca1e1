package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The relay's WARN line of a quarantined row, which a server's log holds, shows the row's text inert. */
class OutboxRelayLogLineTest {

    @Test
    void aQuarantinedRowsKeyAndReasonAreOneLineWithTheirControlsEscaped() {
        String key = "repo/fe/x\n2026-12-07 12:00:00 INFO outbox drained\u001b[2K";
        String reason = "names stream \"fe\"\r\u0085forged: \u202eok";

        String line = OutboxRelay.quarantinedLine(7, key, reason);

        assertThat(line).isEqualTo("outbox row 7 (repo/fe/x\\u000A2026-12-07 12:00:00 INFO outbox drained"
                + "\\u001B[2K) quarantined, not published; its cycle's later events wait behind it: names stream"
                + " \"fe\"\\u000D\\u0085forged: \\u202Eok");
        assertThat(line.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    }
}
