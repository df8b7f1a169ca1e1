package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.EventLogCorruptedException;
import dev.planning.api.PlanningException;
import dev.planning.api.event.EventType;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.signing.TrustedKeys;
import dev.planning.api.store.CycleQueries;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pgsig23: the pending-signatures questions of {@link PostgresStore#queries(Path, TrustedKeys)} read every
 * cycle's lines in one statement ({@link PostgresEventStore#readAll}), each cycle's chain verified as
 * {@link PostgresEventStore#read} verifies it: the same logs, the same refusals, and a number of
 * statements that does not grow with the cycles.
 */
@Tag("slow")
@Tag("servers")
class PendingSignaturesReadTest {

    private static final String RULEBOOK = """
            version: "1.0.0"
            required_tags: []
            profiles:
              fe:
                - {transition: "PLANNED->READY_FOR_HANDOFF", gates: [schema_lint]}
            default_profile: fe
            signing:
              required:
                - {roles: [PM], min: 1}
            """;

    @TempDir
    Path workspace;

    /** Statements prepared or created on the store's connections (each one round trip or more). */
    private final AtomicInteger statements = new AtomicInteger();
    private PostgresStore store;
    private PostgresEventStore events;

    @BeforeEach
    void open() throws IOException {
        store = PostgresStore.builder().dataSource(counting(TestServers.postgres())).migrate(false)
                .repository(TestServers.freshRepository()).build();
        events = store.eventStore();
        Files.createDirectories(workspace.resolve("rulebook"));
        Files.writeString(workspace.resolve("rulebook/rulebook.yaml"), RULEBOOK, StandardCharsets.UTF_8);
    }

    @AfterEach
    void close() {
        store.close();
    }

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
        String head = events.append(cycle, Events.created(cycle), RecordedEvent.GENESIS).hash();
        head = events.append(cycle, Events.moved(cycle, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), head)
                .hash();
        head = events.append(cycle, Events.moved(cycle, CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED), head)
                .hash();
        head = events.append(cycle, Events.fact(cycle, EventType.MANIFEST_SEALED, Map.of("manifest_sha256",
                "0".repeat(64))), head).hash();
        events.append(cycle, Events.fact(cycle, EventType.SIGNATURE_ADDED, Map.of("role", "PM")), head);
    }

    private int statementsOf(Runnable question) {
        int before = statements.get();
        question.run();
        return statements.get() - before;
    }

    private void edit(String sql) throws SQLException {
        try (Connection connection = TestServers.postgres().getConnection();
                PreparedStatement edit = connection.prepareStatement(sql)) {
            edit.setString(1, events.repository());
            assertThat(edit.executeUpdate()).isPositive();
        }
    }

    /** {@code target}, counting every statement its connections prepare or create. */
    private DataSource counting(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, target, args);
                    if (result instanceof Connection connection) {
                        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                                (p, m, a) -> {
                                    String name = m.getName();
                                    if (name.equals("prepareStatement") || name.equals("prepareCall")
                                            || name.equals("createStatement")) {
                                        statements.incrementAndGet();
                                    }
                                    return invoke(m, connection, a);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
