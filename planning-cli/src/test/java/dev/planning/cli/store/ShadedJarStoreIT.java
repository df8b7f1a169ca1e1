package dev.planning.cli.store;

import dev.planning.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@link DemoStoreTest}'s tests on the shaded {@code planning.jar}, which leaves Kafka's compression
 * codecs out (zstd-jni, lz4-java, snappy-java): the demo's events still reach a real Kafka topic
 * through the outbox relay's producer, which sends uncompressed, and a broker that is down is still
 * reported in one line. Runs in the jar-tests execution, after package.
 */
@EnabledIfSystemProperty(named = "planning.jar", matches = ".+",
        disabledReason = "needs the built jars: runs in the jar-tests execution of mvn verify")
class ShadedJarStoreIT extends DemoStoreTest {

    @Override
    CliRun run(String... args) {
        return CliRun.ofJar(Path.of(System.getProperty("planning.jar")), args);
    }
}
