package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.PlanningException;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * pgsig23: the pending-signatures questions of {@link PostgresStore#queries(Path, TrustedKeys)} read every
 * cycle's lines in one statement ({@link PostgresEventStore#readAll}), each cycle's chain verified as
 * {@link PostgresEventStore#read} verifies it: the same logs, the same refusals, and a number of
 * statements that does not grow with the cycles.
 */
@Tag("slow")
@Tag("servers")
class PendingSignaturesReadTest extends CountedStoreFixture {

    @Test
    void pendingSignaturesReadEveryCyclesLinesInOneStatementHoweverManyCycles() {
        sealed(new CycleRef("fe", "c1"));
        sealed(new CycleRef("fe", "c2"));
        CycleQueries queries = store.queries(workspace, TrustedKeys.none());

        int few = statementsOf(() -> assertThat(queries.pendingSignatures(Set.of("PM"))).hasSize(2));
        for (int i = 3; i <= 8; i++) {
            sealed(new CycleRef("fe", "c" + i));
        }
        int many = statementsOf(() -> assertThat(queries.pendingSignatures()).hasSize(8));

        assertThat(few).as("one ordered read of the repository's lines for 2 cycles").isEqualTo(1);
        assertThat(many).as("and for 8: no read per cycle").isEqualTo(1);
    }

    @Test
    void readAllReturnsWhatReadingEachCycleReturns() {
        CycleRef sealed = new CycleRef("fe", "b");
        CycleRef other = new CycleRef("be", "a");
        CycleRef upper = new CycleRef("fe", "Z1");
        sealed(sealed);
        sealed(upper);
        events.append(other, Events.created(other), RecordedEvent.GENESIS);

        Map<CycleRef, List<RecordedEvent>> each = new LinkedHashMap<>();
        events.cycles().forEach(cycle -> each.put(cycle, events.read(cycle)));

        Map<CycleRef, List<RecordedEvent>> all = events.readAll();
        assertThat(all).isEqualTo(each);
        assertThat(all.keySet()).as("in the order cycles() lists them").containsExactly(other, upper, sealed);
    }

    @Test
    void aLineEditedInOneCycleRefusesThePendingSignaturesNamingTheLine() throws SQLException {
        sealed(new CycleRef("fe", "a"));
        sealed(new CycleRef("fe", "b"));
        edit("UPDATE planning_event SET line = convert_to(replace(convert_from(line, 'UTF8'), '\"test\"',"
                + " '\"mallory\"'), 'UTF8') WHERE repository = ? AND cycle_id = 'b' AND seq = 2");

        assertThatThrownBy(() -> store.queries(workspace, TrustedKeys.none()).pendingSignatures())
                .isInstanceOf(EventLogCorruptedException.class)
                .hasMessageContaining("line 2 was edited")
                .extracting(e -> ((EventLogCorruptedException) e).location().orElseThrow().file())
                .isEqualTo(events.location(new CycleRef("fe", "b")));
    }

    @Test
    void aLineEditedWithItsStoredHashRefusesWhereTheNextLineNoLongerChains() throws SQLException {
        sealed(new CycleRef("fe", "b"));
        edit("UPDATE planning_event SET line = convert_to(replace(convert_from(line, 'UTF8'), '\"test\"',"
                + " '\"mallory\"'), 'UTF8') WHERE repository = ? AND seq = 2");
        edit("UPDATE planning_event SET sha256 = encode(sha256(line), 'hex') WHERE repository = ? AND seq = 2");

        assertThatThrownBy(() -> store.queries(workspace, TrustedKeys.none()).pendingSignatures(Set.of("PM")))
                .isInstanceOf(EventLogCorruptedException.class)
                .hasMessageContaining("line 3 does not chain to line 2");
    }

    @Test
    void aMissingLineRefusesThePendingSignatures() throws SQLException {
        sealed(new CycleRef("fe", "b"));
        edit("DELETE FROM planning_event WHERE repository = ? AND seq = 2");

        assertThatThrownBy(() -> store.queries(workspace, TrustedKeys.none()).pendingSignatures(Set.of("PM")))
                .isInstanceOf(EventLogCorruptedException.class)
                .hasMessageContaining("line 2 is missing");
    }

    @Test
    void aRowNamingNoCycleRefusesThePendingSignaturesNamingTheRow() throws SQLException {
        sealed(new CycleRef("fe", "b"));
        edit("UPDATE planning_event SET stream = 'Fe.x' WHERE repository = ? AND seq = 2");

        assertThatThrownBy(() -> store.queries(workspace, TrustedKeys.none()).pendingSignatures(Set.of("PM")))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("rows of planning_event").hasMessageContaining("'Fe.x'")
                .hasMessageContaining("planning store check");
    }

    /** A cycle moved to PACKAGED and sealed, with a PM signature claimed. */
    private void sealed(CycleRef cycle) {
        QueriesWorkspace.seal(events, cycle);
    }
}
