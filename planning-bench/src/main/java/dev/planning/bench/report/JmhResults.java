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
 * @since 0.1
 */
public final class JmhResults {

    private final Map<String, Sample> samples;

    private JmhResults(Map<String, Sample> samples) {
        this.samples = samples;
    }

    /** Reads every {@code jmh*.json} result file of a directory, in name order; none gives no results. */
    public static JmhResults readAll(Path dir) throws IOException {
        Map<String, Sample> samples = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> all = Files.list(dir)) {
            files = all.filter(f -> f.getFileName().toString().matches("jmh.*\\.json")).sorted().toList();
        }
        for (Path file : files) {
            read(file, samples);
        }
        return new JmhResults(samples);
    }

    private static void read(Path file, Map<String, Sample> samples) throws IOException {
        for (JsonNode run : JsonMappers.json().readTree(file.toFile())) {
            String benchmark = run.path("benchmark").asText();
            String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            StringBuilder key = new StringBuilder(name);
            run.path("params").properties().forEach(p -> key.append(':').append(p.getKey()).append('=')
                    .append(p.getValue().asText()));
            JsonNode metric = run.path("primaryMetric");
            List<Double> values = new ArrayList<>();
            metric.path("rawData").forEach(fork -> fork.forEach(v -> values.add(v.asDouble())));
            if (!values.isEmpty()) {
                samples.put(key.toString(), Sample.of(values, metric.path("scoreUnit").asText()));
            }
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
