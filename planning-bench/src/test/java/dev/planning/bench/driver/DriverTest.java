package dev.planning.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The B3 driver docs/benchmarks/b2-b3-b4.md shows runs: each cycle it creates is taken to {@code COMPLETED} in a log
 * of its own (it prints its CPU per transition to the standard output, left as it is: capturing it would change the
 * process's stream for every test class running beside this one).
 */
class DriverTest {

    @Test
    void takesEachCycleItCreatesToCompletedInALogOfItsOwn(@TempDir Path dir) throws Exception {
        Driver.main(new String[] {dir.toString(), "1", "1", "2"});

        try (Stream<Path> logs = Files.walk(dir)) {
            assertThat(logs.filter(p -> p.toString().endsWith(".events.jsonl")))
                    .hasSize(3)
                    .allSatisfy(log -> assertThat(Files.readAllLines(log, StandardCharsets.UTF_8)).hasSize(7)
                            .last().asString().contains("\"to_state\":\"COMPLETED\""));
        }
    }
}
