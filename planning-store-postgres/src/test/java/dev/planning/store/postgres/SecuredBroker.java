package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.api.event.RecordedEvent;
import dev.planning.api.lifecycle.CycleRef;
import dev.planning.api.lifecycle.CycleState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
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
import java.util.stream.Stream;
import javax.security.auth.login.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A single-node KRaft broker of one test class, whose client listener ({@code EXTERNAL}) requires
 * TLS or SASL, unlike the shared plain one of {@link TestServers}: configured by broker properties
 * given here, in a directory of its own removed on close. The controller's listener stays plain.
 *
 * <p>Kafka's test kit, for a SASL listener with PLAIN, writes a JAAS file of its own and points the
 * JVM-wide {@code java.security.auth.login.config} at it; close removes the file (the test kit does)
 * and puts the property back as it was, so no later test sees it.
 */
final class SecuredBroker {

    private static final String JAAS = "java.security.auth.login.config";

    private final KafkaClusterTestKit cluster;
    private final Path directory;
    private final String jaasBefore;

    private SecuredBroker(KafkaClusterTestKit cluster, Path directory, String jaasBefore) {
        this.cluster = cluster;
        this.directory = directory;
        this.jaasBefore = jaasBefore;
    }

    /**
     * Starts a broker whose client listener speaks {@code protocol} as the test kit knows it
     * (PLAINTEXT or SASL_PLAINTEXT; TLS is given by {@code listener.security.protocol.map} in
     * {@code props}), with {@code props} over the single-node defaults.
     */
    static SecuredBroker start(SecurityProtocol protocol, Map<String, String> props) throws Exception {
        Path directory = Files.createTempDirectory("planning-kafka-secured-");
        String jaasBefore = System.getProperty(JAAS);
        KafkaClusterTestKit cluster = null;
        try {
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).setBaseDirectory(directory)
                    .setBrokerListenerName(new ListenerName("EXTERNAL")).setBrokerSecurityProtocol(protocol).build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("num.partitions", "1")
                    // Each test's consumer joins a group of its own: no waiting for more members.
                    .setConfigProp("group.initial.rebalance.delay.ms", "0");
            props.forEach(builder::setConfigProp);
            cluster = builder.build();
            TestServers.formatQuietly(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new SecuredBroker(cluster, directory, jaasBefore);
        } catch (Exception | Error e) {
            try {
                if (cluster != null) {
                    cluster.close();
                }
            } catch (Exception cleanup) {
                e.addSuppressed(cleanup);
            }
            restoreJaas(jaasBefore);
            deleteTree(directory);
            throw e;
        }
    }

