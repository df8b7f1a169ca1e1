package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.event.EventType;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.internal.eventlog.FileEventStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
@Tag("servers")
class StoreMigrationTest {

    private static final CycleRef FE = new CycleRef("fe", "2025-09-02");
    private static final CycleRef BE = new CycleRef("be", "PLN-BE-2024-01");

    @Test
    void importThenExportReproducesEveryLogByteForByte(@TempDir Path source, @TempDir Path target) throws Exception {
        FileEventStore files = new FileEventStore(source);
        String head = files.append(FE, Events.created(FE), RecordedEvent.GENESIS).hash();
        head = files.append(FE, Events.moved(FE, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), head).hash();
        files.append(FE, Events.fact(FE, EventType.WAIVER_GRANTED,
                Map.of("rule", "critical-zero", "reason", "Übergang – naïve ✓")), head);
        files.append(BE, Events.created(BE), RecordedEvent.GENESIS);

        try (PostgresStore store = TestServers.store(false)) {
            List<StoreMigration.Moved> imported = StoreMigration.importFiles(source, WorkspaceLayout.DEFAULT,
                    store.eventStore());
            List<StoreMigration.Moved> again = StoreMigration.importFiles(source, WorkspaceLayout.DEFAULT,
                    store.eventStore());
            List<StoreMigration.Moved> exported = StoreMigration.exportFiles(store.eventStore(), target,
                    WorkspaceLayout.DEFAULT);

            assertThat(imported).containsExactly(new StoreMigration.Moved(BE, 1, 1), new StoreMigration.Moved(FE, 3, 3));
            assertThat(again).extracting(StoreMigration.Moved::added).containsOnly(0);
            assertThat(exported).extracting(StoreMigration.Moved::added).containsExactly(1, 3);
            for (CycleRef cycle : List.of(FE, BE)) {
                String log = WorkspaceLayout.DEFAULT.eventLog(cycle);
                assertThat(Files.readAllBytes(target.resolve(log))).isEqualTo(Files.readAllBytes(source.resolve(log)));
            }
            assertThat(store.eventStore().read(FE)).isEqualTo(files.read(FE));
        }
    }

    @Test
    void refusesToImportALogWhoseChainIsBrokenAndImportsNothingOfIt(@TempDir Path source) throws Exception {
        FileEventStore files = new FileEventStore(source);
        String head = files.append(FE, Events.created(FE), RecordedEvent.GENESIS).hash();
        files.append(FE, Events.moved(FE, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), head);
        Path log = source.resolve(WorkspaceLayout.DEFAULT.eventLog(FE));
        String text = Files.readString(log, StandardCharsets.UTF_8);
        Files.writeString(log, text.replaceFirst("\"test\"", "\"mallory\""), StandardCharsets.UTF_8);

        try (PostgresStore store = TestServers.store(false)) {
            assertThatThrownBy(() -> StoreMigration.importFiles(source, WorkspaceLayout.DEFAULT, store.eventStore()))
                    .isInstanceOf(EventLogCorruptedException.class)
                    .hasMessageContaining("line 2");
            assertThat(store.eventStore().read(FE)).isEmpty();
        }
    }

    /** store29: lines of another cycle's log are refused by importLines, naming the line; nothing is imported. */
    @Test
    void refusesToImportAnotherCyclesLinesNamingTheLine(@TempDir Path source) throws Exception {
        CycleRef twin = new CycleRef("fe", "2025-09-16");
        FileEventStore files = new FileEventStore(source);
        String head = files.append(FE, Events.created(FE), RecordedEvent.GENESIS).hash();
        files.append(FE, Events.moved(FE, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), head);
        List<byte[]> lines = Files.readAllLines(source.resolve(WorkspaceLayout.DEFAULT.eventLog(FE)),
                StandardCharsets.UTF_8).stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).toList();

