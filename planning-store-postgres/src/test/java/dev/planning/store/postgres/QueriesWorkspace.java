package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.PlanningWorkspace;
import dev.planning.api.WorkspaceLayout;
import dev.planning.api.event.EventType;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.store.EventStore;
import dev.planning.engine.Planning;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * pg24: the one-rulebook workspace the cross-cycle queries' tests and benchmark B6 ask over, in one place:
 * a rulebook whose signing policy requires {@code 1 of [PM]} (its one profile runs {@code schema_lint}),
 * cycles sealed with a PM signature claimed and no manifest file (so none counts, and each is pending),
 * the embedder's workspace over the store, and a data source that counts the statements of its connections;
 * and ({@link #open}) a store over such a data source with that workspace written, as a queries test opens it.
 */
final class QueriesWorkspace {

    /** The rulebook: its signing policy names PM alone. */
    static final String RULEBOOK = """
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

    private QueriesWorkspace() {
    }

    /** Writes {@link #RULEBOOK} where the default layout reads it ({@code rulebook/rulebook.yaml}). */
    static Path write(Path workspace) {
        return write(workspace, WorkspaceLayout.DEFAULT);
    }

    /** Writes {@link #RULEBOOK} where {@code layout} reads it; returns {@code workspace}. */
    static Path write(Path workspace, WorkspaceLayout layout) {
        Path rulebook = workspace.resolve(layout.rulebookDir());
        try {
            Files.createDirectories(rulebook);
            Files.writeString(rulebook.resolve("rulebook.yaml"), RULEBOOK, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return workspace;
    }

    /**
     * The workspace an embedder builds over the store ({@code Planning.builder().eventStore(store)}), read-only:
     * its {@code queries(trust)} are the embedder's cross-cycle queries.
     */
    static PlanningWorkspace embedder(Path workspace, EventStore store) {
        return Planning.builder().workspace(workspace).eventStore(store).readOnly().build();
    }

    /** A cycle's events up to its seal with a PM signature claimed: created, two moves, sealed, signed. */
    static List<PlanningEvent> sealedEvents(CycleRef cycle) {
        return List.of(Events.created(cycle),
                Events.moved(cycle, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF),
                Events.moved(cycle, CycleState.READY_FOR_HANDOFF, CycleState.PACKAGED),
                Events.fact(cycle, EventType.MANIFEST_SEALED, Map.of("manifest_sha256", "0".repeat(64))),
                Events.fact(cycle, EventType.SIGNATURE_ADDED, Map.of("role", "PM")));
    }

    /** Appends {@link #sealedEvents} of {@code cycle} to {@code store}: a cycle moved to PACKAGED, sealed, PM claimed. */
    static void seal(EventStore store, CycleRef cycle) {
        String head = RecordedEvent.GENESIS;
        for (PlanningEvent event : sealedEvents(cycle)) {
            head = store.append(cycle, event, head).hash();
        }
    }

    /**
     * {@code store} as a store that reads one cycle at a time (it does not read every log at once): what
     * {@code PlanningWorkspace.queries(trust)} read before pg24, one statement per cycle.
     */
    static EventStore readingEachCycle(EventStore store) {
        return new EventStore() {
            @Override
            public List<RecordedEvent> read(CycleRef cycle) {
                return store.read(cycle);
            }

            @Override
            public RecordedEvent append(CycleRef cycle, PlanningEvent event, String expectedHead) {
                return store.append(cycle, event, expectedHead);
            }

            @Override
            public List<CycleRef> cycles() {
                return store.cycles();
            }

            @Override
            public String location(CycleRef cycle) {
                return store.location(cycle);
            }
        };
    }

    /**
     * fold25: what the queries tests open before each test: the rulebook written into {@code workspace}, a
     * store over the test server through a {@link #counting} data source, a fresh repository, not migrated
     * (the test server is); close it after the test.
     */
    static CountedStore open(Path workspace) {
        write(workspace);
        return new CountedStore();
    }

    /** A store whose statements are counted, with its event store; close it to close the store. */
    static final class CountedStore implements AutoCloseable {

        /** Statements prepared or created on the store's connections (each one round trip or more). */
        private final AtomicInteger statements = new AtomicInteger();
        private final PostgresStore store;

        private CountedStore() {
            store = PostgresStore.builder().dataSource(counting(TestServers.postgres(), statements)).migrate(false)
                    .repository(TestServers.freshRepository()).build();
        }

        PostgresStore store() {
            return store;
        }

        PostgresEventStore events() {
            return store.eventStore();
        }

        /** The statements {@code question} took on the store's connections. */
        int statementsOf(Runnable question) {
            int before = statements.get();
            question.run();
            return statements.get() - before;
        }

        /**
         * Runs {@code sql} on the test server around the store, its one parameter this store's repository, and
         * checks that it changed a row (an edit that changes nothing would prove nothing).
         */
        void edit(String sql) throws SQLException {
            try (Connection connection = TestServers.postgres().getConnection();
                    PreparedStatement edit = connection.prepareStatement(sql)) {
                edit.setString(1, store.eventStore().repository());
                assertThat(edit.executeUpdate()).as("rows changed by " + sql).isPositive();
            }
        }

        @Override
        public void close() {
            store.close();
        }
    }

    /** {@code target}, counting in {@code statements} every statement its connections prepare or create. */
    static DataSource counting(DataSource target, AtomicInteger statements) {
        ClassLoader loader = QueriesWorkspace.class.getClassLoader();
        return (DataSource) Proxy.newProxyInstance(loader, new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, target, args);
                    if (result instanceof Connection connection) {
                        return Proxy.newProxyInstance(loader, new Class<?>[] {Connection.class}, (p, m, a) -> {
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
