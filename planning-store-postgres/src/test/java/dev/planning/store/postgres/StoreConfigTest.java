package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import dev.planning.api.SystemFailureException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the store's settings come from (issue 14: "a store URL from an environment variable or a
 * config file, never a password on the command line; TLS through the JDBC URL"): the environment
 * is passed in as a map, so every way of selecting the store is shown without a server.
 */
class StoreConfigTest {

    private static final String TLS_URL = "jdbc:postgresql://db.example.org:5432/planning"
            + "?sslmode=verify-full&sslrootcert=/etc/planning/root.crt";

    @TempDir
    Path dir;

    @Test
    void withNothingConfiguredTheWorkspaceFilesAreUsed() {
        assertThat(StoreConfig.resolve(Optional.empty(), Map.of())).isEmpty();
        assertThat(StoreConfig.resolve(Optional.empty(), Map.of("PLANNING_STORE_URL", "  "))).isEmpty();
    }

    @Test
    void theEnvironmentNamesTheStoreAndItsCompanionsWithTheirDefaults() {
        StoreConfig config = StoreConfig.resolve(Optional.empty(), Map.of("PLANNING_STORE_URL", TLS_URL)).orElseThrow();

        assertThat(config.url()).as("the URL, TLS parameters included, reaches the driver as given").isEqualTo(TLS_URL);
        assertThat(config.user()).isEmpty();
        assertThat(config.password()).isEmpty();
        assertThat(config.repository()).isEqualTo("default");
        assertThat(config.kafkaBootstrap()).as("no broker named: no outbox").isEmpty();
        assertThat(config.kafkaProperties()).isEmpty();
        assertThat(config.kafkaTopic()).isEqualTo(StoreConfig.DEFAULT_TOPIC).isEqualTo("planning.events");
    }

    @Test
    void everyEnvironmentVariableTheReadmeNamesIsRead() {
        StoreConfig config = StoreConfig.resolve(Optional.empty(), Map.of(
                "PLANNING_STORE_URL", TLS_URL,
                "PLANNING_STORE_USER", "planner",
                "PLANNING_STORE_PASSWORD", "s3cret",
                "PLANNING_STORE_REPOSITORY", "acme/payments",
                "PLANNING_KAFKA_BOOTSTRAP", "kafka-1:9092,kafka-2:9092",
                "PLANNING_KAFKA_TOPIC", "acme.planning")).orElseThrow();

        assertThat(config).isEqualTo(new StoreConfig(TLS_URL, Optional.of("planner"), Optional.of("s3cret"),
                "acme/payments", Optional.of("kafka-1:9092,kafka-2:9092"), "acme.planning"));
        assertThat(config.kafkaProperties().orElseThrow()).containsOnly(
                Map.entry("bootstrap.servers", "kafka-1:9092,kafka-2:9092"));
    }

    @Test
    void aConfigurationFileNamedByTheEnvironmentWinsOverTheUrlInIt() throws Exception {
        Path file = file("url=" + TLS_URL, "repository=from-file");

        StoreConfig config = StoreConfig.resolve(Optional.empty(), Map.of(
                "PLANNING_STORE_CONFIG", file.toString(),
                "PLANNING_STORE_URL", "jdbc:postgresql://elsewhere/other",
                "PLANNING_STORE_REPOSITORY", "from-environment")).orElseThrow();

        assertThat(config.url()).isEqualTo(TLS_URL);
        assertThat(config.repository()).isEqualTo("from-file");
    }

    @Test
    void theFileGivenToTheCommandWinsOverTheEnvironment() throws Exception {
        Path given = file("url=jdbc:postgresql://given/db", "repository=given");
        Path named = file("url=jdbc:postgresql://named/db");

        StoreConfig config = StoreConfig.resolve(Optional.of(given), Map.of(
                "PLANNING_STORE_CONFIG", named.toString(),
                "PLANNING_STORE_URL", "jdbc:postgresql://environment/db")).orElseThrow();

        assertThat(config.url()).isEqualTo("jdbc:postgresql://given/db");
        assertThat(config.repository()).isEqualTo("given");
    }

    @Test
    void aFileReadsEveryKeyAndKeepsTheUrlsQueryStringWhole() throws Exception {
        Path file = file("# the central store", "", "url = " + TLS_URL, "user=planner", "password=pa=ss#word",
                "repository=acme/payments", "kafka.bootstrap.servers=kafka-1:9092", "kafka.topic=acme.planning");

        StoreConfig config = StoreConfig.fromFile(file);

        assertThat(config).isEqualTo(new StoreConfig(TLS_URL, Optional.of("planner"), Optional.of("pa=ss#word"),
                "acme/payments", Optional.of("kafka-1:9092"), "acme.planning"));
    }

