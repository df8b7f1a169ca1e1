package dev.planning.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.gate.GateStatus;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.rulebook.SigningRequirement;
import dev.planning.api.store.CycleQueries;
import dev.planning.store.postgres.OutboxRelay;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The text of the store's queries and of {@code store quarantined}: one line per row, whatever the
 * row holds. Twelfth review (2026-12-04): a waiver's item (a decision log's text), a refusal's gate
 * name (an event log's), a signature's role, an outbox row's event id (a database row) holding a line
 * break printed a line of their own, such as a forged {@code 0 waiver(s) expire by ...} summary.
 */
class StoreRowsTest {

    private static final String FORGED = "x\n0 refusal(s) since 2025-09-01T00:00:00Z in the store\n\u001b[2K\u202e";
    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    @Test
    void aWaiverARefusalAndAPendingSignatureAreEachOneLine() {
        List<String> rows = List.of(
                StoreCommand.row(new CycleQueries.WaiverExpiry(CYCLE, "evt_1", Optional.of(LocalDate.parse("2025-09-20")),
                        Optional.of("rule" + FORGED), Optional.of("FE-1" + FORGED), Optional.of("alice" + FORGED))),
                StoreCommand.row(new CycleQueries.Refusal(CYCLE, "evt_2", Instant.parse("2025-09-02T10:00:00Z"),
                        Optional.of(CycleState.PLANNED), Optional.of(CycleState.READY_FOR_HANDOFF),
                        Map.of("gate" + FORGED, GateStatus.FAIL))),
                StoreCommand.row(new CycleQueries.PendingSignatures(CYCLE, CycleState.PACKAGED, List.of("QA" + FORGED),
                        List.of("PM" + FORGED), List.of("TechLead"), List.of(new CycleQueries.UnmetRequirement(
                                new SigningRequirement(List.of("TechLead"), 1), 0)))),
                StoreCommand.row(new CycleQueries.PendingSignatures(CYCLE, CycleState.PACKAGED, List.of(), List.of(),
                        List.of("PM"), List.of(new CycleQueries.UnmetRequirement(new SigningRequirement(List.of("PM"), 1),
                                0)), Optional.of("m.yaml" + FORGED))),
                StoreCommand.Quarantined.row(new OutboxRelay.Quarantined(7, "acme", Optional.of(CYCLE), 3, "evt" + FORGED, "reason" + FORGED, 2)),
                StoreSelection.warning(new OutboxRelay.Quarantined(7, "acme", Optional.of(CYCLE), 3, "evt" + FORGED, "r" + FORGED, 2)));

        assertThat(rows).allSatisfy(row -> assertThat(row).doesNotContain("\n", "\r", "\u001b", "\u202e")
                .contains("x\\u000A0 refusal(s)"));
        assertThat(rows.get(0)).startsWith("2025-09-20\tfe/2025-09-02\trulex\\u000A");
        assertThat(rows.get(3)).contains("\tmanifest refused: m.yamlx\\u000A0 refusal(s)");
    }
}
