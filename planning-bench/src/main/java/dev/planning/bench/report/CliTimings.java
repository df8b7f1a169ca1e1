package dev.planning.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.engine.internal.json.JsonMappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cold command-line timings {@code bench/run.sh} writes for B5: {@code b5-<name>.json} in
 * hyperfine's export format ({@code results[0].times} in seconds; the script writes the same shape
 * when it falls back to a shell loop) and {@code b5-first-<name>.txt}, the seconds of the first run.
 *
 * @since 0.1
 */
final class CliTimings {

    private final Path dir;

    CliTimings(Path dir) {
        this.dir = dir;
    }

    /** The repeated runs of a command, in milliseconds. */
    Optional<Sample> repeated(String name) throws IOException {
        Path file = dir.resolve("b5-" + name + ".json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode times = JsonMappers.json().readTree(file.toFile()).path("results").path(0).path("times");
        List<Double> ms = new ArrayList<>();
        times.forEach(t -> ms.add(t.asDouble() * 1000));
        return ms.isEmpty() ? Optional.empty() : Optional.of(Sample.of(ms, "ms"));
    }

    /** The first run of a command, in milliseconds. */
    Optional<Sample> first(String name) throws IOException {
        Path file = dir.resolve("b5-first-" + name + ".txt");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        double seconds = Double.parseDouble(Files.readString(file).strip());
        return Optional.of(Sample.of(List.of(seconds * 1000), "ms"));
    }

    /** A note the script left, e.g. why a command was skipped. */
    Optional<String> note(String name) throws IOException {
        Path file = dir.resolve("b5-" + name + ".note");
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
    }
}
