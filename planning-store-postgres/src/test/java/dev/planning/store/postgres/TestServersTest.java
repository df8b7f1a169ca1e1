package dev.planning.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared servers' shutdown: the broker is closed before its directory goes. (Kafka's test kit,
 * left to its default directory, removes it from a shutdown hook of its own that the JVM runs
 * beside the one closing the broker; a broker losing its log directory halts the JVM with status 1,
 * which ended benchmark runs that had printed everything with an unexplained exit 1.)
 */
@Tag("slow")
@Tag("servers")
class TestServersTest {

    @Test
    void theBrokerKeepsItsDataInTheDirectoryThatStopRemovesAfterClosingIt() throws Exception {
        KafkaClusterTestKit cluster = TestServers.kafka();
        Path directory = TestServers.kafkaDirectory().orElseThrow();
        // Every node's data lives under the directory the servers own and remove last, none under a
        // directory of the test kit's own (which its shutdown hook would remove under a live broker).
        assertThat(cluster.nodes().baseDirectory()).isEqualTo(directory.toString());
        cluster.nodes().brokerNodes().values().forEach(node ->
                node.logDataDirectories().forEach(dir -> assertThat(Path.of(dir)).startsWith(directory)));
        assertThat(Path.of(cluster.nodes().controllerNodes().values().iterator().next().metadataDirectory()))
                .startsWith(directory);

        TestServers.stopKafka();

        assertThat(directory).doesNotExist();
        assertThat(TestServers.kafkaDirectory()).isEmpty();
    }

    @Test
    void aJvmThatRanTheBrokerExitsWithTheStatusItAskedForAndLeavesNothingBehind(@TempDir Path tmp)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp, "-cp",
                System.getProperty("java.class.path"), BrokerExit.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(300, TimeUnit.SECONDS)).isTrue();

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("published; exiting with status 0").doesNotContain("halts the JVM");
        assertThat(entries(tmp)).as("left in the child's temp directory").isEmpty();
    }

    private static List<Path> entries(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList();
        }
    }
}
