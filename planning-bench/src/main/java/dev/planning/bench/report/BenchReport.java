package dev.planning.bench.report;

import dev.planning.bench.seal.ArtifactCorpus;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Turns one run's results into the table of {@code docs/BENCHMARKS.md}: every case with its
 * median and spread, its peer, the ratio the target is about, the target, and whether it is met.
 *
 * <pre class="language-shell">
 * java -cp benchmarks.jar dev.planning.bench.report.BenchReport RESULTS_DIR
 * </pre>
 * reads {@code RESULTS_DIR/jmh*.json}, the {@code heap-B1-*.txt} files and the {@code b5-*} files,
 * prints the table and writes it as Markdown to {@code RESULTS_DIR/table.md}.
 *
 * @since 0.1
 */
public final class BenchReport {

    private static final double MB = 1_000_000.0;

    private final JmhResults jmh;
    private final CliTimings cli;
    private final Path dir;
    private final int cores;

    BenchReport(Path dir, int cores) throws IOException {
        this.dir = dir;
        this.jmh = JmhResults.readAll(dir);
        this.cli = new CliTimings(dir);
        this.cores = cores;
    }

    /** Prints the table of the results in {@code args[0]} and writes it as Markdown beside them. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BenchReport RESULTS_DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        BenchReport report = new BenchReport(dir, Runtime.getRuntime().availableProcessors());
        List<Row> rows = report.rows();
        String load = report.load().map(l -> l + "\n").orElse("");
        // UTF-8 whatever the locale: under LC_ALL=C the default stream turns the table's ± and – into ?.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        out.print(Table.text(rows) + load);
        out.flush();
        Files.writeString(dir.resolve("table.md"), Table.markdown(rows) + (load.isEmpty() ? "" : "\n" + load));
    }

    List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        gates(rows);
        governance(rows);
        transitions(rows);
        seal(rows);
        cli(rows);
        return rows;
    }

    private void gates(List<Row> rows) throws IOException {
        for (int n : new int[] {1_000, 10_000, 100_000}) {
            double limit = n == 10_000 ? 250 : n == 100_000 ? 2_000 : Double.NaN;
            String target = Double.isNaN(limit) ? "-" : "<= " + Format.number(limit) + " ms";
            for (String method : List.of("allGates", "allGatesParallel")) {
                Optional<Sample> s = jmh.get("GateBenchmark." + method + ":tasks=" + n);
                rows.add(new Row("B1", "all RFH gates, " + n + " tasks" + (method.endsWith("Parallel") ? ", plans in parallel" : ""),
                        s, "-", "-", target, Double.isNaN(limit) ? Optional.empty() : s.map(x -> x.median() <= limit)));
            }
            // The budget is about the live heap: the most in use after any collection (see
            // GateBenchmark). The retained heap and the pools' peak sum are shown beside it.
            Optional<Double> live = mebibytes("heap-live-B1-" + n + ".txt");
            Optional<Double> retained = mebibytes("heap-retained-B1-" + n + ".txt");
            Optional<Double> peaks = mebibytes("heap-B1-" + n + ".txt");
            if (live.isPresent() || peaks.isPresent()) {
                String beside = "after full GC " + retained.map(m -> Format.number(m) + " MiB").orElse("n/a")
                        + "; pools' peak sum " + peaks.map(m -> Format.number(m) + " MiB").orElse("n/a");
                rows.add(new Row("B1", "live heap (most in use after a GC), " + n + " tasks (fork -Xmx1g)",
                        live.map(m -> Sample.of(List.of(m), "MiB")), beside, "-", "<= 1,024 MiB",
                        live.map(m -> m <= 1024)));
            }
        }
    }

    /** A byte count the benchmark wrote, in MiB. */
    private Optional<Double> mebibytes(String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(Files.readString(file).strip()) / (1024.0 * 1024));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void governance(List<Row> rows) {
        for (int n : new int[] {1_000, 10_000, 100_000}) {
            Optional<Sample> drools = jmh.get("GovernanceBenchmark.drools:tasks=" + n);
            Optional<Sample> plain = jmh.get("GovernanceBenchmark.plainJava:tasks=" + n);
            Optional<Double> ratio = both(drools, plain, (d, p) -> d.median() / p.median());
            double limit = n == 10_000 ? 2 : n == 100_000 ? 3 : Double.NaN;
            boolean targeted = !Double.isNaN(limit);
            rows.add(new Row("B2", "governance, Drools, " + n + " tasks", drools,
                    "plain Java " + plain.map(Format0::median).orElse("n/a"), ratio.map(Format::ratio).orElse("n/a"),
                    targeted ? "<= " + Math.round(limit) + "x plain Java" : "-",
                    targeted ? ratio.map(r -> r <= limit) : Optional.empty()));
            if (targeted) {
                // A spread of one or two iterations says nothing (--quick measures one): no verdict then.
                Optional<Double> spread = drools.filter(s -> s.count() >= MIN_SPREAD_ITERATIONS)
                        .map(BenchReport::spread);
                String shown = spread.map(Format::ratio).orElse(drools.isPresent()
                        ? "n/a (" + drools.get().count() + " iteration(s); needs " + MIN_SPREAD_ITERATIONS + ")"
                        : "n/a");
                rows.add(new Row("B2", "spread of the Drools runs (max/min), " + n + " tasks", drools, "-",
                        shown, "< 1.5x", spread.map(x -> x < 1.5)));
            }
        }
    }

