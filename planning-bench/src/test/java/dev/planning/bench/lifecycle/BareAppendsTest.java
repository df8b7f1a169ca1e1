package dev.planning.bench.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BareAppendsTest {

    @Test
    void writesTheLinesOfACycleCreatedAndMovedSixTimesWithItsSidecar(@TempDir Path directory) throws Exception {
        BareAppends bare = new BareAppends(directory);

        Path log = bare.create("C-1");
        for (int i = 0; i < 6; i++) {
            bare.append(log);
        }

        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).hasSize(BareAppends.CREATED_LINE - 1);
        assertThat(lines.subList(1, 7)).allSatisfy(line -> assertThat(line).hasSize(BareAppends.TRANSITION_LINE - 1));
        assertThat(Files.size(log)).isEqualTo(BareAppends.CREATED_LINE + 6L * BareAppends.TRANSITION_LINE);
        assertThat(directory.resolve("C-1.events.jsonl.lock")).isEmptyFile();
    }
}
