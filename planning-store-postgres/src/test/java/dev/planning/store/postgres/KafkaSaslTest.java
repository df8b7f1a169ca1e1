package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A broker that requires a SASL login without TLS (SASL_PLAINTEXT, a listener of its own, with
 * PLAIN and both SCRAMs) reached through the store file's Kafka settings, as the {@code planning}
 * command reaches it: with the right user name and password the relay publishes the committed
 * events and a consumer with the same settings reads them; with a wrong password, or none, the
 * broker refuses the client, the relay says why, and the events wait in the outbox, to be
 * published once the password is right. Each password holds a quote, a backslash and a semicolon,
 * so the login entry built from it must quote it exactly for the broker to accept it. The SCRAM
 * credentials are created the KRaft way ({@link SecuredBroker#createScramCredential}).
 */
@Tag("slow")
@Tag("servers")
class KafkaSaslTest {

    private static final String USER = "planner";
    private static final String PASSWORD = "pa\"ss\\word; x=y";
    private static final String SCRAM_PASSWORD = "scram \"pa\\ss\"; word";
    private static final CycleRef CYCLE = new CycleRef("fe", "sasl");

    private static SecuredBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBrokerRequiringSasl() throws Exception {
        broker = SecuredBroker.start(SecurityProtocol.SASL_PLAINTEXT, SecuredBroker.saslListener(Map.of(USER,
                PASSWORD)));
        broker.warmUp(client(sasl(PASSWORD)));
        Properties asBroker = client(SecuredBroker.asBroker("SASL_PLAINTEXT"));
        broker.createScramCredential(asBroker, ScramMechanism.SCRAM_SHA_256, USER, SCRAM_PASSWORD);
        broker.createScramCredential(asBroker, ScramMechanism.SCRAM_SHA_512, USER, SCRAM_PASSWORD);
        broker.awaitLogin(client(scram("SCRAM-SHA-256", SCRAM_PASSWORD)));
        broker.awaitLogin(client(scram("SCRAM-SHA-512", SCRAM_PASSWORD)));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void withTheRightPasswordTheEventsArriveAndAConsumerWithTheSameSettingsReadsThem() throws Exception {
        StoreConfig config = StoreConfig.fromFile(SecuredBroker.storeFile(dir, "sasl", broker.bootstrapServers(),
                sasl(PASSWORD)));
        String topic = broker.newTopic(config);
        try (PostgresStore store = config.open();
                OutboxRelay relay = OutboxRelay.manual(store.dataSource(),
                        OutboxRelay.producer(config.kafkaProperties().orElseThrow()), topic, Duration.ofSeconds(30))) {
            SecuredBroker.appendTwo(store, CYCLE);

            assertThat(relay.drainOnce()).isEqualTo(2);
            assertThat(relay.pending()).isZero();
            assertThat(relay.lastFailure()).isEmpty();
        }
        CycleStateProjection projection = ProjectionConsumer.run(config.kafkaProperties().orElseThrow(), topic,
                Duration.ofSeconds(60), 2, quiet());
        assertThat(projection.applied()).hasSize(2);
        assertThat(projection.states()).containsValue(CycleState.READY_FOR_HANDOFF);
    }

    @Test
    void aWrongPasswordIsRefusedInWordsAndTheEventsWaitUntilThePasswordIsRight() throws Exception {
        StoreConfig wrong = StoreConfig.fromFile(SecuredBroker.storeFile(dir, "sasl", broker.bootstrapServers(),
                sasl("not-" + PASSWORD)));
        StoreConfig right = StoreConfig.fromFile(SecuredBroker.storeFile(dir, "sasl", broker.bootstrapServers(),
                sasl(PASSWORD)));
        String topic = broker.newTopic(right);
        try (PostgresStore store = wrong.open()) {
            SecuredBroker.appendTwo(store, CYCLE);
            try (OutboxRelay relay = OutboxRelay.manual(store.dataSource(),
                    OutboxRelay.producer(wrong.kafkaProperties().orElseThrow()), topic, Duration.ofSeconds(30))) {
                assertThat(relay.drainOnce()).isZero();
                assertThat(relay.pending()).as("nothing lost: both wait in the outbox").isEqualTo(2);
                Throwable failure = relay.lastFailure().orElseThrow();
                assertThat(SecuredBroker.causes(failure)).anySatisfy(cause -> assertThat(cause)
                        .isInstanceOf(SaslAuthenticationException.class)
                        .hasMessageContaining("Authentication failed"));
                assertThat(SecuredBroker.causes(failure)).allSatisfy(cause -> assertThat(String.valueOf(cause.getMessage()))
                        .doesNotContain(PASSWORD));
            }
            try (OutboxRelay relay = OutboxRelay.manual(store.dataSource(),
                    OutboxRelay.producer(right.kafkaProperties().orElseThrow()), topic, Duration.ofSeconds(30))) {
                assertThat(relay.drainOnce()).isEqualTo(2);
                assertThat(relay.pending()).isZero();
            }
        }
        assertThat(ProjectionConsumer.run(right.kafkaProperties().orElseThrow(), topic, Duration.ofSeconds(60), 2,
                quiet()).applied()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCRAM-SHA-256", "SCRAM-SHA-512"})
    void withScramAWrongPasswordIsRefusedAndTheRightOnePublishesEveryWaitingEvent(String mechanism)
            throws Exception {
        refusedThenPublished(broker, dir, scram(mechanism, "not-" + SCRAM_PASSWORD), scram(mechanism, SCRAM_PASSWORD));
    }

    @Test
    void aClientWithoutTheSaslSettingsIsNotServed() throws Exception {
        StoreConfig plain = StoreConfig.fromFile(SecuredBroker.storeFile(dir, "sasl", broker.bootstrapServers(),
                Map.of()));
        String topic = broker.newTopic(StoreConfig.fromFile(SecuredBroker.storeFile(dir, "sasl",
                broker.bootstrapServers(), sasl(PASSWORD))));
        try (PostgresStore store = plain.open();
                OutboxRelay relay = OutboxRelay.manual(store.dataSource(),
                        OutboxRelay.producer(plain.kafkaProperties().orElseThrow()), topic, Duration.ofSeconds(10))) {
            SecuredBroker.appendTwo(store, CYCLE);

            assertThat(relay.drainOnce()).isZero();
            assertThat(relay.pending()).isEqualTo(2);
            assertThat(relay.lastFailure()).isPresent();
        }
    }

    /**
     * With the {@code wrong} settings the broker refuses the login in words (without the password)
     * and two committed events wait in the outbox; a relay with the {@code right} ones publishes
     * them both, and a consumer with the same settings reads them back to the cycle's state.
     */
    static void refusedThenPublished(SecuredBroker broker, Path dir, Map<String, String> wrong,
            Map<String, String> right) throws Exception {
        StoreConfig refused = StoreConfig.fromFile(SecuredBroker.storeFile(dir, "sasl", broker.bootstrapServers(),
                wrong));
        Properties client = new Properties();
        client.put("bootstrap.servers", broker.bootstrapServers());
        new KafkaSecurity(right).applyTo(client);
        String topic = "planning.events." + UUID.randomUUID();
        broker.createTopic(topic, client);
        try (PostgresStore store = refused.open()) {
            SecuredBroker.appendTwo(store, CYCLE);
            try (OutboxRelay relay = OutboxRelay.manual(store.dataSource(),
                    OutboxRelay.producer(refused.kafkaProperties().orElseThrow()), topic, Duration.ofSeconds(30))) {
                assertThat(relay.drainOnce()).isZero();
                assertThat(relay.pending()).as("nothing lost: both wait in the outbox").isEqualTo(2);
                List<Throwable> causes = SecuredBroker.causes(relay.lastFailure().orElseThrow());
                assertThat(causes).anySatisfy(cause -> assertThat(cause)
                        .isInstanceOf(SaslAuthenticationException.class)
                        .hasMessageContaining("Authentication failed"));
                assertThat(causes).allSatisfy(cause -> assertThat(String.valueOf(cause.getMessage()))
                        .doesNotContain(right.get("kafka.sasl.password")));
            }
            try (OutboxRelay relay = OutboxRelay.manual(store.dataSource(), OutboxRelay.producer(client), topic,
                    Duration.ofSeconds(30))) {
                assertThat(relay.drainOnce()).isEqualTo(2);
                assertThat(relay.pending()).isZero();
                assertThat(relay.lastFailure()).isEmpty();
            }
        }
        CycleStateProjection projection = ProjectionConsumer.run(client, topic, Duration.ofSeconds(60), 2, quiet());
        assertThat(projection.applied()).hasSize(2);
        assertThat(projection.states()).containsValue(CycleState.READY_FOR_HANDOFF);
    }

    private static Properties client(Map<String, String> settings) {
        Properties client = new Properties();
        client.put("bootstrap.servers", broker.bootstrapServers());
        new KafkaSecurity(settings).applyTo(client);
        return client;
    }

    private static Map<String, String> scram(String mechanism, String password) {
        return Map.of("kafka.security.protocol", "SASL_PLAINTEXT", "kafka.sasl.mechanism", mechanism,
                "kafka.sasl.username", USER, "kafka.sasl.password", password);
    }

    static Map<String, String> sasl(String password) {
        return Map.of("kafka.security.protocol", "SASL_PLAINTEXT", "kafka.sasl.mechanism", "PLAIN",
                "kafka.sasl.username", USER, "kafka.sasl.password", password);
    }

    static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }
}
