package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.ConcurrentTransitionException;
import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.testkit.process.ChildProcesses;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
            assertThat(losses).isGreaterThanOrEqualTo(0);
        }
    }
}
