package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker whose client listener requires mutual TLS, with certificates from a test CA made here
 * (the broker's for {@code localhost} only, as its one name), reached through the store file's
 * Kafka settings: PEM trust and key stores. Trusting the CA and showing the client's certificate,
 * the relay publishes and a consumer with the same settings reads; reaching the broker by an
 * address its certificate does not name ({@code 127.0.0.1}) is refused by the host-name check, and
 * the events wait in the outbox; only {@code none}, written out, turns that check off; a client
 * without its own certificate is refused by the broker.
 */
@Tag("slow")
@Tag("servers")
class KafkaTlsTest {

    private static final CycleRef CYCLE = new CycleRef("fe", "tls");

    @TempDir
    static Path certificates;

    private static SecuredBroker broker;
    private static Path caFile;
    private static Path clientFile;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBrokerRequiringMutualTls() throws Exception {
        TestAuthority ca = TestAuthority.create("planning test Kafka CA");
        caFile = ca.writeCertificate(certificates.resolve("ca.pem"));
        Path brokerFile = ca.issue("localhost", true, certificates.resolve("broker.pem"));
        clientFile = ca.issue("planner", false, certificates.resolve("client.pem"));
        Map<String, String> props = new HashMap<>();
        // The test kit knows only plain and SASL_PLAINTEXT listeners; the map makes its client listener TLS.
        props.put("listener.security.protocol.map", "EXTERNAL:SSL,CONTROLLER:PLAINTEXT");
        props.put("ssl.keystore.type", "PEM");
        props.put("ssl.keystore.location", brokerFile.toString());
        props.put("ssl.truststore.type", "PEM");
        props.put("ssl.truststore.location", caFile.toString());
        props.put("ssl.client.auth", "required");
        broker = SecuredBroker.start(SecurityProtocol.PLAINTEXT, props);
        broker.warmUp(StoreConfig.fromFile(storeFile(certificates, broker.bootstrapServers(), tls(true)))
                .kafkaProperties().orElseThrow());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void trustingTheCaAndShowingItsCertificateTheClientPublishesAndReads() throws Exception {
        StoreConfig config = StoreConfig.fromFile(storeFile(dir, broker.bootstrapServers(), tls(true)));
        String topic = topic(config);
        try (PostgresStore store = config.open();
                OutboxRelay relay = OutboxRelay.manual(store.dataSource(),
                        OutboxRelay.producer(config.kafkaProperties().orElseThrow()), topic, Duration.ofSeconds(30))) {
            appendTwo(store);

            assertThat(relay.drainOnce()).isEqualTo(2);
            assertThat(relay.pending()).isZero();
        }
        assertThat(ProjectionConsumer.run(config.kafkaProperties().orElseThrow(), topic, Duration.ofSeconds(60), 2,
                KafkaSaslTest.quiet()).applied()).hasSize(2);
    }

    @Test
    void aBrokerReachedByANameItsCertificateDoesNotCarryIsRefusedAndTheEventsWait() throws Exception {
        String byAddress = broker.bootstrapServers().replace("localhost", "127.0.0.1");
        assertThat(byAddress).startsWith("127.0.0.1:");
        StoreConfig config = StoreConfig.fromFile(storeFile(dir, byAddress, tls(true)));
        try (PostgresStore store = config.open();
                OutboxRelay relay = OutboxRelay.manual(store.dataSource(),
                        OutboxRelay.producer(config.kafkaProperties().orElseThrow()), "planning.events",
                        Duration.ofSeconds(10))) {
            appendTwo(store);

            assertThat(relay.drainOnce()).isZero();
            assertThat(relay.pending()).as("nothing lost: both wait in the outbox").isEqualTo(2);
            List<Throwable> causes = KafkaSaslTest.causes(relay.lastFailure().orElseThrow());
            assertThat(causes).anySatisfy(cause -> assertThat(cause).isInstanceOf(SslAuthenticationException.class));
            assertThat(causes).anySatisfy(cause -> assertThat(cause).isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("127.0.0.1"));
        }
    }

    @Test
    void onlyNoneWrittenOutTurnsTheHostNameCheckOff() throws Exception {
        String byAddress = broker.bootstrapServers().replace("localhost", "127.0.0.1");
        Map<String, String> unchecked = new HashMap<>(tls(true));
        unchecked.put("kafka.ssl.endpoint.identification.algorithm", "none");
        StoreConfig config = StoreConfig.fromFile(storeFile(dir, byAddress, unchecked));
        String topic = topic(config);
        try (PostgresStore store = config.open();
                OutboxRelay relay = OutboxRelay.manual(store.dataSource(),
                        OutboxRelay.producer(config.kafkaProperties().orElseThrow()), topic, Duration.ofSeconds(30))) {
            appendTwo(store);

            assertThat(relay.drainOnce()).isEqualTo(2);
        }
    }

    @Test
    void aClientWithoutItsOwnCertificateIsRefusedByTheBroker() throws Exception {
        StoreConfig config = StoreConfig.fromFile(storeFile(dir, broker.bootstrapServers(), tls(false)));
        try (PostgresStore store = config.open();
                OutboxRelay relay = OutboxRelay.manual(store.dataSource(),
                        OutboxRelay.producer(config.kafkaProperties().orElseThrow()), "planning.events",
                        Duration.ofSeconds(10))) {
            appendTwo(store);

            assertThat(relay.drainOnce()).isZero();
            assertThat(relay.pending()).isEqualTo(2);
            assertThat(relay.lastFailure()).isPresent();
        }
    }

    private static Map<String, String> tls(boolean clientCertificate) {
        Map<String, String> settings = new HashMap<>(Map.of("kafka.security.protocol", "SSL",
                "kafka.ssl.truststore.location", caFile.toString(), "kafka.ssl.truststore.type", "PEM"));
        if (clientCertificate) {
            settings.put("kafka.ssl.keystore.location", clientFile.toString());
            settings.put("kafka.ssl.keystore.type", "PEM");
        }
        return settings;
    }

    /** A store file in {@code dir} naming a database of its own (one relay drains a whole database) and the broker. */
    private static Path storeFile(Path dir, String bootstrap, Map<String, String> kafka) throws Exception {
        String database = "kafka_tls_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = TestServers.postgres().getConnection(); Statement create = admin.createStatement()) {
            create.execute("CREATE DATABASE " + database);
        }
        List<String> lines = new ArrayList<>(List.of(
                "url=" + TestServers.jdbcUrl().replace("/postgres?", "/" + database + "?"),
                "repository=tls", "kafka.bootstrap.servers=" + bootstrap));
        kafka.forEach((key, value) -> lines.add(key + "=" + value));
        Path file = Files.createTempFile(dir, "store", ".properties");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private static String topic(StoreConfig config) throws Exception {
        String topic = "planning.events." + UUID.randomUUID();
        broker.createTopic(topic, config.kafkaProperties().orElseThrow());
        return topic;
    }

    private static void appendTwo(PostgresStore store) {
        String head = store.eventStore().append(CYCLE, Events.created(CYCLE), RecordedEvent.GENESIS).hash();
        store.eventStore().append(CYCLE, Events.moved(CYCLE, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), head);
    }
}
