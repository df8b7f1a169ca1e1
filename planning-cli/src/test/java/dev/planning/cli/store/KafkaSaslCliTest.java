package dev.planning.cli.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.cli.CliRun;
import dev.planning.store.postgres.KafkaSecurity;
import dev.planning.store.postgres.OutboxRelay;
import dev.planning.store.postgres.PostgresServer;
import dev.planning.store.postgres.StoreConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import javax.security.auth.login.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The {@code planning} command against a broker that requires a SASL login (PLAIN over
 * SASL_PLAINTEXT): the demo with a wrong password in its store file records its cycles, says in one
 * line that the broker refused the login, and leaves every event in the outbox; {@code store relay
 * --once} in a process of its own, its Kafka settings from the environment alone
 * ({@code PLANNING_KAFKA_SECURITY_PROTOCOL}, {@code PLANNING_KAFKA_SASL_*}), publishes them all,
 * and a consumer with the same settings reads them.
 */
@Tag("slow")
@Tag("servers")
@Isolated("sets the JAAS configuration property, which every Kafka client beside it reads")
class KafkaSaslCliTest {

    private static final String JAAS = "java.security.auth.login.config";
    private static final String USER = "planner";
    private static final String PASSWORD = "cli-\"secret\\;";

    @RegisterExtension
    static final PostgresServer postgres = PostgresServer.started();
    private static KafkaClusterTestKit kafka;
    private static Path kafkaDirectory;
    private static String jaasBefore;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        jaasBefore = System.getProperty(JAAS);
        kafkaDirectory = Files.createTempDirectory("planning-kafka-sasl-cli-");
        kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).setBaseDirectory(kafkaDirectory)
                .setBrokerListenerName(new ListenerName("EXTERNAL"))
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                // Each test's consumer joins a group of its own: no waiting for more members.
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("num.partitions", "1")
                .setConfigProp("authorizer.class.name", "")
                .setConfigProp("listener.name.external.plain.sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"broker\""
                                + " password=\"broker-secret\" user_broker=\"broker-secret\" user_" + USER
                                + "=\"cli-\\\"secret\\\\;\";")
                .build();
        // Kafka's storage formatter prints its records to System.out, whatever the logging setup.
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        try {
            kafka.format();
        } finally {
            System.setOut(out);
        }
        kafka.startup();
        kafka.waitForReadyBrokers();
        warmUp();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            // The test kit pointed the JVM's JAAS configuration at a file of its own, now removed.
            if (jaasBefore == null) {
                System.clearProperty(JAAS);
            } else {
                System.setProperty(JAAS, jaasBefore);
            }
            Configuration.setConfiguration(null);
            if (kafkaDirectory != null && Files.exists(kafkaDirectory)) {
                try (var walk = Files.walk(kafkaDirectory)) {
                    for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        }
    }

    @Test
    void aWrongPasswordLeavesTheEventsInTheOutboxAndTheRightOneFromTheEnvironmentPublishesThemAll()
            throws Exception {
        String database = "sasl_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = postgres.dataSource().getConnection();
                Statement create = connection.createStatement()) {
            create.execute("CREATE DATABASE " + database);
        }
        String url = postgres.jdbcUrl(database);
        String topic = "sasl-events-" + UUID.randomUUID();
        createTopic(topic);
        Path wrong = dir.resolve("wrong.properties");
        Files.write(wrong, List.of("url=" + url, "repository=demo/sasl", "kafka.bootstrap.servers="
                + kafka.bootstrapServers(), "kafka.topic=" + topic, "kafka.security.protocol=SASL_PLAINTEXT",
                "kafka.sasl.mechanism=PLAIN", "kafka.sasl.username=" + USER, "kafka.sasl.password=not-the-password"),
                StandardCharsets.UTF_8);

        CliRun demo = CliRun.of("demo", "--out", dir.resolve("demo").toString(), "--store", wrong.toString());

        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        long waiting = outboxRows(database);
        assertThat(waiting).as("every event waits in the outbox").isGreaterThan(10);
        assertThat(demo.err().lines().filter(line -> line.contains("wait in the outbox"))).singleElement().asString()
                .contains("warning: " + waiting + " event(s) wait in the outbox (the broker did not take them:"
                        + " SaslAuthenticationException: Authentication failed")
                .doesNotContain("not-the-password");
        assertThat(demo.printedStackTrace()).isFalse();

        Map<String, String> environment = new HashMap<>(Map.of(
                "PLANNING_STORE_CONFIG", "",
                "PLANNING_STORE_URL", url,
                "PLANNING_STORE_REPOSITORY", "demo/sasl",
                "PLANNING_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                "PLANNING_KAFKA_TOPIC", topic,
                "PLANNING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "PLANNING_KAFKA_SASL_MECHANISM", "PLAIN",
                "PLANNING_KAFKA_SASL_USERNAME", USER,
                "PLANNING_KAFKA_SASL_PASSWORD", PASSWORD));
        CliRun relay = CliRun.inChildJvm(environment, "store", "relay", "--once");
        for (int again = 0; again < 3 && relay.exitCode() != 0; again++) {
            // A fresh JVM may spend the command's few seconds on its first metadata request.
            assertThat(relay.err()).as(relay.out() + relay.err()).doesNotContain("Authentication");
            relay = CliRun.inChildJvm(environment, "store", "relay", "--once");
        }

        assertThat(relay.exitCode()).as(relay.out() + relay.err()).isZero();
        assertThat(relay.out()).contains("outbox drained");
        assertThat(outboxRows(database)).isZero();
        assertThat(consume(topic, client(), (int) waiting)).hasSize((int) waiting);
    }

    /** The client settings of a store file with the right password, as the CLI builds them. */
    private Properties client() throws IOException {
        Path right = dir.resolve("right.properties");
        Files.write(right, List.of("url=jdbc:postgresql://localhost/unused", "kafka.bootstrap.servers="
                + kafka.bootstrapServers(), "kafka.security.protocol=SASL_PLAINTEXT", "kafka.sasl.mechanism=PLAIN",
                "kafka.sasl.username=" + USER, "kafka.sasl.password=" + PASSWORD), StandardCharsets.UTF_8);
        return StoreConfig.fromFile(right).kafkaProperties().orElseThrow();
    }

    private static Properties admin() {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        new KafkaSecurity(Map.of("kafka.security.protocol", "SASL_PLAINTEXT", "kafka.sasl.mechanism", "PLAIN",
                "kafka.sasl.username", USER, "kafka.sasl.password", PASSWORD)).applyTo(props);
        return props;
    }

    private static long outboxRows(String database) throws Exception {
        try (Connection connection = postgres.dataSource(database).getConnection();
                Statement count = connection.createStatement();
                ResultSet rs = count.executeQuery("SELECT count(*) FROM planning_outbox")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** As {@code DemoStoreTest}'s warm-up, through the SASL login. */
    private static void warmUp() throws Exception {
        createTopic("warm-up");
        Properties props = admin();
        props.put("max.block.ms", "300000");
        props.put("request.timeout.ms", "300000");
        props.put("delivery.timeout.ms", "600000");
        try (Producer<String, byte[]> producer = OutboxRelay.producer(props)) {
            producer.send(new ProducerRecord<>("warm-up", "warm-up", new byte[0])).get();
        }
    }

    private static void createTopic(String topic) throws Exception {
        Map<String, Object> config = new HashMap<>();
        admin().forEach((key, value) -> config.put(key.toString(), value));
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all().get();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (true) {
                try {
                    var described = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                    if (!described.partitions().isEmpty()
                            && described.partitions().stream().allMatch(p -> p.leader() != null)) {
                        return;
                    }
                } catch (ExecutionException notYetKnown) {
                    // UnknownTopicOrPartition until the broker has the controller's record
                }
                assertThat(System.nanoTime()).as("topic %s has leaders within 5 minutes", topic).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    private static List<ConsumerRecord<String, byte[]>> consume(String topic, Properties client, int expected) {
        Properties props = new Properties();
        props.putAll(client);
        props.put("group.id", "sasl-cli-test-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }
}