    /**
     * The broker properties of a SASL client listener ({@code EXTERNAL}) offering PLAIN and both
     * SCRAMs: the broker logs in to itself with PLAIN as {@code broker}; {@code plainUsers} are
     * PLAIN's users and their passwords; SCRAM's are created once the broker runs
     * ({@link #createScramCredential}). No authorizer: the tests are about the login, not ACLs.
     */
    static Map<String, String> saslListener(Map<String, String> plainUsers) {
        Map<String, String> props = new HashMap<>();
        props.put("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512");
        props.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        props.put("authorizer.class.name", "");
        StringBuilder plain = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"broker\" password=\"broker-secret\" user_broker=\"broker-secret\"");
        plainUsers.forEach((user, password) -> plain.append(" user_").append(user).append('=')
                .append(KafkaSecurity.jaasQuoted(password)));
        props.put("listener.name.external.plain.sasl.jaas.config", plain.append(';').toString());
        for (String scram : List.of("scram-sha-256", "scram-sha-512")) {
            props.put("listener.name.external." + scram + ".sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        }
        return props;
    }

    /** The client settings (store file keys) with which the broker logs in to itself over {@code protocol}. */
    static Map<String, String> asBroker(String protocol) {
        return Map.of("kafka.security.protocol", protocol, "kafka.sasl.mechanism", "PLAIN",
                "kafka.sasl.username", "broker", "kafka.sasl.password", "broker-secret");
    }

    /** The client listener's bootstrap servers ({@code localhost:PORT}). */
    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /**
     * Sends one record to a topic of its own with the relay's producer settings and no deadline to
     * speak of, through a client configured by {@code client}: the first idempotent producer's id
     * allocation can outlast the relay's few seconds of blocking on a loaded machine.
     */
    void warmUp(Properties client) throws Exception {
        createTopic("warm-up", client);
        Properties patient = new Properties();
        patient.putAll(client);
        patient.put("max.block.ms", "300000");
        patient.put("request.timeout.ms", "300000");
        patient.put("delivery.timeout.ms", "600000");
        try (Producer<String, byte[]> producer = OutboxRelay.producer(patient)) {
            producer.send(new ProducerRecord<>("warm-up", "warm-up", new byte[0])).get();
        }
    }

    /** Creates a topic of a fresh name through a client configured as {@code config} says; returns its name. */
    String newTopic(StoreConfig config) throws Exception {
        String topic = "planning.events." + UUID.randomUUID();
        createTopic(topic, config.kafkaProperties().orElseThrow());
        return topic;
    }

    /**
     * A store file in {@code dir} naming a database of its own (one relay drains a whole database;
     * named after {@code repository}, each character other than a letter, digit or {@code _} as
     * {@code _}), the tenant {@code repository}, the broker at {@code bootstrap} and the
     * {@code kafka} settings.
     */
    static Path storeFile(Path dir, String repository, String bootstrap, Map<String, String> kafka) throws Exception {
        String database = "kafka_" + repository.replaceAll("[^A-Za-z0-9_]", "_") + "_"
                + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = TestServers.postgres().getConnection(); Statement create = admin.createStatement()) {
            create.execute("CREATE DATABASE " + database);
        }
        List<String> lines = new ArrayList<>(List.of(
                "url=" + TestServers.jdbcUrl().replace("/postgres?", "/" + database + "?"),
                "repository=" + repository, "kafka.bootstrap.servers=" + bootstrap));
        kafka.forEach((key, value) -> lines.add(key + "=" + value));
        Path file = Files.createTempFile(dir, "store", ".properties");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    /** Appends two events to {@code cycle}: its creation and its move to READY_FOR_HANDOFF. */
    static void appendTwo(PostgresStore store, CycleRef cycle) {
        String head = store.eventStore().append(cycle, Events.created(cycle), RecordedEvent.GENESIS).hash();
        store.eventStore().append(cycle, Events.moved(cycle, CycleState.PLANNED, CycleState.READY_FOR_HANDOFF), head);
    }

    /**
     * Appends two events to {@code cycle} through the store {@code storeFile} configures and runs its
     * relay once: asserts that nothing was sent and both events wait in the outbox; returns the chain of
     * causes of the relay's failure.
     */
    static List<Throwable> refusedSends(Path storeFile, CycleRef cycle) throws Exception {
        StoreConfig config = StoreConfig.fromFile(storeFile);
        try (PostgresStore store = config.open();
                OutboxRelay relay = OutboxRelay.manual(store.dataSource(),
                        OutboxRelay.producer(config.kafkaProperties().orElseThrow()), "planning.events",
                        Duration.ofSeconds(10))) {
            appendTwo(store, cycle);

            assertThat(relay.drainOnce()).isZero();
            assertThat(relay.pending()).as("nothing lost: both wait in the outbox").isEqualTo(2);
            return causes(relay.lastFailure().orElseThrow());
        }
    }

    /** {@code failure} and its causes, outermost first. */
    static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /**
     * Creates {@code topic}, unless it exists, through a client configured by {@code client}; waits
     * until its partition has a leader.
     */
    void createTopic(String topic, Properties client) throws Exception {
        Map<String, Object> admin = new HashMap<>();
        client.forEach((key, value) -> admin.put(key.toString(), value));
        try (Admin created = Admin.create(admin)) {
            try {
                created.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (true) {
                try {
                    var described = created.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                    if (!described.partitions().isEmpty()
                            && described.partitions().stream().allMatch(p -> p.leader() != null)) {
                        break;
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
     * Gives {@code user} a SCRAM credential for {@code mechanism} (4,096 iterations, Kafka's least),
     * the KRaft way: an {@code AlterUserScramCredentials} request through a client configured by
     * {@code client}, which the controller keeps in the cluster's metadata.
     */
    void createScramCredential(Properties client, ScramMechanism mechanism, String user, String password)
            throws Exception {
        Map<String, Object> admin = new HashMap<>();
        client.forEach((key, value) -> admin.put(key.toString(), value));
        try (Admin created = Admin.create(admin)) {
            created.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(mechanism, 4096), password))).all().get();
        }
    }

    /**
     * Publishes one record through a client configured by {@code client}, again until it goes
     * through: a SCRAM credential reaches the broker's cache through the metadata log, a moment
     * after the controller accepted it.
     */
    void awaitLogin(Properties client) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            try {
                warmUp(client);
                return;
            } catch (Exception notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(200);
            }
        }
    }

    /** Stops the broker, removes its directory and puts the JAAS property back. */
    void close() throws Exception {
        try {
            cluster.close();
        } finally {
            restoreJaas(jaasBefore);
            deleteTree(directory);
        }
    }

    private static void restoreJaas(String before) {
        if (before == null) {
            System.clearProperty(JAAS);
        } else {
            System.setProperty(JAAS, before);
        }
        Configuration.setConfiguration(null);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the broker's directory " + root, e);
        }
    }
}
