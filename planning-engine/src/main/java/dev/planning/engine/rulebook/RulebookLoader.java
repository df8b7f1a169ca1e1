package dev.planning.engine.rulebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.planning.api.InvalidInputException;
import dev.planning.api.SourceLocation;
import dev.planning.api.lifecycle.CycleState;
import dev.planning.api.lifecycle.Lifecycle;
import dev.planning.api.rulebook.GateProfile;
import dev.planning.api.rulebook.GateStep;
import dev.planning.api.rulebook.Rulebook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a rulebook directory ({@code rulebook.yaml}, {@code rules/*.drl}, {@code tests/}) into a
 * {@link Rulebook}, with its hash.
 *
 * <p>Gate profiles are checked here, not when a transition runs: each profile entry must name a
 * transition the lifecycle allows ({@code "PLANNED->READY_FOR_HANDOFF"}), gate names must be
 * identifiers, and a failure action must be a state.
 */
public final class RulebookLoader {

    /** The settings file of a rulebook. */
    public static final String SETTINGS_FILE = "rulebook.yaml";

    private static final Pattern TRANSITION = Pattern.compile("\\s*([A-Za-z_]+)\\s*->\\s*([A-Za-z_]+)\\s*");
    private static final Pattern GATE_NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private RulebookLoader() {
    }

    /**
     * Loads a rulebook.
     *
     * @throws InvalidInputException when the directory or its settings are missing or invalid
     */
    public static Rulebook load(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("rulebook directory not found: " + directory
                    + " (expected a directory with rulebook.yaml and rules/*.drl; `planning init` creates one)");
        }
        Path settings = dir.resolve(SETTINGS_FILE);
        if (!Files.isRegularFile(settings)) {
            throw new InvalidInputException("rulebook settings not found: " + settings
                    + " (expected rulebook.yaml with version, profiles and default_profile)");
        }
        JsonNode root = readSettings(settings);
        String file = SETTINGS_FILE;
        Map<String, GateProfile> profiles = profiles(root.path("profiles"), file);
        return new Rulebook(
                dir,
                RulebookHasher.hash(dir),
                text(root, "version", file),
                profiles,
                stringMap(root.path("streams")),
                text(root, "default_profile", file),
                taxonomy(root.path("taxonomy")),
                strings(root.path("required_tags")),
                thresholds(root.path("thresholds"), file),
                ruleFiles(dir));
    }

    private static JsonNode readSettings(Path settings) {
        try {
            JsonNode root = YAML.readTree(settings.toFile());
            if (root == null || !root.isObject()) {
                throw new InvalidInputException("expected a mapping with version, profiles and default_profile",
                        SourceLocation.ofFile(SETTINGS_FILE));
            }
            return root;
        } catch (IOException e) {
            throw new InvalidInputException("cannot read rulebook settings: " + e.getMessage(),
                    SourceLocation.ofFile(SETTINGS_FILE), e);
        }
    }

    private static Map<String, GateProfile> profiles(JsonNode node, String file) {
        if (!node.isObject() || node.isEmpty()) {
            throw new InvalidInputException("`profiles` must map profile names to lists of transitions",
                    SourceLocation.ofFile(file));
        }
        Map<String, GateProfile> profiles = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            List<GateStep> steps = new ArrayList<>();
            for (JsonNode step : entry.getValue()) {
                steps.add(step(entry.getKey(), step, file));
            }
            profiles.put(entry.getKey(), new GateProfile(entry.getKey(), steps));
        }
        return profiles;
    }

    private static GateStep step(String profile, JsonNode node, String file) {
        String where = "profile '" + profile + "': ";
        Matcher m = TRANSITION.matcher(node.path("transition").asText(""));
        if (!m.matches()) {
            throw new InvalidInputException(where + "`transition` must look like \"PLANNED->READY_FOR_HANDOFF\" (found \""
                    + node.path("transition").asText("") + "\")", SourceLocation.ofFile(file));
        }
        CycleState from = state(m.group(1), where, file);
        CycleState to = state(m.group(2), where, file);
        if (Lifecycle.find(from, to).isEmpty()) {
            throw new InvalidInputException(where + "the lifecycle has no transition " + from + "->" + to
                    + "; allowed from " + from + ": " + Lifecycle.from(from).stream().map(t -> t.to().name()).toList(),
                    SourceLocation.ofFile(file));
        }
        List<String> gates = strings(node.path("gates"));
        for (String gate : gates) {
            if (!GATE_NAME.matcher(gate).matches()) {
                throw new InvalidInputException(where + "gate name '" + gate + "' must match [a-z][a-z0-9_]*",
                        SourceLocation.ofFile(file));
            }
        }
        Optional<CycleState> onFailure = node.hasNonNull("on_failure")
                ? Optional.of(state(node.get("on_failure").asText(), where, file))
                : Optional.empty();
        return new GateStep(from, to, gates, onFailure);
    }

    private static CycleState state(String name, String where, String file) {
        try {
            return CycleState.parse(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where + e.getMessage(), SourceLocation.ofFile(file));
        }
    }

    private static String text(JsonNode root, String field, String file) {
        JsonNode node = root.get(field);
        if (node == null || !node.isValueNode() || node.asText().isBlank()) {
            throw new InvalidInputException("`" + field + "` is required", SourceLocation.ofFile(file));
        }
        return node.asText();
    }

    private static Map<String, List<String>> taxonomy(JsonNode node) {
        Map<String, List<String>> taxonomy = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> taxonomy.put(e.getKey(), strings(e.getValue())));
        return taxonomy;
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static Map<String, Double> thresholds(JsonNode node, String file) {
        Map<String, Double> thresholds = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNumber()) {
                throw new InvalidInputException("threshold `" + e.getKey() + "` must be a number (found "
                        + e.getValue().getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ")",
                        SourceLocation.ofFile(file));
            }
            thresholds.put(e.getKey(), e.getValue().asDouble());
        }
        return thresholds;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<String> ruleFiles(Path dir) {
        return RulebookHasher.listFiles(dir).stream()
                .map(p -> p.substring(2))
                .filter(p -> p.startsWith("rules/") && p.endsWith(".drl"))
                .toList();
    }
}
