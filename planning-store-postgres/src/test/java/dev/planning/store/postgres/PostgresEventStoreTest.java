package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.InvalidInputException;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.engine.EventLines;
import dev.planning.engine.internal.eventlog.FileEventStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
@Tag("servers")
class PostgresEventStoreTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "2025-09-02");

    private PostgresStore store;
    private PostgresEventStore events;

    @BeforeEach
    void open() {
        store = TestServers.store(false);
        events = store.eventStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void recordsTheSameLinesAndHashesAsTheFileStore(@TempDir Path workspace) {
        FileEventStore files = new FileEventStore(workspace);
        List<PlanningEvent> history = List.of(Events.created(CYCLE),
                Events.moved(CYCLE, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF));
        String dbHead = RecordedEvent.GENESIS;
        String fileHead = RecordedEvent.GENESIS;
        for (PlanningEvent event : history) {
            dbHead = events.append(CYCLE, event, dbHead).hash();
            fileHead = files.append(CYCLE, event, fileHead).hash();
        }
        assertThat(dbHead).isEqualTo(fileHead);
        assertThat(events.read(CYCLE)).isEqualTo(files.read(CYCLE));
    }

    @Test
    void refusesAnAppendWhoseExpectedHeadIsStale() {
        RecordedEvent first = events.append(CYCLE, Events.created(CYCLE), RecordedEvent.GENESIS);
        events.append(CYCLE, Events.moved(CYCLE, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), first.hash());

        assertThatThrownBy(() -> events.append(CYCLE,
                Events.moved(CYCLE, CycleState.PLANNED, CycleState.PLANNED), first.hash()))
                .isInstanceOf(ConcurrentTransitionException.class)
                .hasMessageContaining("expected head " + first.hash());
        assertThat(events.read(CYCLE)).hasSize(2);
    }

    @Test
    void repeatingAnAppendWithTheSameEventIdRecordsItOnce() {
        PlanningEvent created = Events.created(CYCLE);
        RecordedEvent first = events.append(CYCLE, created, RecordedEvent.GENESIS);
        RecordedEvent again = events.append(CYCLE, created, RecordedEvent.GENESIS);

        assertThat(again).isEqualTo(first);
        assertThat(events.read(CYCLE)).hasSize(1);
    }

    @Test
    void refusesAnEventIdAlreadyUsedForDifferentContent() {
        PlanningEvent created = Events.created(CYCLE);
        events.append(CYCLE, created, RecordedEvent.GENESIS);
        PlanningEvent other = new PlanningEvent(created.id(), created.timestamp().plusSeconds(1), created.type(),
                created.fromState(), created.toState(), created.entityId(), "someone-else", created.gateResults(),
                created.details());

        assertThatThrownBy(() -> events.append(CYCLE, other, RecordedEvent.GENESIS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("already recorded as line 1");
    }

    @Test
    void readNamesTheLineWhoseBytesWereEdited() throws Exception {
        appendThree();
        execute("UPDATE planning_event SET line = convert_to(replace(convert_from(line, 'UTF8'), '\"test\"',"
                + " '\"mallory\"'), 'UTF8') WHERE repository = ? AND seq = 2");

        assertThatThrownBy(() -> events.read(CYCLE))
                .isInstanceOf(EventLogCorruptedException.class)
                .hasMessageContaining("line 2 was edited")
                .extracting(e -> ((EventLogCorruptedException) e).location().orElseThrow().line())
                .isEqualTo(2);
    }

    @Test
    void readNamesTheLineThatNoLongerChainsWhenAnEditAlsoFixedTheStoredHash() throws Exception {
        appendThree();
        execute("UPDATE planning_event SET line = convert_to(replace(convert_from(line, 'UTF8'), '\"test\"',"
                + " '\"mallory\"'), 'UTF8') WHERE repository = ? AND seq = 2");
        execute("UPDATE planning_event SET sha256 = encode(sha256(line), 'hex') WHERE repository = ? AND seq = 2");

        assertThatThrownBy(() -> events.read(CYCLE))
                .isInstanceOf(EventLogCorruptedException.class)
                .hasMessageContaining("line 3 does not chain to line 2");
    }

    @Test
    void readRefusesARowWhosePreviousHashColumnWasRewrittenThoughItsLineStillChains() throws Exception {
        appendThree();
        String line1 = events.read(CYCLE).get(0).hash();
        execute("UPDATE planning_event SET prev_sha256 = repeat('a', 64) WHERE repository = ? AND seq = 2");

        assertThatThrownBy(() -> events.read(CYCLE))
                .isInstanceOf(EventLogCorruptedException.class)
                .hasMessage("line 2's prev_sha256: expected '" + line1 + "' (in the line), found '" + "a".repeat(64)
                        + "'")
                .extracting(e -> ((EventLogCorruptedException) e).location().orElseThrow().line())
                .isEqualTo(2);
    }

    /**
     * A store that does not remember the head reads the cycle's last row: its bytes edited, the stored SHA-256 kept,
     * an append naming that SHA-256 as its head is refused at that line, as a read refuses it, and writes no row.
     */
    @Test
    void anAppendAfterALastRowWhoseBytesWereEditedIsRefusedAtThatRowByAStoreThatDoesNotRememberTheHead()
            throws Exception {
        appendThree();
        String head = events.read(CYCLE).get(2).hash();
        execute("UPDATE planning_event SET line = convert_to(replace(convert_from(line, 'UTF8'), '\"test\"',"
                + " '\"mallory\"'), 'UTF8') WHERE repository = ? AND seq = 3");

        try (PostgresStore fresh = sameRepository()) {
            assertThatThrownBy(() -> fresh.eventStore().append(CYCLE,
                    Events.moved(CYCLE, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), head))
                    .isInstanceOf(EventLogCorruptedException.class)
                    .hasMessageContaining("line 3 was edited: expected SHA-256 " + head)
                    .extracting(e -> ((EventLogCorruptedException) e).location().orElseThrow().line())
                    .isEqualTo(3);
        }
        assertThat(rows()).isEqualTo(3);
    }

    /**
     * As above, the last row's bytes replaced by a line that is no event and its stored SHA-256 made theirs: the
     * append naming that SHA-256 is refused as a read refuses the line, and writes no row.
     */
    @Test
    void anAppendAfterALastRowThatIsNoReadableEventIsRefusedAtThatRowByAStoreThatDoesNotRememberTheHead()
            throws Exception {
        appendThree();
        execute("UPDATE planning_event SET line = convert_to('not an event', 'UTF8'),"
                + " sha256 = encode(sha256(convert_to('not an event', 'UTF8')), 'hex') WHERE repository = ? AND seq = 3");
        String head = EventLines.hash("not an event".getBytes(StandardCharsets.UTF_8));

        try (PostgresStore fresh = sameRepository()) {
            assertThatThrownBy(() -> fresh.eventStore().append(CYCLE,
                    Events.moved(CYCLE, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), head))
                    .isInstanceOf(EventLogCorruptedException.class)
                    .hasMessageContaining("line 3 is not a readable planning event")
                    .extracting(e -> ((EventLogCorruptedException) e).location().orElseThrow().line())
                    .isEqualTo(3);
        }
        assertThat(rows()).isEqualTo(3);
    }

    @Test
    void readNamesAMissingLine() throws Exception {
        appendThree();
        execute("DELETE FROM planning_event WHERE repository = ? AND seq = 2");

        assertThatThrownBy(() -> events.read(CYCLE))
                .isInstanceOf(EventLogCorruptedException.class)
                .hasMessageContaining("line 2 is missing");
    }

    @Test
    void appendsToACycleWhosePortfolioRowIsGone() throws Exception {
        appendThree();
        String head = events.read(CYCLE).get(2).hash();
        execute("DELETE FROM planning_cycle WHERE repository = ?");

        RecordedEvent fourth = events.append(CYCLE, Events.moved(CYCLE, CycleState.PLANNED, CycleState.PLANNED), head);

        assertThat(fourth.line()).isEqualTo(4);
        assertThat(events.read(CYCLE)).hasSize(4);
    }

    @Test
    void aPortfolioRowBehindItsLogCannotPlaceASecondLineAtAHeldPosition() throws Exception {
        appendThree();
        String second = events.read(CYCLE).get(1).hash();
        execute("UPDATE planning_cycle SET events = 2, head_sha256 = '" + second + "' WHERE repository = ?");

        assertThatThrownBy(() -> events.append(CYCLE,
                Events.moved(CYCLE, CycleState.PLANNED, CycleState.PLANNED), second))
                .isInstanceOf(ConcurrentTransitionException.class);
        assertThat(events.read(CYCLE)).hasSize(3);
    }

    @Test
    void repositoriesSharingTheDatabaseDoNotSeeEachOthersLogs() {
        events.append(CYCLE, Events.created(CYCLE), RecordedEvent.GENESIS);
        try (PostgresStore other = TestServers.store(false)) {
            assertThat(other.eventStore().read(CYCLE)).isEmpty();
            other.eventStore().append(CYCLE, Events.created(CYCLE), RecordedEvent.GENESIS);
        }
        assertThat(events.read(CYCLE)).hasSize(1);
    }

    @Test
    void namesTheRepositoryAndCycleAsTheLogsLocation() {
        assertThat(events.location(CYCLE)).isEqualTo("postgresql:" + events.repository() + "/fe/2025-09-02");
    }

    private void appendThree() {
        String head = RecordedEvent.GENESIS;
        head = events.append(CYCLE, Events.created(CYCLE), head).hash();
        head = events.append(CYCLE, Events.moved(CYCLE, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), head).hash();
        events.append(CYCLE, Events.moved(CYCLE, CycleState.READY_FOR_HANDOFF, CycleState.PLANNED), head);
    }

    /** Another store over this test's repository, which remembers nothing this one read or appended. */
    private PostgresStore sameRepository() {
        return PostgresStore.builder().jdbcUrl(TestServers.jdbcUrl()).repository(events.repository()).outbox(false)
                .poolSize(4).build();
    }

    /** The rows of this test's repository. */
    private int rows() throws Exception {
        try (Connection connection = store.dataSource().getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM planning_event WHERE repository = ?")) {
            count.setString(1, events.repository());
            try (ResultSet rs = count.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getInt(1);
            }
        }
    }

    private void execute(String sql) throws Exception {
        RepositoryRows.edit(store, sql);
    }
}
