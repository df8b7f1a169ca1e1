package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.testkit.process.ChildProcesses;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
@Tag("servers")
@Tag("race")
class RaceTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "race");

    @Test
    void ofWritersOnSeparatePoolsExpectingTheSameHeadExactlyOneWinsEachRound() throws Exception {
        int writers = 8;
        int rounds = 10;
        String repository = TestServers.freshRepository();
        List<PostgresStore> stores = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            stores.add(PostgresStore.builder().jdbcUrl(TestServers.jdbcUrl()).repository(repository).poolSize(1)
                    .migrate(false).build());
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            String head = stores.get(0).eventStore().append(CYCLE, Events.created(CYCLE), RecordedEvent.GENESIS).hash();
            for (int round = 0; round < rounds; round++) {
                CyclicBarrier start = new CyclicBarrier(writers);
                String expected = head;
                List<Future<RecordedEvent>> attempts = new ArrayList<>();
                for (PostgresStore store : stores) {
                    attempts.add(pool.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        try {
                            return store.eventStore().append(CYCLE,
                                    Events.moved(CYCLE, CycleState.PLANNED, CycleState.PLANNED), expected);
                        } catch (ConcurrentTransitionException lost) {
                            return null;
                        }
                    }));
                }
                List<RecordedEvent> winners = new ArrayList<>();
                for (Future<RecordedEvent> attempt : attempts) {
                    RecordedEvent won = attempt.get(60, TimeUnit.SECONDS);
                    if (won != null) {
                        winners.add(won);
                    }
                }
                assertThat(winners).as("winners of round %d", round).hasSize(1);
                head = winners.get(0).hash();
            }
            List<RecordedEvent> log = stores.get(0).eventStore().read(CYCLE);
            assertThat(log).hasSize(1 + rounds);
            assertThat(log.get(log.size() - 1).hash()).isEqualTo(head);
        } finally {
            pool.shutdownNow();
            stores.forEach(PostgresStore::close);
        }
    }

    @Test
    void writersInSeparateProcessesNeverForkTheChain() throws Exception {
        int processes = 3;
        int appendsEach = 15;
        String repository = TestServers.freshRepository();
        try (PostgresStore store = PostgresStore.builder().jdbcUrl(TestServers.jdbcUrl()).repository(repository)
                .poolSize(1).build()) {
            store.eventStore().append(CYCLE, Events.created(CYCLE), RecordedEvent.GENESIS);
            String java = ChildProcesses.javaLauncher();
            List<Process> children = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                children.add(new ProcessBuilder(java, ChildProcesses.temporaryDirectoryOption(), "-cp", System.getProperty("java.class.path"),
                        RaceWriter.class.getName(), TestServers.jdbcUrl(), repository, String.valueOf(appendsEach))
                        .redirectErrorStream(true).start());
            }
            int wins = 0;
            int losses = 0;
            for (Process child : children) {
                String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(child.exitValue()).as(output).isZero();
                String[] parts = output.substring(output.lastIndexOf('\n') + 1).split(" ");
                wins += Integer.parseInt(parts[0]);
                losses += Integer.parseInt(parts[1]);
            }
            List<RecordedEvent> log = store.eventStore().read(CYCLE);
            assertThat(wins).isEqualTo(processes * appendsEach);
            assertThat(log).hasSize(1 + wins);
            Set<String> previous = new HashSet<>();
            log.forEach(event -> assertThat(previous.add(event.prevHash())).isTrue());
            // Whether these free-running writers ever collide depends on the scheduler (a child may
            // finish before the next one has started): the test below makes them collide.
        }
    }

    /**
     * N processes expecting the same head, made to collide for certain: the cycle's portfolio row
     * is held locked until every child's append waits for it, then released. Exactly one child
     * wins; every other one gets {@link ConcurrentTransitionException} (the same type as with files)
     * and writes nothing.
     */
    @Test
    void ofProcessesAppendingAtTheSamePositionAtOnceExactlyOneWinsAndTheOthersGetConcurrentTransition()
            throws Exception {
        int processes = 4;
        String repository = TestServers.freshRepository();
        String application = "race-" + UUID.randomUUID();
        try (PostgresStore store = PostgresStore.builder().jdbcUrl(TestServers.jdbcUrl()).repository(repository)
                .poolSize(1).build()) {
            RecordedEvent created = store.eventStore().append(CYCLE, Events.created(CYCLE), RecordedEvent.GENESIS);
            List<Process> children = new ArrayList<>();
            try (Connection blocker = TestServers.postgres().getConnection()) {
                blocker.setAutoCommit(false);
                try (PreparedStatement lock = blocker.prepareStatement("SELECT 1 FROM planning_cycle"
                        + " WHERE repository = ? AND stream = ? AND cycle_id = ? FOR UPDATE")) {
                    lock.setString(1, repository);
                    lock.setString(2, CYCLE.stream());
                    lock.setString(3, CYCLE.cycleId());
                    try (ResultSet rs = lock.executeQuery()) {
                        assertThat(rs.next()).as("the cycle's portfolio row").isTrue();
                    }
                }
                for (int i = 0; i < processes; i++) {
                    children.add(new ProcessBuilder(ChildProcesses.javaLauncher(),
                            ChildProcesses.temporaryDirectoryOption(), "-cp", System.getProperty("java.class.path"),
                            RaceWriter.class.getName(), TestServers.jdbcUrl() + "&ApplicationName=" + application,
                            repository, "once").redirectErrorStream(true).start());
                }
                waitUntilAppendsWait(application, processes, children);
                blocker.rollback();
            }
            int wins = 0;
            int losses = 0;
            for (Process child : children) {
                String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(child.exitValue()).as(output).isZero();
                String[] parts = output.substring(output.lastIndexOf('\n') + 1).split(" ");
                wins += Integer.parseInt(parts[0]);
                losses += Integer.parseInt(parts[1]);
            }

            assertThat(wins).isEqualTo(1);
            assertThat(losses).isEqualTo(processes - 1);
            List<RecordedEvent> log = store.eventStore().read(CYCLE);
            assertThat(log).hasSize(2);
            assertThat(log.get(1).prevHash()).isEqualTo(created.hash());
        }
    }

    /** Waits until {@code count} backends of the children's application wait for a lock in an append. */
    private static void waitUntilAppendsWait(String application, int count, List<Process> children) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try (Connection watcher = TestServers.postgres().getConnection();
                PreparedStatement waiting = watcher.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE application_name = ? AND wait_event_type = 'Lock' AND query LIKE '%planning_append(%'")) {
            watcher.setAutoCommit(true);
            waiting.setString(1, application);
            while (System.nanoTime() < deadline) {
                for (Process child : children) {
                    if (!child.isAlive()) {
                        throw new AssertionError("a child ended before its append reached the lock: "
                                + new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
                try (ResultSet rs = waiting.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == count) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the children's appends never all waited for the lock");
    }
}
