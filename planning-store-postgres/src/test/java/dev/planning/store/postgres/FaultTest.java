package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.PlanningException;
import dev.planning.api.event.PlanningEvent;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
@Tag("servers")
class FaultTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "faults");

    @Test
    void aConnectionKilledInTheMiddleOfAnAppendLeavesNoPartialEventAndTheRetryRecordsItOnce() throws Exception {
        try (PostgresStore store = PostgresStore.builder().jdbcUrl(TestServers.jdbcUrl())
                .repository(TestServers.freshRepository()).outbox(true).poolSize(2).retryFor(Duration.ZERO)
                .lockTimeout(Duration.ofMinutes(3)).build()) {
            PostgresEventStore events = store.eventStore();
            String head = events.append(CYCLE, Events.created(CYCLE), RecordedEvent.GENESIS).hash();
            PlanningEvent next = Events.moved(CYCLE, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF);

            CompletableFuture<RecordedEvent> append;
            try (Connection blocker = TestServers.postgres().getConnection()) {
                // Hold the outbox table: the append moves the portfolio row and inserts its event row,
                // then waits here to queue its outbox row, the last thing it writes.
                blocker.setAutoCommit(false);
                lockTable(blocker, "planning_outbox");
                append = inThread(() -> events.append(CYCLE, next, head));
                int victim = waitForBlockedAppend(blocker, append);
                try (PreparedStatement kill = blocker.prepareStatement("SELECT pg_terminate_backend(?)")) {
                    kill.setInt(1, victim);
                    kill.execute();
                }
                blocker.rollback();
            }
            assertThatThrownBy(append::join).hasCauseInstanceOf(PlanningException.class);
            assertThat(committedRows(events.repository(), "planning_event")).isEqualTo(1);
            assertThat(committedRows(events.repository(), "planning_outbox")).isEqualTo(1);
            assertThat(events.read(CYCLE)).hasSize(1);

            RecordedEvent retried = events.append(CYCLE, next, head);
            RecordedEvent repeated = events.append(CYCLE, next, head);

            assertThat(repeated).isEqualTo(retried);
            assertThat(events.read(CYCLE)).extracting(r -> r.event().id()).containsExactly(
                    events.read(CYCLE).get(0).event().id(), next.id());
            assertThat(committedRows(events.repository(), "planning_outbox")).isEqualTo(2);
        }
    }

    @Test
    void theStoreRetriesAnAppendWhoseConnectionWasKilledAndRecordsItOnce() throws Exception {
        try (PostgresStore store = PostgresStore.builder().jdbcUrl(TestServers.jdbcUrl())
                .repository(TestServers.freshRepository()).poolSize(2).retryFor(Duration.ofSeconds(30))
                .lockTimeout(Duration.ofMinutes(3)).build()) {
            PostgresEventStore events = store.eventStore();
            String head = events.append(CYCLE, Events.created(CYCLE), RecordedEvent.GENESIS).hash();
            PlanningEvent next = Events.moved(CYCLE, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF);
            CompletableFuture<RecordedEvent> append;
            try (Connection blocker = TestServers.postgres().getConnection()) {
                // Hold the event table: the append moves the portfolio row, then waits here to insert its event row.
                blocker.setAutoCommit(false);
                lockTable(blocker, "planning_event");
                append = inThread(() -> events.append(CYCLE, next, head));
                int victim = waitForBlockedAppend(blocker, append);
                try (PreparedStatement kill = blocker.prepareStatement("SELECT pg_terminate_backend(?)")) {
                    kill.setInt(1, victim);
                    kill.execute();
                }
                assertThat(committedRows(events.repository(), "planning_event")).isEqualTo(1);
                blocker.rollback();
            }
            RecordedEvent recorded = append.get(60, TimeUnit.SECONDS);

            assertThat(recorded.line()).isEqualTo(2);
            assertThat(events.read(CYCLE)).hasSize(2);
        }
    }

    @Test
    void aDatabaseRestartedUnderLoadLosesNoAcknowledgedEvent(@TempDir Path data) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedPostgres server = start(data, port);
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        AtomicBoolean stop = new AtomicBoolean();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (PostgresStore store = PostgresStore.builder().jdbcUrl(server.getJdbcUrl("postgres", "postgres"))
                .repository("restart").poolSize(writers).retryFor(Duration.ofSeconds(60))
                .connectTimeout(Duration.ofSeconds(2)).build()) {
            List<Future<Integer>> loads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                CycleRef cycle = new CycleRef("fe", "load-" + w);
                loads.add(pool.submit(() -> {
                    String head = store.eventStore().append(cycle, Events.created(cycle), RecordedEvent.GENESIS).hash();
                    int appended = 1;
                    while (!stop.get()) {
                        PlanningEvent event = Events.moved(cycle, CycleState.PLANNED, CycleState.PLANNED);
                        head = store.eventStore().append(cycle, event, head).hash();
                        acknowledged.add(event.id());
                        appended++;
                    }
                    return appended;
                }));
            }
            waitForAtLeast(acknowledged, 50);
            server.close();
            int beforeRestart = acknowledged.size();
            server = start(data, port);
            waitForAtLeast(acknowledged, beforeRestart + 50);
            stop.set(true);
            int total = 0;
            for (Future<Integer> load : loads) {
                total += load.get(120, TimeUnit.SECONDS);
            }

            Set<String> recorded = new HashSet<>();
            int rows = 0;
            for (int w = 0; w < writers; w++) {
                List<RecordedEvent> log = store.eventStore().read(new CycleRef("fe", "load-" + w));
                rows += log.size();
                recorded.addAll(log.stream().map(r -> r.event().id()).collect(Collectors.toSet()));
            }
            assertThat(recorded).containsAll(acknowledged);
            assertThat(rows).isEqualTo(total);
        } finally {
            stop.set(true);
            pool.shutdownNow();
            server.close();
        }
    }

    /** Runs on a thread of its own (the common pool may be busy, or have one thread on 2 cores). */
    static CompletableFuture<RecordedEvent> inThread(Supplier<RecordedEvent> work) {
        CompletableFuture<RecordedEvent> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                future.complete(work.get());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "append-under-test");
        thread.setDaemon(true);
        thread.start();
        return future;
    }

    private static EmbeddedPostgres start(Path data, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                .setRegisterShutdownHook(true).start();
    }

    private static void waitForAtLeast(Set<String> acknowledged, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (acknowledged.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the writers acknowledged only " + acknowledged.size() + " events");
            }
            Thread.sleep(20);
        }
    }

    /** Makes an insertion into {@code table} wait until the blocker's transaction ends (reads still go on). */
    private static void lockTable(Connection blocker, String table) throws Exception {
        try (PreparedStatement lock = blocker.prepareStatement("LOCK TABLE " + table + " IN SHARE MODE")) {
            lock.execute();
        }
    }

    /** The process id of the backend whose append call waits for the blocker's lock, once it waits there. */
    static int waitForBlockedAppend(Connection blocker, CompletableFuture<RecordedEvent> append)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // Asked on a connection of its own in auto-commit: inside the blocker's transaction,
        // pg_stat_activity would answer from the snapshot taken at its first read.
        try (Connection watcher = TestServers.postgres().getConnection();
                PreparedStatement find = watcher.prepareStatement(
                "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        + " AND query LIKE '%planning_append(%' AND pid <> pg_backend_pid()")) {
            watcher.setAutoCommit(true);
            while (System.nanoTime() < deadline) {
                if (append.isDone()) {
                    throw new AssertionError("the append ended before it reached the blocker's lock: " + append.handle(
                            (value, error) -> error != null ? error.toString() : "recorded line " + value.line()).join());
                }
                try (ResultSet rs = find.executeQuery()) {
                    if (rs.next()) {
                        return rs.getInt(1);
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the append never reached the blocker's lock");
    }

    private static int committedRows(String repository, String table) throws Exception {
        try (Connection connection = TestServers.postgres().getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM " + table + " WHERE repository = ?")) {
            count.setString(1, repository);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