    /**
     * fail36: a configuration file whose bytes the disk fails to read ({@code EIO}, made for real: {@code
     * /proc/self/mem}, whose first page no process maps) was told as one to make readable, exit 2.
     */
    @Test
    void aFileTheDiskFailsToReadIsTheSystemsFailureNotTheUsers() {
        assertThatThrownBy(() -> StoreConfig.fromFile(Path.of("/proc/self/mem")))
                .isExactlyInstanceOf(SystemFailureException.class)
                .hasMessageStartingWith("cannot read /proc/self/mem (Input/output error)")
                .hasMessageContaining("the system failed, not the input");
        assertThatThrownBy(() -> StoreConfig.fromFile(dir.resolve("missing.conf")))
                .isExactlyInstanceOf(InvalidInputException.class).hasMessageContaining("not found");
    }

    @Test
    void aFileIsRefusedWithEveryBadLineNamed() throws Exception {
        Path file = file("url=jdbc:postgresql://db/x", "passwd=oops", "nonsense", "url=jdbc:postgresql://db/y");

        assertThatThrownBy(() -> StoreConfig.fromFile(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(file + ":2:1: unknown key 'passwd'")
                .hasMessageContaining(file + ":3:1: expected key=value")
                .hasMessageContaining(file + ":4:1: key 'url' is given twice");
    }

    @Test
    void theTimeoutsDefaultToTenAndSixtySecondsAndAreReadFromTheFileAndTheEnvironment() throws Exception {
        StoreConfig defaults = StoreConfig.fromFile(file("url=" + TLS_URL));
        StoreConfig fromFile = StoreConfig.fromFile(file("url=" + TLS_URL, "lock.timeout = 500ms",
                "statement.timeout=2min"));
        StoreConfig fromEnvironment = StoreConfig.resolve(Optional.empty(), Map.of("PLANNING_STORE_URL", TLS_URL,
                "PLANNING_STORE_LOCK_TIMEOUT", "3s", "PLANNING_STORE_STATEMENT_TIMEOUT", "90s")).orElseThrow();

        assertThat(defaults.lockTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.statementTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(fromFile.lockTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(fromFile.statementTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(fromEnvironment.lockTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(fromEnvironment.statementTimeout()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aTimeoutThatIsNotABoundIsRefusedWithItsLine() throws Exception {
        // 0 is PostgreSQL's "wait for ever", which the bound is there to prevent.
        Path file = file("url=jdbc:postgresql://db/x", "lock.timeout=0", "statement.timeout=10", "");
        Path units = file("url=jdbc:postgresql://db/x", "lock.timeout=1h", "statement.timeout=-5s");
        Path large = file("url=jdbc:postgresql://db/x", "lock.timeout=9999999999s");

        assertThatThrownBy(() -> StoreConfig.fromFile(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(file + ":2:1: lock.timeout: expected a whole number of ms, s or min from 1 ms"
                        + " to 24 days (10s, 500ms, 2min), found '0'")
                .hasMessageContaining(file + ":3:1: statement.timeout: expected").hasMessageContaining("found '10'");
        assertThatThrownBy(() -> StoreConfig.fromFile(units)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(units + ":2:1: lock.timeout:").hasMessageContaining("found '1h'")
                .hasMessageContaining(units + ":3:1: statement.timeout:").hasMessageContaining("found '-5s'");
        assertThatThrownBy(() -> StoreConfig.fromFile(large)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(large + ":2:1: lock.timeout:");
        assertThatThrownBy(() -> StoreConfig.resolve(Optional.empty(), Map.of("PLANNING_STORE_URL", TLS_URL,
                "PLANNING_STORE_LOCK_TIMEOUT", "forever")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("PLANNING_STORE_LOCK_TIMEOUT: expected a whole number").hasMessageContaining(
                        "found 'forever'");
    }

    @Test
    void aFileWithoutAUrlIsRefused() throws Exception {
        Path file = file("repository=acme", "url=");

        assertThatThrownBy(() -> StoreConfig.fromFile(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("missing key 'url'");
    }

    @Test
    void aMissingFileIsAnInputErrorNamingIt() {
        Path missing = dir.resolve("absent.properties");

        assertThatThrownBy(() -> StoreConfig.resolve(Optional.empty(), Map.of("PLANNING_STORE_CONFIG", missing.toString())))
                .isInstanceOf(InvalidInputException.class)
                // errors18: once, as given, with the reason in words (it was "cannot read store configuration F: F");
                // store36: and the setting that named it (it was "the store configuration (not found)").
                .hasMessage("cannot read the store configuration that $PLANNING_STORE_CONFIG names (not found); expected"
                        + " a readable file of key=value lines")
                .satisfies(e -> assertThat(((InvalidInputException) e).location().orElseThrow().file())
                        .isEqualTo(missing.toString()));
    }

    @Test
    void itsTextNeverShowsThePasswordNorTheUrlsQueryString() {
        StoreConfig config = new StoreConfig("jdbc:postgresql://db/planning?user=u&password=in-url",
                Optional.of("u"), Optional.of("in-field"), "acme", Optional.empty(), "t");

        assertThat(config.toString()).doesNotContain("in-url").doesNotContain("in-field")
                .contains("jdbc:postgresql://db/planning?...");
    }

    @Test
    void aFileReadsEveryKafkaSecurityKeyIntoTheClientsPropertiesAndBuildsTheSaslLoginItself() throws Exception {
        Path truststore = Files.writeString(dir.resolve("trust.p12"), "not read here");
        Path keystore = Files.writeString(dir.resolve("client.p12"), "not read here");
        Path file = file("url=" + TLS_URL, "kafka.bootstrap.servers=kafka-1:9093",
                "kafka.security.protocol=SASL_SSL",
                "kafka.ssl.truststore.location=" + truststore, "kafka.ssl.truststore.type=PKCS12",
                "kafka.ssl.truststore.password=trust-pw",
                "kafka.ssl.keystore.location=" + keystore, "kafka.ssl.keystore.type=PKCS12",
                "kafka.ssl.keystore.password=store-pw", "kafka.ssl.key.password=key-pw",
                "kafka.ssl.endpoint.identification.algorithm=https",
                "kafka.sasl.mechanism=SCRAM-SHA-512", "kafka.sasl.username=planner",
                "kafka.sasl.password=pa\"ss\\word; x=y");

        StoreConfig config = StoreConfig.fromFile(file);

        assertThat(config.kafkaSecurity().settings()).hasSize(KafkaSecurity.KEYS.size());
        assertThat(config.kafkaProperties().orElseThrow()).containsOnly(
                Map.entry("bootstrap.servers", "kafka-1:9093"),
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("ssl.truststore.location", truststore.toString()),
                Map.entry("ssl.truststore.type", "PKCS12"),
                Map.entry("ssl.truststore.password", "trust-pw"),
                Map.entry("ssl.keystore.location", keystore.toString()),
                Map.entry("ssl.keystore.type", "PKCS12"),
                Map.entry("ssl.keystore.password", "store-pw"),
                Map.entry("ssl.key.password", "key-pw"),
                Map.entry("ssl.endpoint.identification.algorithm", "https"),
                Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                Map.entry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"planner\" password=\"pa\\\"ss\\\\word; x=y\";"));
    }

    @Test
    void everyKafkaSecurityVariableIsReadFromTheEnvironment() throws Exception {
        Path truststore = Files.writeString(dir.resolve("ca.pem"), "not read here");
        Map<String, String> env = new HashMap<>(Map.of(
                "PLANNING_STORE_URL", TLS_URL,
                "PLANNING_KAFKA_BOOTSTRAP", "kafka-1:9093",
                "PLANNING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "PLANNING_KAFKA_SSL_TRUSTSTORE_LOCATION", truststore.toString(),
                "PLANNING_KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
                "PLANNING_KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", "none",
                "PLANNING_KAFKA_SASL_MECHANISM", "PLAIN",
                "PLANNING_KAFKA_SASL_USERNAME", "planner",
                "PLANNING_KAFKA_SASL_PASSWORD", "s3cret"));
        env.put("PATH", "/usr/bin");
        env.put("PLANNING_KAFKA_SSL_KEYSTORE_PASSWORD", " ");

        StoreConfig config = StoreConfig.resolve(Optional.empty(), env).orElseThrow();

        assertThat(config.kafkaProperties().orElseThrow())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.truststore.location", truststore.toString())
                .containsEntry("ssl.truststore.type", "PEM")
                .as("none, written out, is Kafka's empty value: no host-name check")
                .containsEntry("ssl.endpoint.identification.algorithm", "")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"planner\" password=\"s3cret\";")
                .hasSize(7);
        for (String key : KafkaSecurity.KEYS) {
            assertThat(KafkaSecurity.environmentName(key)).startsWith("PLANNING_KAFKA_")
                    .isEqualTo("PLANNING_" + key.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
    }

    @Test
    void aKafkaKeyOffTheListIsRefusedWithItsLineEvenOneThatWouldLoadAClass() throws Exception {
        Path file = file("url=jdbc:postgresql://db/x", "kafka.bootstrap.servers=k:9092",
                "kafka.interceptor.classes=evil.Interceptor",
                "kafka.sasl.jaas.config=evil.LoginModule required;",
                "kafka.sasl.login.callback.handler.class=evil.Handler",
                "kafka.ssl.engine.factory.class=evil.Factory");

        assertThatThrownBy(() -> StoreConfig.fromFile(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(file + ":3:1: unknown key 'kafka.interceptor.classes'")
                .hasMessageContaining(file + ":4:1: unknown key 'kafka.sasl.jaas.config'")
                .hasMessageContaining(file + ":5:1: unknown key 'kafka.sasl.login.callback.handler.class'")
                .hasMessageContaining(file + ":6:1: unknown key 'kafka.ssl.engine.factory.class'")
                .hasMessageContaining("kafka.sasl.username")
                .hasMessageContaining("some name a class to load");
        assertThatThrownBy(() -> new KafkaSecurity(Map.of("kafka.interceptor.classes", "evil.Interceptor")))
                .as("nor can the record be built around the check")
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown Kafka setting 'kafka.interceptor.classes'");
    }

    @Test
    void anUnknownKafkaVariableIsRefusedByName() {
        assertThatThrownBy(() -> StoreConfig.resolve(Optional.empty(), Map.of(
                "PLANNING_STORE_URL", TLS_URL, "PLANNING_KAFKA_BOOTSTRAP", "k:9092",
                "PLANNING_KAFKA_SASL_JAAS_CONFIG", "evil.LoginModule required;",
                "PLANNING_KAFKA_INTERCEPTOR_CLASSES", "evil.Interceptor")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("PLANNING_KAFKA_SASL_JAAS_CONFIG: unknown Kafka variable")
                .hasMessageContaining("PLANNING_KAFKA_INTERCEPTOR_CLASSES: unknown Kafka variable")
                .hasMessageContaining("PLANNING_KAFKA_SASL_PASSWORD");
    }

    @Test
    void everyBadKafkaValueOfAFileIsReportedWithItsLine() throws Exception {
        Path file = file("url=jdbc:postgresql://db/x", "kafka.bootstrap.servers=k:9092",
                "kafka.security.protocol=SASL_SSL",
                "kafka.ssl.truststore.type=P12",
                "kafka.ssl.endpoint.identification.algorithm=",
                "kafka.sasl.mechanism=GSSAPI",
                "kafka.ssl.keystore.location=" + dir.resolve("absent.p12"));

        assertThatThrownBy(() -> StoreConfig.fromFile(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(file + ":4:1: kafka.ssl.truststore.type 'P12' is not allowed (allowed: PEM,"
                        + " PKCS12, JKS)")
                .hasMessageContaining(file + ":4:1: kafka.ssl.truststore.type is given without"
                        + " kafka.ssl.truststore.location")
                .hasMessageContaining(file + ":5:1: kafka.ssl.endpoint.identification.algorithm has no value")
                .hasMessageContaining(file + ":6:1: kafka.sasl.mechanism 'GSSAPI' is not allowed (allowed: PLAIN,"
                        + " SCRAM-SHA-256, SCRAM-SHA-512; OAUTHBEARER and GSSAPI are not offered")
                .hasMessageContaining(file + ":7:1: kafka.ssl.keystore.location names no file: "
                        + dir.resolve("absent.p12"))
                .hasMessageContaining(file + ":3:1: kafka.security.protocol SASL_SSL needs kafka.sasl.username")
                .hasMessageContaining(file + ":3:1: kafka.security.protocol SASL_SSL needs kafka.sasl.password");
        Path protocol = file("url=jdbc:postgresql://db/x", "kafka.bootstrap.servers=k:9092",
                "kafka.security.protocol=TLS");
        assertThatThrownBy(() -> StoreConfig.fromFile(protocol))
                .hasMessageContaining(protocol + ":3:1: kafka.security.protocol 'TLS' is not allowed (allowed:"
                        + " PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL)");
    }

    @Test
    void settingsWithoutEffectAreRefusedRatherThanIgnored() throws Exception {
        Path file = file("url=jdbc:postgresql://db/x", "kafka.bootstrap.servers=k:9092",
                "kafka.security.protocol=SASL_PLAINTEXT", "kafka.sasl.mechanism=PLAIN", "kafka.sasl.username=u",
                "kafka.sasl.password=p", "kafka.ssl.endpoint.identification.algorithm=none");
        Path noBroker = file("url=jdbc:postgresql://db/x", "kafka.security.protocol=SSL");

        assertThatThrownBy(() -> StoreConfig.fromFile(file))
                .hasMessageContaining(file + ":7:1: kafka.ssl.endpoint.identification.algorithm has no effect with"
                        + " kafka.security.protocol SASL_PLAINTEXT");
        assertThatThrownBy(() -> StoreConfig.fromFile(noBroker))
                .hasMessageContaining(noBroker + ":2:1: kafka.security.protocol without kafka.bootstrap.servers");
        assertThatThrownBy(() -> StoreConfig.resolve(Optional.empty(), Map.of("PLANNING_STORE_URL", TLS_URL,
                "PLANNING_KAFKA_SASL_MECHANISM", "PLAIN")))
                .hasMessageContaining("PLANNING_KAFKA_SASL_MECHANISM: kafka.sasl.mechanism has no effect with"
                        + " kafka.security.protocol PLAINTEXT")
                .hasMessageContaining("PLANNING_KAFKA_BOOTSTRAP: not set");
    }

    @Test
    void noPasswordShowsInAnyMessageOrText() throws Exception {
        Path pem = Files.writeString(dir.resolve("ca.pem"), "not read here");
        Path file = file("url=jdbc:postgresql://db/x", "kafka.bootstrap.servers=k:9092",
                "kafka.security.protocol=SASL_PLAINTEXT", "kafka.sasl.mechanism=SCRAM-SHA-256",
                "kafka.sasl.username=u", "kafka.sasl.password=SASL-SECRET-1",
                "kafka.ssl.truststore.location=" + pem, "kafka.ssl.truststore.type=PEM",
                "kafka.ssl.truststore.password=TRUST-SECRET-2", "kafka.ssl.key.password=KEY-SECRET-3");
        Map<String, String> env = Map.of("PLANNING_STORE_URL", TLS_URL, "PLANNING_KAFKA_BOOTSTRAP", "k:9092",
                "PLANNING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "PLANNING_KAFKA_SASL_MECHANISM", "PLAIN",
                "PLANNING_KAFKA_SASL_USERNAME", "u", "PLANNING_KAFKA_SASL_PASSWORD", "ENV-SECRET-4\n",
                "PLANNING_KAFKA_SSL_KEYSTORE_PASSWORD", "STORE-SECRET-5");

        assertThatThrownBy(() -> StoreConfig.fromFile(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("kafka.ssl.truststore.password is not supported for a PEM truststore")
                .hasMessageContaining("kafka.ssl.key.password is given without kafka.ssl.keystore.location")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRET"));
        assertThatThrownBy(() -> StoreConfig.resolve(Optional.empty(), env))
                .hasMessageContaining("PLANNING_KAFKA_SASL_PASSWORD: kafka.sasl.password holds a control character")
                .hasMessageContaining("PLANNING_KAFKA_SSL_KEYSTORE_PASSWORD: kafka.ssl.keystore.password is given"
                        + " without kafka.ssl.keystore.location")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRET"));
        StoreConfig good = new StoreConfig(TLS_URL, Optional.empty(), Optional.empty(), "r", Optional.of("k:9092"),
                "t", new KafkaSecurity(Map.of("kafka.security.protocol", "SASL_PLAINTEXT",
                        "kafka.sasl.mechanism", "PLAIN", "kafka.sasl.username", "u",
                        "kafka.sasl.password", "GOOD-SECRET-6")));
        assertThat(good.toString()).contains("kafka.sasl.username=u", "kafka.sasl.password=(hidden)")
                .doesNotContain("SECRET");
        assertThat(good.kafkaSecurity().toString()).doesNotContain("SECRET");
    }

    private Path file(String... lines) throws Exception {
        Path file = Files.createTempFile(dir, "store", ".properties");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }
}
