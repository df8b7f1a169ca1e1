package dev.planning.cli.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.planning.store.postgres.KafkaSecurity;
import org.junit.jupiter.api.Test;

/**
 * The README has users export the central store's settings for {@code bin/store-servers}; a build
 * run from that shell must not hand them to the tests, whose commands without {@code --store}
 * would then record their events in that database (the parent pom's
 * {@code excludedEnvironmentVariables}). Checked with {@code PLANNING_STORE_URL} pointing at a
 * closed port on 2026-12-04: without the exclusion 10 of 11 tests of {@code LifecycleCommandsTest}
 * and {@code StoreQueriesOnFilesTest} failed.
 */
class BuildEnvironmentTest {

    @Test
    void theTestsSeeNoCentralStoreSettingOfTheShellThatRunsTheBuild() {
        assertThat(System.getenv()).doesNotContainKeys("PLANNING_STORE_URL", "PLANNING_STORE_CONFIG",
                "PLANNING_STORE_USER", "PLANNING_STORE_PASSWORD", "PLANNING_STORE_REPOSITORY",
                "PLANNING_KAFKA_BOOTSTRAP", "PLANNING_KAFKA_TOPIC");
    }

    @Test
    void theTestsSeeNoKafkaSecuritySettingOfTheShellThatRunsTheBuild() {
        // An exported PLANNING_KAFKA_SASL_PASSWORD and the like would reach every command without
        // --store (a SASL login the test broker does not know); checked with it set on 2026-12-04.
        assertThat(System.getenv()).doesNotContainKeys(KafkaSecurity.KEYS.stream()
                .map(KafkaSecurity::environmentName).toArray(String[]::new));
    }
}
