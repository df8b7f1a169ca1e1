package dev.planning.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.planning.api.rulebook.GateProfile;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.rules.defaults.DefaultRulebook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Test fixtures: {@link Rulebook} values for rulebook directories, standing in for the engine's
 * rulebook loader (which reads profiles too; these tests need only the governance settings).
 */
public final class TestRulebooks {

    private TestRulebooks() {
    }

    /** The default rulebook, copied into {@code dir}. */
    public static Rulebook defaultRulebook(Path dir) {
        DefaultRulebook.copyTo(dir);
        return load(dir);
    }

    /** A rulebook of DRL files (name to text) with thresholds, written into {@code dir}. */
    public static Rulebook withRules(Path dir, Map<String, String> drlFiles, Map<String, Double> thresholds) {
        try {
            for (var e : drlFiles.entrySet()) {
                Path file = dir.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> files = drlFiles.keySet().stream().sorted().toList();
        return new Rulebook(dir.toAbsolutePath(), hash(dir, files), "test", Map.of("fe", new GateProfile("fe", List.of())),
                Map.of(), "fe", Map.of("compliance", List.of("sox", "gdpr", "hipaa", "none")), List.of(), thresholds, files);
    }

    /** Reads the governance settings of {@code rulebook.yaml} and lists {@code rules/*.drl}. */
    public static Rulebook load(Path dir) {
        try {
            JsonNode yaml = new YAMLMapper().readTree(dir.resolve("rulebook.yaml").toFile());
            Map<String, List<String>> taxonomy = new LinkedHashMap<>();
            yaml.path("taxonomy").properties().forEach(e -> {
                List<String> values = new ArrayList<>();
                e.getValue().forEach(v -> values.add(v.asText()));
                taxonomy.put(e.getKey(), values);
            });
            List<String> required = new ArrayList<>();
            yaml.path("required_tags").forEach(v -> required.add(v.asText()));
            Map<String, Double> thresholds = new LinkedHashMap<>();
            yaml.path("thresholds").properties().forEach(e -> thresholds.put(e.getKey(), e.getValue().asDouble()));
            List<String> ruleFiles;
            try (Stream<Path> files = Files.list(dir.resolve("rules"))) {
                ruleFiles = files.map(p -> "rules/" + p.getFileName()).filter(n -> n.endsWith(".drl")).sorted().toList();
            }
            return new Rulebook(dir.toAbsolutePath(), hash(dir, ruleFiles) , yaml.path("version").asText(),
                    Map.of("fe", new GateProfile("fe", List.of())), Map.of(), "fe", taxonomy, required, thresholds,
                    ruleFiles);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(Path dir, List<String> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String file : files) {
                sha.update(file.getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(dir.resolve(file)));
            }
            if (Files.exists(dir.resolve("rulebook.yaml"))) {
                sha.update(Files.readAllBytes(dir.resolve("rulebook.yaml")));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