        try (PostgresStore store = TestServers.store(false)) {
            assertThatThrownBy(() -> store.eventStore().importLines(twin, lines))
                    .isInstanceOf(EventLogCorruptedException.class)
                    .hasMessageContaining("line 1 is an event of " + FE)
                    .satisfies(e -> assertThat(((EventLogCorruptedException) e).location())
                            .hasValueSatisfying(l -> assertThat(l.line()).isEqualTo(1)));
            assertThat(store.eventStore().read(twin)).isEmpty();
        }
    }

    /**
     * Fourth review of 2026-12-03 (held): a log brought in by {@code store migrate} is whoever
     * committed it. Cycles whose logs repeat each other's event ids each keep their own lines, under
     * a repository name with {@code /}, {@code _}, {@code .} and {@code -}, and come back byte for byte;
     * a cycle whose log repeats an id within itself is refused whole, and (store36) the cycles beside it with it.
     */
    @Test
    void logsRepeatingEventIdsImportIntoTheirOwnCyclesAndComeBackByteForByte(@TempDir Path source,
            @TempDir Path target) throws Exception {
        CycleRef twin = new CycleRef("fe", "2025-09-16");
        CycleRef repeated = new CycleRef("be", "PLN-BE-2024-02");
        FileEventStore files = new FileEventStore(source);
        for (CycleRef cycle : List.of(FE, twin)) {
            String head = files.append(cycle, withId(Events.created(cycle), "evt_same_1"), RecordedEvent.GENESIS).hash();
            files.append(cycle, withId(Events.moved(cycle, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF),
                    "evt_same_2"), head);
        }
        String head = files.append(repeated, withId(Events.created(repeated), "evt_twice"), RecordedEvent.GENESIS).hash();
        files.append(repeated, withId(Events.moved(repeated, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF),
                "evt_twice"), head);

        try (PostgresStore store = PostgresStore.builder().jdbcUrl(TestServers.jdbcUrl())
                .repository(TestServers.freshRepository() + "/a_b.c-d/x_y").poolSize(2).build()) {
            assertThatThrownBy(() -> StoreMigration.importFiles(source, WorkspaceLayout.DEFAULT, store.eventStore()))
                    .isInstanceOf(dev.planning.api.PlanningException.class);
            assertThat(store.eventStore().read(repeated)).isEmpty();
            Files.delete(source.resolve(WorkspaceLayout.DEFAULT.eventLog(repeated)));

            List<StoreMigration.Moved> imported = StoreMigration.importFiles(source, WorkspaceLayout.DEFAULT,
                    store.eventStore());
            StoreMigration.exportFiles(store.eventStore(), target, WorkspaceLayout.DEFAULT);

            assertThat(imported).extracting(StoreMigration.Moved::lines).containsExactly(2, 2);
            for (CycleRef cycle : List.of(FE, twin)) {
                String log = WorkspaceLayout.DEFAULT.eventLog(cycle);
                assertThat(Files.readAllBytes(target.resolve(log))).isEqualTo(Files.readAllBytes(source.resolve(log)));
                assertThat(store.eventStore().read(cycle)).isEqualTo(files.read(cycle));
            }
            assertThat(store.eventStore().read(FE)).extracting(e -> e.event().id())
                    .isEqualTo(store.eventStore().read(twin).stream().map(e -> e.event().id()).toList());
        }
    }

    /**
     * store36: an import is whole or nothing. A log the lifecycle refuses between two good ones left the cycle
     * before it imported (cycle by cycle, each in its own transaction); now nothing is, the refusal says so, and
     * the same import after the log is mended imports all three.
     */
    @Test
    void aRefusedLogAmongGoodOnesImportsNothingAndSaysSo(@TempDir Path source) throws Exception {
        CycleRef after = new CycleRef("ge", "2025-09-02");
        FileEventStore files = new FileEventStore(source);
        files.append(BE, Events.created(BE), RecordedEvent.GENESIS);
        String head = files.append(FE, Events.created(FE), RecordedEvent.GENESIS).hash();
        files.append(FE, Events.created(FE), head);
        files.append(after, Events.created(after), RecordedEvent.GENESIS);

        try (PostgresStore store = TestServers.store(true)) {
            assertThatThrownBy(() -> StoreMigration.importFiles(source, WorkspaceLayout.DEFAULT, store.eventStore()))
                    .isInstanceOf(EventLogCorruptedException.class)
                    .hasMessageContaining("line 2 does not fit the cycle's history")
                    .hasMessageEndingWith("; nothing was imported (store migrate imports every log or none): fix the"
                            + " log and run it again")
                    .satisfies(e -> assertThat(((EventLogCorruptedException) e).location()).hasValueSatisfying(
                            l -> assertThat(l.file()).isEqualTo(WorkspaceLayout.DEFAULT.eventLog(FE))));

            for (CycleRef cycle : List.of(BE, FE, after)) {
                assertThat(store.eventStore().read(cycle)).as(cycle.toString()).isEmpty();
            }
            assertThat(store.eventStore().cycles()).isEmpty();

            Path log = source.resolve(WorkspaceLayout.DEFAULT.eventLog(FE));
            Files.delete(log);
            files.append(FE, Events.created(FE), RecordedEvent.GENESIS);
            assertThat(StoreMigration.importFiles(source, WorkspaceLayout.DEFAULT, store.eventStore()))
                    .extracting(StoreMigration.Moved::added).containsExactly(1, 1, 1);
        }
    }

    /** store36: every refused log is reported at once, each at its file and line, and nothing is imported. */
    @Test
    void everyRefusedLogIsReportedAndNothingIsImported(@TempDir Path source) throws Exception {
        FileEventStore files = new FileEventStore(source);
        for (CycleRef cycle : List.of(BE, FE)) {
            String head = files.append(cycle, Events.created(cycle), RecordedEvent.GENESIS).hash();
            files.append(cycle, Events.created(cycle), head);
        }
        CycleRef good = new CycleRef("ge", "2025-09-02");
        files.append(good, Events.created(good), RecordedEvent.GENESIS);

        try (PostgresStore store = TestServers.store(false)) {
            assertThatThrownBy(() -> StoreMigration.importFiles(source, WorkspaceLayout.DEFAULT, store.eventStore()))
                    .isInstanceOf(dev.planning.api.InvalidInputException.class)
                    .hasMessageStartingWith("2 event logs are refused; nothing was imported")
                    .hasMessageContaining(WorkspaceLayout.DEFAULT.eventLog(BE) + ":2: event ")
                    .hasMessageContaining(WorkspaceLayout.DEFAULT.eventLog(FE) + ":2: event ")
                    .hasMessageContaining("on line 2 does not fit the cycle's history");
            assertThat(store.eventStore().cycles()).isEmpty();
        }
    }

    /**
     * store36: a log the database refuses (its cycle there holds another history) fails the whole import in the
     * database's one transaction: the logs before it, checked and inserted, are rolled back.
     */
    @Test
    void aLogTheDatabaseRefusesRollsBackTheLogsImportedBeforeIt(@TempDir Path source) throws Exception {
        FileEventStore files = new FileEventStore(source);
        files.append(BE, Events.created(BE), RecordedEvent.GENESIS);
        files.append(FE, Events.created(FE), RecordedEvent.GENESIS);

        try (PostgresStore store = TestServers.store(false)) {
            store.eventStore().append(FE, Events.created(FE), RecordedEvent.GENESIS);

            assertThatThrownBy(() -> StoreMigration.importFiles(source, WorkspaceLayout.DEFAULT, store.eventStore()))
                    .isInstanceOf(EventLogCorruptedException.class)
                    .hasMessageContaining("differs from the line the database already holds")
                    .hasMessageContaining("nothing was imported");
            assertThat(store.eventStore().read(BE)).as("imported first, rolled back with the rest").isEmpty();
            assertThat(store.eventStore().read(FE)).hasSize(1);
        }
    }

    private static dev.planning.api.event.PlanningEvent withId(dev.planning.api.event.PlanningEvent event, String id) {
        return new dev.planning.api.event.PlanningEvent(id, event.timestamp(), event.type(), event.fromState(),
                event.toState(), event.entityId(), event.triggeredBy(), event.gateResults(), event.details());
    }

    @Test
    void exportRefusesToReplaceAFileWithADifferentHistory(@TempDir Path source, @TempDir Path target) throws Exception {
        new FileEventStore(source).append(FE, Events.created(FE), RecordedEvent.GENESIS);
        new FileEventStore(target).append(FE, Events.created(FE), RecordedEvent.GENESIS);
        byte[] before = Files.readAllBytes(target.resolve(WorkspaceLayout.DEFAULT.eventLog(FE)));

        try (PostgresStore store = TestServers.store(false)) {
            StoreMigration.importFiles(source, WorkspaceLayout.DEFAULT, store.eventStore());
            assertThatThrownBy(() -> StoreMigration.exportFiles(store.eventStore(), target, WorkspaceLayout.DEFAULT))
                    .hasMessageContaining("not a prefix");
        }
        assertThat(Files.readAllBytes(target.resolve(WorkspaceLayout.DEFAULT.eventLog(FE)))).isEqualTo(before);
    }
}
