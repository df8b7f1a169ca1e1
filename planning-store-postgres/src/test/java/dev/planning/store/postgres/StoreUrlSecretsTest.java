package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.planning.api.InvalidInputException;
import dev.planning.api.PlanningException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * attack27: a store URL can carry a password in two places, its query string ({@code ?password=})
 * and, written as libpq and most services write a database URL, its user information
 * ({@code postgresql://user:password@host/db}). Neither reaches a message: the driver's own text
 * (a host it cannot find is the user information and the host) is cleared of them too. Before, a
 * URL with user information showed its password in every message about it (twice when the driver
 * looked the host up). No server is needed: each URL fails before anything answers.
 */
class StoreUrlSecretsTest {

    @TempDir
    Path dir;

    /**
     * A line written as YAML or with spaces where a key should be, whose value holds an {@code =} (a base64
     * password ends with one), or a value alone on its line: what stands before the {@code =} is not shaped as a
     * key, and is not quoted as one.
     */
    @Test
    void aLineWhoseKeyIsNotAKeyIsRefusedWithoutQuotingIt() throws Exception {
        Path file = dir.resolve("store.properties");
        Files.write(file, List.of("url=jdbc:postgresql://db/planning", "password: c2VjcmV0LXNlY3JldA==",
                "user = planner", "kafka.sasl.password : pa ss=word", "U2VjcmV0VHdv=="), StandardCharsets.UTF_8);

        Throwable refused = catchThrowable(() -> StoreConfig.fromFile(file));

        assertThat(refused).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(file + ":2:1: expected key=value, the key one of ")
                .hasMessageContaining(file + ":4:1: expected key=value")
                .hasMessageContaining("(the line is not shown: it may hold a secret)")
                .hasMessageContaining(file + ":5:1: expected key=value")
                .hasMessageNotContaining("c2VjcmV0").hasMessageNotContaining("pa ss").hasMessageNotContaining("U2Vj");
    }

    @Test
    void aUrlThatIsNotJdbcIsRefusedWithoutItsPassword() {
        Throwable refused = open("postgresql://planner:SECRET-1@db.example.org/planning?password=SECRET-2");

        assertThat(refused).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must be a PostgreSQL JDBC URL")
                .hasMessageContaining("postgresql://...@db.example.org/planning?...")
                .hasMessageNotContaining("SECRET").hasMessageNotContaining("planner");
    }

    @Test
    void aJdbcUrlWithUserInformationFailsWithoutItsPasswordInTheMessage() {
        Throwable failed = open("jdbc:postgresql://planner:SECRET-3@localhost:1/planning");

        assertThat(failed).isInstanceOf(PlanningException.class)
                .hasMessageStartingWith("cannot connect to the store at jdbc:postgresql://...@localhost:1/planning")
                .hasMessageNotContaining("SECRET").hasMessageNotContaining("planner");
    }

    @Test
    void aUserWithoutAPasswordLeavesTheRestOfTheMessageAsItWas() {
        Throwable failed = open("jdbc:postgresql://u@localhost:1/planning");

        assertThat(failed).hasMessageStartingWith("cannot connect to the store at jdbc:postgresql://...@localhost:1/planning")
                .hasMessageContaining("no such host: ...@localhost").hasMessageContaining("check its spelling");
    }

    @Test
    void theConfigurationsTextShowsNeitherThePasswordOfItsUserInformationNorItsQuery() {
        StoreConfig config = new StoreConfig("jdbc:postgresql://planner:SECRET-4@db:5432/planning?password=SECRET-5",
                Optional.empty(), Optional.empty(), "acme", Optional.empty(), "t");

        assertThat(config.toString()).contains("jdbc:postgresql://...@db:5432/planning?...")
                .doesNotContain("SECRET").doesNotContain("planner");
    }

    private static Throwable open(String url) {
        return catchThrowable(() -> PostgresStore.builder().jdbcUrl(url).repository("acme")
                .connectTimeout(Duration.ofSeconds(1)).build().close());
    }
}
