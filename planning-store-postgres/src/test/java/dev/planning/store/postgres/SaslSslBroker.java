package dev.planning.store.postgres;

import dev.planning.api.lifecycle.CycleState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * A single-node KRaft broker whose client listener speaks SASL over TLS ({@code SASL_SSL}), the
 * usual production setting, with the three SASL mechanisms the store file offers: PLAIN and
 * SCRAM-SHA-256 and SCRAM-SHA-512. Its certificate, for {@code localhost} only, comes from a test
 * CA made here ({@link #caFile()}); the client shows none. One broker serves every mechanism, so a
 * test class starts one broker, not three.
 *
 * <p>The users: {@link #PLAIN_USER} for PLAIN, given in the listener's PLAIN login entry; and
 * {@link #SCRAM_USER}, with one credential per SCRAM mechanism and a different password for each,
 * created the KRaft way (an {@code AlterUserScramCredentials} request, kept in the cluster's
 * metadata) once the broker runs. Every password holds a quote, a backslash and a semicolon, so the
 * client's login entry must quote it exactly for the broker to accept it. The broker itself logs in
 * with PLAIN as {@code broker} over the same listener.
 *
 * <p>Public, with its few methods, for the CLI's tests (this module's test jar); the rest of the
 * broker's set-up stays in {@link SecuredBroker}. Close removes the broker's directory, the
 * certificates and the JVM-wide JAAS property Kafka's test kit set.
 *
 * <pre>{@code
 * SaslSslBroker broker = SaslSslBroker.start();           // in @BeforeAll
 * Path file = broker.storeFile(dir, "payments", broker.scram512(SaslSslBroker.SCRAM_512_PASSWORD));
 * ...
 * broker.close();                                           // in @AfterAll
 * }</pre>
 */
public final class SaslSslBroker {

    /** The PLAIN user. */
    public static final String PLAIN_USER = "planner";
    /** {@link #PLAIN_USER}'s password. */
    public static final String PLAIN_PASSWORD = "plain \"pa\\ss\"; word";
    /** The SCRAM user, with a credential for each SCRAM mechanism. */
    public static final String SCRAM_USER = "scrammer";
    /** {@link #SCRAM_USER}'s password for SCRAM-SHA-256. */
    public static final String SCRAM_256_PASSWORD = "sha-256 \"pa\\ss\"; word";
    /** {@link #SCRAM_USER}'s password for SCRAM-SHA-512, not the SCRAM-SHA-256 one. */
    public static final String SCRAM_512_PASSWORD = "sha-512 \"pa\\ss\"; word";

    private final SecuredBroker broker;
    private final Path certificates;
    private final Path caFile;

    private SaslSslBroker(SecuredBroker broker, Path certificates, Path caFile) {
        this.broker = broker;
        this.certificates = certificates;
        this.caFile = caFile;
    }

    /**
     * Starts the broker, creates the SCRAM credentials and waits until each user can log in and
     * publish (the first idempotent producer's set-up can take long on a loaded machine).
     *
     * @return the running broker; never {@code null}
     * @throws Exception when the broker does not start or a user cannot log in within minutes
     */
    public static SaslSslBroker start() throws Exception {
        Path certificates = Files.createTempDirectory("planning-kafka-sasl-ssl-");
        SecuredBroker broker = null;
        try {
            TestAuthority ca = TestAuthority.create("planning test Kafka SASL_SSL CA");
            Path caFile = ca.writeCertificate(certificates.resolve("ca.pem"));
            Path brokerFile = ca.issue("localhost", true, certificates.resolve("broker.pem"));
            Map<String, String> props = new HashMap<>(SecuredBroker.saslListener(Map.of(PLAIN_USER, PLAIN_PASSWORD)));
            // The test kit builds a SASL_PLAINTEXT listener; the map makes it SASL over TLS.
            props.put("listener.security.protocol.map", "EXTERNAL:SASL_SSL,CONTROLLER:PLAINTEXT");
            props.put("ssl.keystore.type", "PEM");
            props.put("ssl.keystore.location", brokerFile.toString());
            // The broker's own client (inter-broker, over the same listener) trusts the same CA.
            props.put("ssl.truststore.type", "PEM");
            props.put("ssl.truststore.location", caFile.toString());
            broker = SecuredBroker.start(SecurityProtocol.SASL_PLAINTEXT, props);
            SaslSslBroker running = new SaslSslBroker(broker, certificates, caFile);
            Map<String, String> asBroker = new HashMap<>(SecuredBroker.asBroker("SASL_SSL"));
            asBroker.putAll(Map.of("kafka.ssl.truststore.location", caFile.toString(), "kafka.ssl.truststore.type",
                    "PEM"));
            broker.warmUp(running.client(asBroker));
            broker.createScramCredential(running.client(asBroker), ScramMechanism.SCRAM_SHA_256, SCRAM_USER,
                    SCRAM_256_PASSWORD);
            broker.createScramCredential(running.client(asBroker), ScramMechanism.SCRAM_SHA_512, SCRAM_USER,
                    SCRAM_512_PASSWORD);
            broker.awaitLogin(running.client(running.scram256(SCRAM_256_PASSWORD)));
            broker.awaitLogin(running.client(running.scram512(SCRAM_512_PASSWORD)));
            return running;
        } catch (Exception | Error e) {
            try {
                if (broker != null) {
                    broker.close();
                }
            } catch (Exception cleanup) {
                e.addSuppressed(cleanup);
            }
            SecuredBroker.deleteTree(certificates);
            throw e;
        }
    }

    /** The client listener's bootstrap servers ({@code localhost:PORT}). */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The broker, for this package's tests. */
    SecuredBroker secured() {
        return broker;
    }

    /** The test CA's certificate (PEM), which signed the broker's. */
    public Path caFile() {
        return caFile;
    }

    /**
     * The store file's Kafka settings for a SASL_SSL login with {@code mechanism}: the CA as a PEM
     * trust store, the user name and the password.
     */
    public Map<String, String> settings(String mechanism, String user, String password) {
        return Map.of("kafka.security.protocol", "SASL_SSL", "kafka.ssl.truststore.location", caFile.toString(),
                "kafka.ssl.truststore.type", "PEM", "kafka.sasl.mechanism", mechanism, "kafka.sasl.username", user,
                "kafka.sasl.password", password);
    }

    /** {@link #settings} for {@link #SCRAM_USER} with SCRAM-SHA-256 and {@code password}. */
    public Map<String, String> scram256(String password) {
        return settings("SCRAM-SHA-256", SCRAM_USER, password);
    }

    /** {@link #settings} for {@link #SCRAM_USER} with SCRAM-SHA-512 and {@code password}. */
    public Map<String, String> scram512(String password) {
        return settings("SCRAM-SHA-512", SCRAM_USER, password);
    }

    /**
     * A store file in {@code dir} naming a database of its own on the tests' PostgreSQL server,
     * the tenant {@code repository}, this broker and the {@code kafka} settings (which may also
     * give {@code kafka.topic}).
     */
    public Path storeFile(Path dir, String repository, Map<String, String> kafka) throws Exception {
        return SecuredBroker.storeFile(dir, repository, bootstrapServers(), kafka);
    }

    /** Creates a topic of a fresh name through a client with {@code kafka}'s settings; returns its name. */
    public String newTopic(Map<String, String> kafka) throws Exception {
        String topic = "planning.events." + UUID.randomUUID();
        broker.createTopic(topic, client(kafka));
        return topic;
    }

    /** A client's properties: this broker's bootstrap servers and {@code kafka}'s settings. */
    public Properties client(Map<String, String> kafka) {
        Properties client = new Properties();
        client.put("bootstrap.servers", bootstrapServers());
        new KafkaSecurity(kafka).applyTo(client);
        return client;
    }

    /**
     * What the consumer example ({@link ProjectionConsumer}) rebuilt from {@code topic}, read from
     * its start with {@code kafka}'s login until {@code expected} events were applied or a minute
     * passed.
     *
     * @param applied    how many events were applied, each once
     * @param sequences  each cycle's last applied sequence: a cycle's events all arrived, in order,
     *                   when it is the cycle's event count
     * @param states     each cycle's state, as its events lead to it
     * @param duplicates how many records were copies of one applied before
     */
    public record Projected(int applied, Map<String, Integer> sequences, Map<String, CycleState> states,
            int duplicates) {
    }

    /** Reads {@code topic} as {@link Projected} says. */
    public Projected project(Map<String, String> kafka, String topic, int expected) throws Exception {
        CycleStateProjection projection = ProjectionConsumer.run(client(kafka), topic, Duration.ofSeconds(60),
                expected, KafkaSaslTest.quiet());
        return new Projected(projection.appliedCount(), projection.sequences(), projection.states(),
                projection.duplicates());
    }

    /** Stops the broker and removes its directory, the certificates and the JAAS property. */
    public void close() throws Exception {
        try {
            broker.close();
        } finally {
            SecuredBroker.deleteTree(certificates);
        }
    }
}
