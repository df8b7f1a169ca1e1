package dev.planning.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.engine.internal.json.JsonMappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The results of JMH runs written with {@code -rf json}, by case: {@code GateBenchmark.allGates:tasks=10000}
 * (the simple class name, the method, then the parameters).
 *
 * <p>A case's sample holds the measured iterations of every fork of every file that measured it:
 * {@code bench/run.sh} runs B2 as several one-fork JMH runs, the two peers taking turns, so that
 * a change in the machine's speed between minutes falls on both peers alike, and the table
 * judges the spread over all of them.
 *
 * @since 0.1
 */
public final class JmhResults {

    private final Map<String, Sample> samples;

    private JmhResults(Map<String, Sample> samples) {
        this.samples = samples;
    }

    /** Reads every {@code jmh*.json} result file of a directory, in name order; none gives no results. */
    public static JmhResults readAll(Path dir) throws IOException {
        Map<String, Measured> measured = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> all = Files.list(dir)) {
            files = all.filter(f -> f.getFileName().toString().matches("jmh.*\\.json")).sorted().toList();
        }
        for (Path file : files) {
            read(file, measured);
        }
        Map<String, Sample> samples = new LinkedHashMap<>();
        measured.forEach((key, m) -> samples.put(key, Sample.of(m.values(), m.unit())));
        return new JmhResults(samples);
    }

    /** A case's iterations so far, and their unit. */
    private record Measured(List<Double> values, String unit) {
    }

    private static void read(Path file, Map<String, Measured> measured) throws IOException {
        for (JsonNode run : JsonMappers.json().readTree(file.toFile())) {
            String benchmark = run.path("benchmark").asText();
            String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            StringBuilder key = new StringBuilder(name);
            run.path("params").properties().forEach(p -> key.append(':').append(p.getKey()).append('=')
                    .append(p.getValue().asText()));
            JsonNode metric = run.path("primaryMetric");
            List<Double> values = new ArrayList<>();
            metric.path("rawData").forEach(fork -> fork.forEach(v -> values.add(v.asDouble())));
            if (values.isEmpty()) {
                continue;
            }
            String unit = metric.path("scoreUnit").asText();
            Measured known = measured.computeIfAbsent(key.toString(), k -> new Measured(new ArrayList<>(), unit));
            if (!known.unit().equals(unit)) {
                throw new IOException(file + ": " + key + " is in " + unit + " here and in " + known.unit()
                        + " in an earlier file; its iterations cannot make one sample");
            }
            known.values().addAll(values);
        }
    }

    /** The sample of a case, e.g. {@code get("GovernanceBenchmark.drools:tasks=100000")}. */
    public Optional<Sample> get(String key) {
        return Optional.ofNullable(samples.get(key));
    }

    /** Every case measured. */
    public Map<String, Sample> all() {
        return Map.copyOf(samples);
    }
}
