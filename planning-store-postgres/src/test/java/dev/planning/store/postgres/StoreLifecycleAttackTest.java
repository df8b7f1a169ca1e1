package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.store.CycleQueries.CycleSummary;
import dev.planning.engine.Planning;
import dev.planning.engine.internal.eventlog.FileEventStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * attack35: a log {@code planning store migrate} imports is whoever committed it. A well-chained history the
 * lifecycle does not allow is refused by every read of the cycle ({@code status}, the files' portfolio: the
 * engine's strict fold), so the store must not take it in either: it stood in the store's portfolio (the rows'
 * projection), went out on the outbox, and {@code store check} called the store clean (real PostgreSQL server).
 */
@Tag("slow")
@Tag("servers")
class StoreLifecycleAttackTest {

    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");
    private static final CycleRef BE = new CycleRef("be", "PLN-BE-2024-01");

    static Stream<Arguments> historiesTheLifecycleDoesNotAllow() {
        return Stream.of(
                Arguments.of("PLANNED -> COMPLETED", (Function<CycleRef, PlanningEvent>) cycle ->
                        Events.moved(cycle, CycleState.PLANNED, CycleState.COMPLETED),
                        "STATE_TRANSITION PLANNED -> COMPLETED is not a transition the lifecycle allows"),
                Arguments.of("a move from a state the cycle is not in", (Function<CycleRef, PlanningEvent>) cycle ->
                        Events.moved(cycle, CycleState.PACKAGED, CycleState.EXECUTED),
                        "STATE_TRANSITION starts from PACKAGED but the cycle was PLANNED"),
                Arguments.of("a second CYCLE_CREATED", (Function<CycleRef, PlanningEvent>) Events::created,
                        "CYCLE_CREATED may only be the first event"),
                Arguments.of("a refusal that moved the cycle past the lifecycle",
                        (Function<CycleRef, PlanningEvent>) cycle -> new PlanningEvent(Events.id(),
                                Events.T0.plusSeconds(60), EventType.TRANSITION_REFUSED,
                                Optional.of(CycleState.PLANNED),
                                Optional.of(CycleState.READY_FOR_HANDOFF), cycle.toString(), "test", Map.of(),
                                Map.of("moved_to", "VALIDATED")),
                        "a refused transition cannot move the cycle from PLANNED to VALIDATED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("historiesTheLifecycleDoesNotAllow")
    void aCommittedLogWhoseHistoryTheLifecycleDoesNotAllowIsNotImportedNorPublished(String name,
            Function<CycleRef, PlanningEvent> second, String why, @TempDir Path source) throws Exception {
        FileEventStore files = new FileEventStore(source);
        String head = files.append(FE, Events.created(FE), RecordedEvent.GENESIS).hash();
        files.append(FE, second.apply(FE), head);
        files.append(BE, Events.created(BE), RecordedEvent.GENESIS);
        // The files' own reading refuses the history (as status does), naming the log's line 2.
        assertThatThrownBy(() -> Planning.cycleQueries(source).portfolio())
                .isInstanceOf(EventLogCorruptedException.class).hasMessageContaining(why);

        try (PostgresStore store = TestServers.store(true)) {
            assertThatThrownBy(() -> StoreMigration.importFiles(source, WorkspaceLayout.DEFAULT, store.eventStore()))
                    .isInstanceOf(EventLogCorruptedException.class)
                    .hasMessageContaining("line 2 does not fit the cycle's history: " + why)
                    .satisfies(e -> assertThat(((EventLogCorruptedException) e).location()).hasValueSatisfying(l -> {
                        assertThat(l.file()).isEqualTo(WorkspaceLayout.DEFAULT.eventLog(FE));
                        assertThat(l.line()).isEqualTo(2);
                    }));

            assertThat(store.eventStore().read(FE)).isEmpty();
            assertThat(store.queries().portfolio()).extracting(CycleSummary::cycle).doesNotContain(FE);
            assertThat(outboxRows(store, FE)).isZero();
            assertThat(store.check().mistakes()).isEmpty();
        }
    }

    /** The store's own import (an embedder's, or a log read another way) refuses it too, on top of what it holds. */
    @Test
    void linesTheLifecycleDoesNotAllowAfterTheLinesHeldAreNotImported(@TempDir Path source) throws Exception {
        FileEventStore files = new FileEventStore(source);
        String head = files.append(FE, Events.created(FE), RecordedEvent.GENESIS).hash();
        files.append(FE, Events.moved(FE, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), head);

        try (PostgresStore store = TestServers.store(true)) {
            StoreMigration.importFiles(source, WorkspaceLayout.DEFAULT, store.eventStore());
            List<byte[]> lines = lines(source, FE);
            head = files.read(FE).get(1).hash();
            files.append(FE, Events.moved(FE, CycleState.READY_FOR_HANDOFF, CycleState.COMPLETED), head);
            List<byte[]> more = lines(source, FE);

            assertThatThrownBy(() -> store.eventStore().importLines(FE, more))
                    .isInstanceOf(EventLogCorruptedException.class)
                    .hasMessageContaining("line 3 does not fit the cycle's history: STATE_TRANSITION"
                            + " READY_FOR_HANDOFF -> COMPLETED is not a transition the lifecycle allows")
                    .satisfies(e -> assertThat(((EventLogCorruptedException) e).location())
                            .hasValueSatisfying(l -> assertThat(l.line()).isEqualTo(3)));

            assertThat(store.eventStore().lines(FE)).hasSameSizeAs(lines);
            assertThat(store.queries().portfolio()).singleElement()
                    .satisfies(s -> assertThat(s.state()).isEqualTo(CycleState.READY_FOR_HANDOFF));
            assertThat(outboxRows(store, FE)).isEqualTo(2);
        }
    }

    /**
     * What came in before (an import of an earlier version), or an append around the engine (the store's append,
     * as the file store's, does not fold): {@code store check} reports the line the fold refuses, once.
     */
    @Test
    void storeCheckReportsTheFirstLineOfAHistoryTheLifecycleDoesNotAllow() {
        try (PostgresStore store = TestServers.store(false)) {
            PostgresEventStore events = store.eventStore();
            String head = events.append(FE, Events.created(FE), RecordedEvent.GENESIS).hash();
            head = events.append(FE, Events.moved(FE, CycleState.PLANNED, CycleState.COMPLETED), head).hash();
            events.append(FE, Events.moved(FE, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), head);
            String good = events.append(BE, Events.created(BE), RecordedEvent.GENESIS).hash();
            events.append(BE, Events.moved(BE, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), good);

            PostgresStore.CheckResult result = store.check();

            assertThat(result.mistakes()).singleElement().satisfies(m -> {
                assertThat(m.cycle()).isEqualTo(FE.cycleId());
                assertThat(m.line()).isEqualTo(2);
                assertThat(m.message()).contains("line 2 does not fit the cycle's history: STATE_TRANSITION"
                        + " PLANNED -> COMPLETED is not a transition the lifecycle allows");
            });
        }
    }

    /**
     * review35: every history the lifecycle allows still migrates, in one import or in two: sent back and handed off
     * again, a plan update, facts after PACKAGED (a seal, a signature), a refused move, sent back from EXECUTED, and
     * CYCLE_COMPLETED at the end; the store then folds it as status folds the files.
     */
    @Test
    void aHistoryTheLifecycleAllowsIsImportedWholeOrInTwoParts(@TempDir Path source) throws Exception {
        FileEventStore files = new FileEventStore(source);
        List<PlanningEvent> history = Events.datedInOrder(List.of(Events.created(FE),
                Events.moved(FE, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF),
                Events.moved(FE, CycleState.READY_FOR_HANDOFF, CycleState.PLANNED),
                new PlanningEvent(Events.id(), Events.T0.plusSeconds(90), EventType.PLAN_UPDATED,
                        Optional.of(CycleState.PLANNED), Optional.of(CycleState.PLANNED), FE.toString(), "test",
                        Map.of(), Map.of()),
                Events.moved(FE, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF),
                Events.moved(FE, CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED),
                Events.fact(FE, EventType.MANIFEST_SEALED, Map.of()),
                Events.fact(FE, EventType.SIGNATURE_ADDED, Map.of()),
                Events.refused(FE, CycleState.PACKAGED, CycleState.EXECUTED, Events.T0.plusSeconds(200)),
                Events.moved(FE, CycleState.PACKAGED, CycleState.EXECUTED),
                Events.moved(FE, CycleState.EXECUTED, CycleState.PACKAGED),
                Events.moved(FE, CycleState.PACKAGED, CycleState.EXECUTED),
                Events.moved(FE, CycleState.EXECUTED, CycleState.VALIDATED),
                Events.fact(FE, EventType.OUTCOMES_IMPORTED, Map.of()),
                Events.moved(FE, CycleState.VALIDATED, CycleState.IMPROVE),
                new PlanningEvent(Events.id(), Events.T0.plusSeconds(300), EventType.CYCLE_COMPLETED,
                        Optional.of(CycleState.IMPROVE), Optional.of(CycleState.COMPLETED), FE.toString(), "test",
                        Map.of(), Map.of())));
        String head = RecordedEvent.GENESIS;
        for (PlanningEvent event : history) {
            head = files.append(FE, event, head).hash();
        }
        assertThat(Planning.cycleQueries(source).portfolio()).singleElement()
                .satisfies(s -> assertThat(s.state()).isEqualTo(CycleState.COMPLETED));
        List<byte[]> lines = lines(source, FE);

        try (PostgresStore whole = TestServers.store(true)) {
            StoreMigration.importFiles(source, WorkspaceLayout.DEFAULT, whole.eventStore());
            assertThat(whole.eventStore().read(FE)).hasSize(history.size());
            assertThat(whole.queries().portfolio()).singleElement()
                    .satisfies(s -> assertThat(s.state()).isEqualTo(CycleState.COMPLETED));
            assertThat(whole.check().mistakes()).isEmpty();
            // Repeated, nothing is added.
            assertThat(whole.eventStore().importLines(FE, lines)).isZero();
        }
        try (PostgresStore parts = TestServers.store(true)) {
            assertThat(parts.eventStore().importLines(FE, lines.subList(0, 8))).isEqualTo(8);
            assertThat(parts.eventStore().importLines(FE, lines)).isEqualTo(history.size() - 8);
            assertThat(parts.check().mistakes()).isEmpty();
        }
    }

    private static List<byte[]> lines(Path workspace, CycleRef cycle) throws Exception {
        return Files.readAllLines(workspace.resolve(WorkspaceLayout.DEFAULT.eventLog(cycle)), StandardCharsets.UTF_8)
                .stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).toList();
    }

    private static long outboxRows(PostgresStore store, CycleRef cycle) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM planning_outbox"
                        + " WHERE repository = ? AND stream = ? AND cycle_id = ?")) {
            select.setString(1, store.eventStore().repository());
            select.setString(2, cycle.stream());
            select.setString(3, cycle.cycleId());
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
