package dev.planning.cli.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.lifecycle.CycleState;
import dev.planning.cli.CliRun;
import dev.planning.store.postgres.PostgresStore;
import dev.planning.store.postgres.SaslSslBroker;
import dev.planning.store.postgres.StoreConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code planning} command against a broker that requires SASL over TLS ({@code SASL_SSL})
 * with a SCRAM-SHA-512 login, everything from the store file (the CA as a PEM trust store, the
 * mechanism, the user name, a password holding a quote, a backslash and a semicolon): the demo
 * records its cycles and every event of each arrives on the topic, in order, which the consumer
 * example with the same settings reads back to each cycle's state. With a wrong password the demo
 * still records its cycles, every event waits in the outbox, and {@code store relay --once} says
 * in one line that the broker refused the login, without the password, and exits 1. The broker is
 * the store's test fixture ({@link SaslSslBroker}).
 */
@Tag("slow")
@Tag("servers")
class KafkaSaslSslCliTest {

    private static SaslSslBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        broker = SaslSslBroker.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theDemoWithScramOverTlsFromTheStoreFilePublishesEveryEventOfItsCycles() throws Exception {
        Map<String, String> scram = broker.scram512(SaslSslBroker.SCRAM_512_PASSWORD);
        String topic = broker.newTopic(scram);
        Map<String, String> kafka = new HashMap<>(scram);
        kafka.put("kafka.topic", topic);
        Path file = broker.storeFile(dir, "demo/sasl-ssl", kafka);

        CliRun demo = CliRun.of("demo", "--out", dir.resolve("demo").toString(), "--store", file.toString());

        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        assertThat(demo.err()).doesNotContain("Authentication").doesNotContain("SSL");
        for (int again = 0; again < 3 && demo.err().contains("wait in the outbox") && outboxRows(file) > 0; again++) {
            // The demo gives the broker a few seconds; on a loaded machine its first publish may need more.
            CliRun relay = CliRun.of("store", "relay", "--once", "--store", file.toString());
            assertThat(relay.err()).as(relay.out() + relay.err()).doesNotContain("Authentication");
        }
        assertThat(outboxRows(file)).as("nothing waits in the outbox").isZero();
        Map<String, Integer> stored = storedSequences(file);
        assertThat(stored).containsOnlyKeys("demo/sasl-ssl/fe/2025-09-02", "demo/sasl-ssl/fe/2025-09-16");
        int events = stored.values().stream().mapToInt(Integer::intValue).sum();

        SaslSslBroker.Projected read = broker.project(scram, topic, events);

        assertThat(read.applied()).isEqualTo(events);
        assertThat(read.sequences()).as("each cycle's events all arrived, in order").isEqualTo(stored);
        assertThat(read.states()).containsEntry("demo/sasl-ssl/fe/2025-09-02", CycleState.COMPLETED);
    }

    @Test
    void aWrongScramPasswordLeavesEveryEventInTheOutboxAndTheRelaySaysWhyWithoutThePassword() throws Exception {
        String wrongPassword = "not-" + SaslSslBroker.SCRAM_512_PASSWORD;
        Map<String, String> kafka = new HashMap<>(broker.scram512(wrongPassword));
        kafka.put("kafka.topic", broker.newTopic(broker.scram512(SaslSslBroker.SCRAM_512_PASSWORD)));
        Path file = broker.storeFile(dir, "demo/sasl-ssl-wrong", kafka);

        CliRun demo = CliRun.of("demo", "--out", dir.resolve("demo").toString(), "--store", file.toString());
        CliRun relay = CliRun.of("store", "relay", "--once", "--store", file.toString());

        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        long waiting = outboxRows(file);
        assertThat(waiting).as("every event waits in the outbox").isGreaterThan(10);
        assertThat(relay.exitCode()).as(relay.out() + relay.err()).isEqualTo(1);
        assertThat(relay.err().lines().filter(line -> line.contains("wait in the outbox"))).singleElement()
                .asString().contains("(the broker did not take them: SaslAuthenticationException: Authentication"
                        + " failed");
        assertThat(relay.out()).contains(waiting + " event(s) still wait in the outbox");
        assertThat(demo.out() + demo.err() + relay.out() + relay.err()).doesNotContain(wrongPassword);
        assertThat(relay.printedStackTrace()).isFalse();
        assertThat(outboxRows(file)).isEqualTo(waiting);
    }

    private static long outboxRows(Path file) throws Exception {
        try (PostgresStore store = StoreConfig.fromFile(file).open();
                Connection connection = store.dataSource().getConnection();
                Statement count = connection.createStatement();
                ResultSet rs = count.executeQuery("SELECT count(*) FROM planning_outbox")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Each cycle of the store file's database and its last event's sequence. */
    private static Map<String, Integer> storedSequences(Path file) throws Exception {
        Map<String, Integer> sequences = new HashMap<>();
        try (PostgresStore store = StoreConfig.fromFile(file).open();
                Connection connection = store.dataSource().getConnection();
                Statement select = connection.createStatement();
                ResultSet rs = select.executeQuery("SELECT repository || '/' || stream || '/' || cycle_id, max(seq)"
                        + " FROM planning_event GROUP BY repository, stream, cycle_id")) {
            while (rs.next()) {
                sequences.put(rs.getString(1), rs.getInt(2));
            }
        }
        return sequences;
    }
}
