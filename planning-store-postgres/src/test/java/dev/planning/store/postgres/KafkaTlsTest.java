package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.lifecycle.CycleRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        broker.warmUp(StoreConfig.fromFile(SecuredBroker.storeFile(certificates, "tls", broker.bootstrapServers(), tls(true)))
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
        StoreConfig config = StoreConfig.fromFile(SecuredBroker.storeFile(dir, "tls", broker.bootstrapServers(), tls(true)));
        String topic = broker.newTopic(config);
        try (PostgresStore store = config.open();
                OutboxRelay relay = OutboxRelay.manual(store.dataSource(),
                        OutboxRelay.producer(config.kafkaProperties().orElseThrow()), topic, Duration.ofSeconds(30))) {
            SecuredBroker.appendTwo(store, CYCLE);

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
        List<Throwable> causes = SecuredBroker.refusedSends(
                SecuredBroker.storeFile(dir, "tls", byAddress, tls(true)), CYCLE);

        assertThat(causes).anySatisfy(cause -> assertThat(cause).isInstanceOf(SslAuthenticationException.class));
        assertThat(causes).anySatisfy(cause -> assertThat(cause).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("127.0.0.1"));
    }

    @Test
    void onlyNoneWrittenOutTurnsTheHostNameCheckOff() throws Exception {
        String byAddress = broker.bootstrapServers().replace("localhost", "127.0.0.1");
        Map<String, String> unchecked = new HashMap<>(tls(true));
        unchecked.put("kafka.ssl.endpoint.identification.algorithm", "none");
        StoreConfig config = StoreConfig.fromFile(SecuredBroker.storeFile(dir, "tls", byAddress, unchecked));
        String topic = broker.newTopic(config);
        try (PostgresStore store = config.open();
                OutboxRelay relay = OutboxRelay.manual(store.dataSource(),
                        OutboxRelay.producer(config.kafkaProperties().orElseThrow()), topic, Duration.ofSeconds(30))) {
            SecuredBroker.appendTwo(store, CYCLE);

            assertThat(relay.drainOnce()).isEqualTo(2);
        }
    }

    @Test
    void aClientWithoutItsOwnCertificateIsRefusedByTheBroker() throws Exception {
        List<Throwable> causes = SecuredBroker.refusedSends(
                SecuredBroker.storeFile(dir, "tls", broker.bootstrapServers(), tls(false)), CYCLE);

        assertThat(causes).isNotEmpty();
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

}
