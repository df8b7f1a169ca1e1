package dev.planning.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.assertj.core.data.Offset;
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
    void theIterationsOfEveryForkMakeOneSample() throws IOException {
        Files.writeString(dir.resolve("jmh-b3.json"), """
                [{"benchmark":"dev.planning.bench.jmh.TransitionBenchmark.engineInMemory","params":{},
                  "primaryMetric":{"scoreUnit":"us/op","rawData":[[3.0,3.1,3.2],[2.5,2.6,2.7],[4.0,4.1,4.2]]}}]
                """);

        assertThat(JmhResults.readAll(dir).get("TransitionBenchmark.engineInMemory"))
                .contains(new Sample(3.1, 2.5, 4.2, 9, "us/op"));
    }

    @Test
    void theForksOfOneCaseInSeveralFilesMakeOneSample() throws IOException {
        // B2 as bench/run.sh takes it: one-fork runs, the peers taking turns, one file each.
        Files.writeString(dir.resolve("jmh-b2-1-drools.json"), """
                [{"benchmark":"dev.planning.bench.jmh.GovernanceBenchmark.drools","params":{"tasks":"10000"},
                  "primaryMetric":{"scoreUnit":"ms/op","rawData":[[30.0,31.0,32.0]]}}]
                """);
        Files.writeString(dir.resolve("jmh-b2-1-plain.json"), """
                [{"benchmark":"dev.planning.bench.jmh.GovernanceBenchmark.plainJava","params":{"tasks":"10000"},
                  "primaryMetric":{"scoreUnit":"ms/op","rawData":[[20.0,20.0,21.0]]}}]
                """);
        Files.writeString(dir.resolve("jmh-b2-2-drools.json"), """
                [{"benchmark":"dev.planning.bench.jmh.GovernanceBenchmark.drools","params":{"tasks":"10000"},
                  "primaryMetric":{"scoreUnit":"ms/op","rawData":[[45.0,46.0,47.0]]}}]
                """);

        JmhResults results = JmhResults.readAll(dir);

        assertThat(results.get("GovernanceBenchmark.drools:tasks=10000")).contains(new Sample(38.5, 30.0, 47.0, 6, "ms/op"));
        assertThat(results.get("GovernanceBenchmark.plainJava:tasks=10000")).contains(new Sample(20.0, 20.0, 21.0, 3, "ms/op"));
        assertThat(BenchReport.spread(results.get("GovernanceBenchmark.drools:tasks=10000").orElseThrow()))
                .isCloseTo(47.0 / 30.0, Offset.offset(1e-9));
    }

    @Test
    void refusesOneCaseMeasuredInTwoUnits() throws IOException {
        Files.writeString(dir.resolve("jmh-a.json"), """
                [{"benchmark":"dev.planning.bench.jmh.GovernanceBenchmark.drools","params":{"tasks":"1000"},
                  "primaryMetric":{"scoreUnit":"ms/op","rawData":[[3.0]]}}]
                """);
        Files.writeString(dir.resolve("jmh-b.json"), """
                [{"benchmark":"dev.planning.bench.jmh.GovernanceBenchmark.drools","params":{"tasks":"1000"},
                  "primaryMetric":{"scoreUnit":"us/op","rawData":[[3000.0]]}}]
                """);

        assertThatThrownBy(() -> JmhResults.readAll(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("GovernanceBenchmark.drools:tasks=1000").hasMessageContaining("us/op");
    }

    @Test
    void judgesEachTargetFromTheResultsOfOneRun() throws IOException {
        Files.writeString(dir.resolve("jmh-b2.json"), """
                [{"benchmark":"dev.planning.bench.jmh.GovernanceBenchmark.drools","params":{"tasks":"100000"},
                  "primaryMetric":{"scoreUnit":"ms/op","rawData":[[60.0,70.0,80.0]]}},
                 {"benchmark":"dev.planning.bench.jmh.GovernanceBenchmark.plainJava","params":{"tasks":"100000"},
                  "primaryMetric":{"scoreUnit":"ms/op","rawData":[[10.0,10.0,12.0]]}},
                 {"benchmark":"dev.planning.bench.jmh.GovernanceBenchmark.drools","params":{"tasks":"10000"},
                  "primaryMetric":{"scoreUnit":"ms/op","rawData":[[3.0,3.5,4.0]]}},
                 {"benchmark":"dev.planning.bench.jmh.GovernanceBenchmark.plainJava","params":{"tasks":"10000"},
                  "primaryMetric":{"scoreUnit":"ms/op","rawData":[[2.0,2.0,2.0]]}}]
                """);
        Files.writeString(dir.resolve("jmh-b3.json"), """
                [{"benchmark":"dev.planning.bench.jmh.TransitionBenchmark.engineDurable","params":{},
                  "primaryMetric":{"scoreUnit":"us/op","rawData":[[2000.0]]}},
                 {"benchmark":"dev.planning.bench.jmh.TransitionBenchmark.bareDurable","params":{},
                  "primaryMetric":{"scoreUnit":"us/op","rawData":[[400.0]]}}]
                """);
        Files.writeString(dir.resolve("b5-java-version.json"), "{\"results\":[{\"times\":[0.1,0.1,0.1]}]}");
        Files.writeString(dir.resolve("b5-lint.json"), "{\"results\":[{\"times\":[0.25,0.3,0.35]}]}");
        Files.writeString(dir.resolve("b5-verify.note"), "no verify command yet");
        Files.writeString(dir.resolve("b5-gate.json"), "{\"results\":[{\"times\":[0.6,0.6,0.6]}]}");
        Files.writeString(dir.resolve("b5-first-lint.txt"), "12.5\n");
        Files.writeString(dir.resolve("b5-first-recording.txt"), "8.0\n");
        Files.writeString(dir.resolve("b5-version.json"), "{\"results\":[{\"times\":[0.2]}]}");
        Files.writeString(dir.resolve("fsync-ms.txt"), "0.5\n");
        Files.writeString(dir.resolve("fsync-inplace-ms.txt"), "0.25\n");
        Files.writeString(dir.resolve("load.txt"), "0.8 1.2\n");

        List<Row> rows = new BenchReport(dir, 2).rows();

        assertThat(row(rows, "governance, Drools, 100000 tasks")).satisfies(r -> {
            assertThat(r.ratio()).isEqualTo("7.00x");
            assertThat(r.met()).contains(false);
        });
        assertThat(row(rows, "governance, Drools, 10000 tasks")).satisfies(r -> {
            assertThat(r.ratio()).isEqualTo("1.75x");
            assertThat(r.target()).isEqualTo("<= 2x plain Java");
            assertThat(r.met()).contains(true);
        });
        assertThat(row(rows, "spread of the Drools runs (max/min), 100000 tasks")).satisfies(r -> {
            assertThat(r.ratio()).isEqualTo("1.33x");
            assertThat(r.met()).contains(true);
        });
        assertThat(row(rows, "disk: synchronous 4 KiB write growing the file (dd oflag=dsync, the floor)"))
                .satisfies(r -> {
                    assertThat(r.median()).isEqualTo("0.500 ms");
                    assertThat(r.peer()).isEqualTo("overwriting in place 0.250 ms");
                });
        assertThat(row(rows, "transition, durable (fsync per append)")).satisfies(r -> {
            assertThat(r.median()).isEqualTo("500 transitions/s");
            assertThat(r.ratio()).isEqualTo("0.25x");
            assertThat(r.met()).contains(false);
        });
        assertThat(row(rows, "transition, durable, against the same appends without the engine")).satisfies(r -> {
            assertThat(r.peer()).isEqualTo("bare appends 2,500/s (same set-up)");
            assertThat(r.ratio()).isEqualTo("0.20x");
            assertThat(r.met()).isEmpty();
        });
        assertThat(row(rows, "planning lint")).satisfies(r -> {
            assertThat(r.ratio()).isEqualTo("3.00x");
            assertThat(r.met()).contains(true);
        });
        assertThat(row(rows, "planning gate")).satisfies(r -> {
            assertThat(r.ratio()).isEqualTo("6.00x");
            assertThat(r.target()).isEqualTo("<= 5x floor");
            assertThat(r.met()).contains(false);
        });
        assertThat(row(rows, "planning lint, first command after the build").met()).contains(false);
        assertThat(row(rows, "start-up cache recording (in the background, after it)").ratio()).isEqualTo("8,000 ms");
        assertThat(row(rows, "planning --version").ratio()).isEqualTo("2.00x");
        assertThat(row(rows, "planning verify").ratio()).startsWith("skipped");
        assertThat(row(rows, "planning status").met()).isEqualTo(Optional.empty());
        assertThat(new BenchReport(dir, 2).load()).contains(
                "1-minute load average: 0.8 at the start, 1.2 at the end (figures taken above 1.5 are skewed by other work)");
        assertThat(row(rows, "all RFH gates, 10000 tasks").met()).isEqualTo(Optional.empty());
        assertThat(Table.markdown(rows)).startsWith("| bench | case |").contains("| B2 | governance, Drools, 100000 tasks |");
        assertThat(Table.text(rows).lines().count()).isEqualTo(rows.size() + 2);
    }

    @Test
    void judgesNoSpreadFromFewerThanThreeIterations() throws IOException {
        Files.writeString(dir.resolve("jmh-quick.json"), """
                [{"benchmark":"dev.planning.bench.jmh.GovernanceBenchmark.drools","params":{"tasks":"10000"},
                  "primaryMetric":{"scoreUnit":"ms/op","rawData":[[30.0]]}},
                 {"benchmark":"dev.planning.bench.jmh.GovernanceBenchmark.plainJava","params":{"tasks":"10000"},
                  "primaryMetric":{"scoreUnit":"ms/op","rawData":[[20.0]]}}]
                """);

        Row spread = row(new BenchReport(dir, 2).rows(), "spread of the Drools runs (max/min), 10000 tasks");

        assertThat(spread.ratio()).isEqualTo("n/a (1 iteration(s); needs 3)");
        assertThat(spread.met()).isEmpty();
    }

    @Test
    void judgesTheLiveHeapAndShowsThePoolsPeakSumBesideIt() throws IOException {
        Files.writeString(dir.resolve("heap-live-B1-10000.txt"), (600L << 20) + "\n");
        Files.writeString(dir.resolve("heap-retained-B1-10000.txt"), (200L << 20) + "\n");
        Files.writeString(dir.resolve("heap-B1-10000.txt"), (1_100L << 20) + "\n");
        Files.writeString(dir.resolve("heap-live-B1-100000.txt"), (1_100L << 20) + "\n");

        List<Row> rows = new BenchReport(dir, 2).rows();

        assertThat(row(rows, "live heap (most in use after a GC), 10000 tasks (fork -Xmx1g)")).satisfies(r -> {
            assertThat(r.sample()).map(Sample::median).contains(600.0);
            assertThat(r.peer()).isEqualTo("after full GC 200 MiB; pools' peak sum 1,100 MiB");
            assertThat(r.target()).isEqualTo("<= 1,024 MiB");
            assertThat(r.met()).contains(true);
        });
        assertThat(row(rows, "live heap (most in use after a GC), 100000 tasks (fork -Xmx1g)").met()).contains(false);
        assertThat(rows).noneMatch(r -> r.item().equals("live heap (most in use after a GC), 1000 tasks (fork -Xmx1g)"));
    }

    private static Row row(List<Row> rows, String item) {
        return rows.stream().filter(r -> r.item().equals(item)).findFirst().orElseThrow();
    }
}
