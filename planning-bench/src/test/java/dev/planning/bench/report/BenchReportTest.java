package dev.planning.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

    @TempDir
    Path dir;

    @Test
    void sampleHasTheMedianAndTheRange() {
        assertThat(Sample.of(List.of(5.0, 1.0, 3.0), "ms")).isEqualTo(new Sample(3.0, 1.0, 5.0, 3, "ms"));
        assertThat(Sample.of(List.of(4.0, 1.0, 3.0, 2.0), "ms").median()).isEqualTo(2.5);
        assertThatThrownBy(() -> Sample.of(List.of(), "ms")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRateTurnsTheRangeAround() {
        Sample rate = new Sample(2, 1, 4, 3, "us/op").map(us -> 1_000_000 / us, "per s");

        assertThat(rate).isEqualTo(new Sample(500_000, 250_000, 1_000_000, 3, "per s"));
    }

    @Test
    void judgesEachTargetFromTheResultsOfOneRun() throws IOException {
        Files.writeString(dir.resolve("jmh-b2.json"), """
                [{"benchmark":"dev.planning.bench.jmh.GovernanceBenchmark.drools","params":{"tasks":"100000"},
                  "primaryMetric":{"scoreUnit":"ms/op","rawData":[[60.0,70.0,80.0]]}},
                 {"benchmark":"dev.planning.bench.jmh.GovernanceBenchmark.plainJava","params":{"tasks":"100000"},
                  "primaryMetric":{"scoreUnit":"ms/op","rawData":[[10.0,10.0,12.0]]}}]
                """);
        Files.writeString(dir.resolve("jmh-b3.json"), """
                [{"benchmark":"dev.planning.bench.jmh.TransitionBenchmark.engineDurable","params":{},
                  "primaryMetric":{"scoreUnit":"us/op","rawData":[[2000.0]]}}]
                """);
        Files.writeString(dir.resolve("b5-java-version.json"), "{\"results\":[{\"times\":[0.1,0.1,0.1]}]}");
        Files.writeString(dir.resolve("b5-lint.json"), "{\"results\":[{\"times\":[0.25,0.3,0.35]}]}");
        Files.writeString(dir.resolve("b5-verify.note"), "no verify command yet");

        List<Row> rows = new BenchReport(dir, 2).rows();

        assertThat(row(rows, "governance, Drools, 100000 tasks")).satisfies(r -> {
            assertThat(r.ratio()).isEqualTo("7.00x");
            assertThat(r.met()).contains(false);
        });
        assertThat(row(rows, "transition, durable (fsync per append)").median()).isEqualTo("500 transitions/s");
        assertThat(row(rows, "planning lint, repeated")).satisfies(r -> {
            assertThat(r.ratio()).isEqualTo("3.00x");
            assertThat(r.met()).contains(true);
        });
        assertThat(row(rows, "planning verify, repeated").ratio()).startsWith("skipped");
        assertThat(row(rows, "all RFH gates, 10000 tasks").met()).isEqualTo(Optional.empty());
        assertThat(Table.markdown(rows)).startsWith("| bench | case |").contains("| B2 | governance, Drools, 100000 tasks |");
        assertThat(Table.text(rows).lines().count()).isEqualTo(rows.size() + 2);
    }

    private static Row row(List<Row> rows, String item) {
        return rows.stream().filter(r -> r.item().equals(item)).findFirst().orElseThrow();
    }
}
