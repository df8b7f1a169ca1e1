package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * review27: a password written raw in a URL's user information may hold any character a generated password
 * holds, {@code /} and {@code ?} among them. Where the host starts is then ambiguous; the shown URL keeps none
 * of what could be the password, and a driver's or pool's message quoting the URL as written keeps none either.
 */
class StoreUrlRedactionReviewTest {

    @Test
    void aPasswordWithASlashIsNotShown() {
        String url = "jdbc:postgresql://planner:SE/CRET@db.example.org/planning";

        assertThat(PostgresStore.redact(url)).isEqualTo("jdbc:postgresql://...@db.example.org/planning");
        assertThat(PostgresStore.withoutSecrets("Failed to get driver instance for jdbcUrl=" + url, url))
                .doesNotContain("CRET").doesNotContain("planner");
    }

    @Test
    void aPasswordWithAQuestionMarkIsNotShown() {
        String url = "jdbc:postgresql://planner:SE?CRET@db.example.org/planning";

        assertThat(PostgresStore.redact(url)).doesNotContain("SE").doesNotContain("CRET").doesNotContain("planner");
        assertThat(PostgresStore.withoutSecrets("Failed to get driver instance for jdbcUrl=" + url, url))
                .doesNotContain("SE?").doesNotContain("CRET").doesNotContain("planner");
    }

    @Test
    void aQueryHoldingAnAtSignStillHidesTheQuery() {
        String url = "jdbc:postgresql://db.example.org/planning?user=a@b&password=SECRET";

        assertThat(PostgresStore.redact(url)).doesNotContain("SECRET");
        assertThat(PostgresStore.withoutSecrets("jdbcUrl=" + url, url)).doesNotContain("SECRET");
    }

    @Test
    void anEncodedAtSignOrAnIpv6HostLeavesNoPasswordShown() {
        assertThat(PostgresStore.redact("jdbc:postgresql://planner:SE%40CRET@db/planning"))
                .isEqualTo("jdbc:postgresql://...@db/planning");
        assertThat(PostgresStore.redact("jdbc:postgresql://planner:SE@CRET@[::1]:5432/planning"))
                .isEqualTo("jdbc:postgresql://...@[::1]:5432/planning");
        assertThat(PostgresStore.redact("jdbc:postgresql:planner:SECRET@db/planning")).isEqualTo("...@db/planning");
    }
}
