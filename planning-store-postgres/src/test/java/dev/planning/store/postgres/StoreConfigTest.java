package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.planning.api.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
                .hasMessageContaining("cannot read store configuration " + missing);
    }

    @Test
    void itsTextNeverShowsThePasswordNorTheUrlsQueryString() {
        StoreConfig config = new StoreConfig("jdbc:postgresql://db/planning?user=u&password=in-url",
                Optional.of("u"), Optional.of("in-field"), "acme", Optional.empty(), "t");

        assertThat(config.toString()).doesNotContain("in-url").doesNotContain("in-field")
                .contains("jdbc:postgresql://db/planning?...");
    }

    private Path file(String... lines) throws Exception {
        Path file = Files.createTempFile(dir, "store", ".properties");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }
}