    /** The fewest measured iterations whose spread is judged. */
    static final int MIN_SPREAD_ITERATIONS = 3;

    /** Max over min of a sample's iterations. */
    static double spread(Sample s) {
        return s.min() > 0 ? s.max() / s.min() : Double.POSITIVE_INFINITY;
    }

    private void transitions(List<Row> rows) throws IOException {
        Optional<Sample> memory = jmh.get("TransitionBenchmark.engineInMemory");
        Optional<Sample> spring = jmh.get("TransitionBenchmark.springStatemachine");
        Optional<Double> speedup = both(memory, spring, (m, s) -> s.median() / m.median());
        rows.add(new Row("B3", "transition, in memory", memory,
                "Spring Statemachine " + spring.map(Format0::median).orElse("n/a"),
                speedup.map(Format::ratio).orElse("n/a") + " faster", ">= 10x Spring", speedup.map(r -> r >= 10)));
        Optional<Sample> durable = jmh.get("TransitionBenchmark.engineDurable")
                .map(s -> s.map(us -> 1_000_000 / us, "transitions/s"));
        Optional<Double> fsync = millis("fsync-ms.txt");
        Optional<Double> inPlace = millis("fsync-inplace-ms.txt");
        // What the floor is: a synchronous write that grows the file, as every append does (its
        // new size must be made durable with it); beside it, the same write over existing blocks.
        rows.add(new Row("B3", "disk: synchronous 4 KiB write growing the file (dd oflag=dsync, the floor)",
                fsync.map(ms -> Sample.of(List.of(ms), "ms")),
                "overwriting in place " + inPlace.map(ms -> Format.number(ms) + " ms").orElse("n/a"), "-", "-",
                Optional.empty()));
        Optional<Double> fsyncPerSecond = fsync.map(ms -> 1000 / ms);
        Optional<Double> vsDisk = durable.flatMap(d -> fsyncPerSecond.map(f -> d.median() / f));
        rows.add(new Row("B3", "transition, durable (fsync per append)", durable,
                "1/fsync " + fsyncPerSecond.map(f -> Format.number(f) + "/s").orElse("n/a") + " (growing writes)",
                vsDisk.map(Format::ratio).orElse("n/a"), ">= 0.8x 1/fsync", vsDisk.map(r -> r >= 0.8)));
        // The same writer against its own disk work without the engine, measured with the same
        // set-up, forks and iterations (so in the same minutes of the disk as the writer, where dd's
        // probe takes 200 writes at the start of the run): what the engine adds to each append.
        Optional<Sample> bare = jmh.get("TransitionBenchmark.bareDurable")
                .map(s -> s.map(us -> 1_000_000 / us, "appends/s"));
        Optional<Double> vsBare = both(durable, bare, (d, b) -> d.median() / b.median());
        rows.add(new Row("B3", "transition, durable, against the same appends without the engine", durable,
                "bare appends " + bare.map(b -> Format.number(b.median()) + "/s").orElse("n/a") + " (same set-up)",
                vsBare.map(Format::ratio).orElse("n/a"), "-", Optional.empty()));
        Optional<Sample> concurrent = jmh.get("TransitionBenchmark.engineDurableConcurrent")
                .map(s -> s.map(perSecond -> perSecond, "transitions/s"));
        rows.add(new Row("B3", "transition, durable, 8 cycles at once (fsync per append)", concurrent, "-",
                concurrent.map(s -> Format.number(s.median()) + "/s").orElse("n/a"), ">= 1,000/s",
                concurrent.map(s -> s.median() >= 1_000)));
    }

