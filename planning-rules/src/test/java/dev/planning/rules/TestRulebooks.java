package dev.planning.rules;

import dev.planning.api.rulebook.GateProfile;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.engine.internal.rulebook.RulebookHasher;
import dev.planning.engine.internal.rulebook.RulebookLoader;
import dev.planning.rules.internal.defaults.DefaultRulebook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Test fixtures: {@link Rulebook} values for rulebook directories. */
public final class TestRulebooks {

    private TestRulebooks() {
    }

    /** The default rulebook, copied into {@code dir} and loaded by the engine's loader. */
    public static Rulebook defaultRulebook(Path dir) {
        DefaultRulebook.copyTo(dir);
        return load(dir);
    }

    /**
     * A rulebook of DRL files (name to text) with thresholds, written into {@code dir}, without a
     * {@code rulebook.yaml}: only the governance settings are given.
     */
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
        return new Rulebook(dir.toAbsolutePath(), RulebookHasher.hash(dir), "test",
                Map.of("fe", new GateProfile("fe", List.of())), Map.of(), "fe",
                Map.of("compliance", List.of("sox", "gdpr", "hipaa", "none")), List.of(), thresholds, files);
    }

    /** A rulebook directory with its {@code rulebook.yaml}, loaded by the engine's loader. */
    public static Rulebook load(Path dir) {
        return RulebookLoader.load(dir);
    }
}