    private void seal(List<Row> rows) {
        Function<Sample, Sample> corpusRate = s -> s.map(ms -> ArtifactCorpus.TOTAL_BYTES / MB / (ms / 1000), "MB/s");
        Optional<Sample> sha256sum = jmh.get("SealBenchmark.sha256sum").map(corpusRate);
        // The same 800 files' bytes, in the heap, hashed on as many threads as the engine uses.
        Optional<Sample> memory = jmh.get("SealBenchmark.inMemorySha256").map(corpusRate);
        for (String op : List.of("seal", "verify")) {
            Optional<Sample> rate = jmh.get("SealBenchmark." + op).map(corpusRate);
            Optional<Double> vsTool = both(rate, sha256sum, (r, t) -> r.median() / t.median());
            rows.add(new Row("B4", op + " 200 MiB / 800 files", rate,
                    "sha256sum " + sha256sum.map(Format0::median).orElse("n/a"),
                    vsTool.map(Format::ratio).orElse("n/a"), ">= 2.5x sha256sum", vsTool.map(r -> r >= 2.5)));
            Optional<Double> perCore = both(rate, memory, (r, m) -> r.median() / m.median());
            rows.add(new Row("B4", op + " per core vs in-memory SHA-256", rate,
                    "in-memory " + memory.map(Format0::median).orElse("n/a") + " (same files, in the heap, same "
                            + Math.min(cores, 8) + " threads)",
                    perCore.map(Format::ratio).orElse("n/a"), ">= 0.8x per core", perCore.map(r -> r >= 0.8)));
        }
    }

    /** The cold commands of issue 15, each with its limit as a multiple of {@code java -version}. */
    private static final List<Map.Entry<String, Double>> COLD_COMMANDS = List.of(
            Map.entry("version", 3.0), Map.entry("rules-hash", 3.0), Map.entry("status", 3.0),
            Map.entry("lint", 3.0), Map.entry("verify-checksums", 3.0), Map.entry("verify", Double.NaN),
            Map.entry("gate", 5.0), Map.entry("advance", 5.0));

    /** The first command after a build, recording included, at most this long. */
    static final double FIRST_COMMAND_MS = 10_000;

    private void cli(List<Row> rows) throws IOException {
        Optional<Sample> floor = cli.repeated("java-version");
        rows.add(new Row("B5", "java -version (JVM floor)", floor, "-", "-", "-", Optional.empty()));
        Optional<Sample> first = cli.first("lint");
        rows.add(new Row("B5", "planning lint, first command after the build", first, "-",
                first.map(Format0::median).orElse("n/a"), "<= 10,000 ms", first.map(x -> x.median() <= FIRST_COMMAND_MS)));
        Optional<Sample> recording = cli.first("recording");
        rows.add(new Row("B5", "start-up cache recording (in the background, after it)", recording, "-",
                cli.note("recording").map(n -> "skipped: " + n).orElse(recording.map(Format0::median).orElse("n/a")),
                "-", Optional.empty()));
        for (Map.Entry<String, Double> command : COLD_COMMANDS) {
            String name = command.getKey();
            double limit = command.getValue();
            Optional<Sample> s = cli.repeated(name);
            String item = "planning " + switch (name) {
                case "version" -> "--version";
                case "rules-hash" -> "rules hash";
                case "verify-checksums" -> "verify --checksums-only";
                default -> name;
            };
            Optional<String> note = cli.note(name);
            if (s.isEmpty() && note.isPresent()) {
                rows.add(new Row("B5", item, s, "-", "skipped: " + note.get(), "-", Optional.empty()));
                continue;
            }
            Optional<Double> ratio = both(s, floor, (c, f) -> c.median() / f.median());
            boolean targeted = !Double.isNaN(limit);
            rows.add(new Row("B5", item, s, "java -version " + floor.map(Format0::median).orElse("n/a"),
                    ratio.map(Format::ratio).orElse("n/a"), targeted ? "<= " + Math.round(limit) + "x floor" : "-",
                    targeted ? ratio.map(r -> r <= limit) : Optional.empty()));
        }
    }

    /** A latency the script measured (the disk's synchronous writes), in milliseconds. */
    private Optional<Double> millis(String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            double ms = Double.parseDouble(Files.readString(file).strip());
            return ms > 0 ? Optional.of(ms) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The 1-minute load average at the start and the end of the run, as the script wrote it. */
    Optional<String> load() throws IOException {
        Path file = dir.resolve("load.txt");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String[] parts = Files.readString(file).strip().split("\\s+");
        return parts.length == 2 ? Optional.of("1-minute load average: " + parts[0] + " at the start, " + parts[1]
                + " at the end (figures taken above 1.5 are skewed by other work)") : Optional.empty();
    }

    private static <T> Optional<T> both(Optional<Sample> a, Optional<Sample> b,
            BiFunction<Sample, Sample, T> f) {
        return a.isPresent() && b.isPresent() ? Optional.of(f.apply(a.get(), b.get())) : Optional.empty();
    }

    /** Formats a sample's median for the peer column. */
    private static final class Format0 {
        static String median(Sample s) {
            return Format.number(s.median()) + " " + s.unit();
        }
    }
}
