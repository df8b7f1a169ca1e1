package dev.planning.engine.internal.rulebook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.planning.api.InvalidInputException;
import dev.planning.api.rulebook.GateProfile;
import dev.planning.api.rulebook.Rulebook;
import dev.planning.api.rulebook.ThresholdBound;
import dev.planning.engine.internal.document.YamlDocuments;
import dev.planning.engine.internal.schema.ArtifactSchema;
import dev.planning.engine.internal.schema.SchemaCatalog;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One source of the thresholds' bounds: the rulebook schema, which bounds a loaded {@code rulebook.yaml},
 * says entry by entry what {@link ThresholdBound} says, which {@link Rulebook}'s constructor applies to a
 * rulebook built in code; and the two refuse exactly the same values.
 */
class ThresholdBoundSchemaTest {

    private static JsonNode schemaThresholds() {
        return SchemaCatalog.standard().schemaDocument(ArtifactSchema.RULEBOOK).at("/properties/thresholds");
    }

    @Test
    void theRulebookSchemaBoundsEachThresholdExactlyAsThresholdBoundSays() {
        JsonNode patterns = schemaThresholds().get("patternProperties");

        List<String> keys = new ArrayList<>();
        patterns.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyElementsOf(
                Arrays.stream(ThresholdBound.values()).map(ThresholdBound::namePattern).toList());
        for (ThresholdBound bound : ThresholdBound.values()) {
            JsonNode entry = patterns.get(bound.namePattern());
            List<String> fields = new ArrayList<>();
            entry.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).as(bound.thresholdName()).containsExactlyInAnyOrder("description", "type", "minimum",
                    "maximum");
            assertThat(entry.get("type").asText()).as(bound.thresholdName())
                    .isEqualTo(bound.wholeNumber() ? "integer" : "number");
            assertThat(entry.get("minimum").decimalValue()).as(bound.thresholdName())
                    .isEqualByComparingTo(BigDecimal.valueOf(bound.minimum()));
            assertThat(entry.get("maximum").decimalValue()).as(bound.thresholdName())
                    .isEqualByComparingTo(BigDecimal.valueOf(bound.maximum()));
        }
        JsonNode other = schemaThresholds().get("additionalProperties");
        assertThat(other.get("type").asText()).isEqualTo("number");
        assertThat(other.get("minimum").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(-ThresholdBound.OTHER_LIMIT));
        assertThat(other.get("maximum").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(ThresholdBound.OTHER_LIMIT));
    }

    /**
     * Every name the engine reads (alone, for a stream, for a dotted stream), names that only end like one,
     * and another name, each with the bounds of every entry, the values just past them, fractions, zero,
     * signs and the limits of an int and of a double's exact whole numbers.
     */
    @Test
    void aRulebookBuiltInCodeIsRefusedForExactlyTheValuesItsSchemaRefusesWhenLoaded() {
        Set<String> names = new LinkedHashSet<>(List.of("max_estimate", ".critical_approvals", "my_critical_approvals",
                "a.b.critical_approvals"));
        Set<Double> values = new LinkedHashSet<>(List.of(0.0, -0.0, 1.0, -1.0, 0.5, 2.5, 3.0, 7.5, 80.0, 100.5,
                2147483646.0, 2147483647.0, 2147483648.0, 4294967296.0, 9007199254740991.0, -9007199254740991.0,
                9007199254740992.0, -9007199254740992.0, 18446744073709551616.0, 1e300, -1e300, Double.MAX_VALUE,
                Double.MIN_VALUE));
        for (ThresholdBound bound : ThresholdBound.values()) {
            names.add(bound.thresholdName());
            names.add("fe." + bound.thresholdName());
            for (double edge : List.of(bound.minimum(), bound.maximum())) {
                values.addAll(List.of(edge, Math.nextDown(edge), Math.nextUp(edge), edge - 0.5, edge + 0.5));
            }
        }
        List<String> disagreements = new ArrayList<>();
        int refusedByBoth = 0;
        for (String name : names) {
            for (double value : values) {
                boolean schemaRefuses = schemaRefuses(name, value);
                boolean recordRefuses = recordRefuses(name, value);
                if (schemaRefuses != recordRefuses) {
                    disagreements.add(name + " = " + value + ": schema " + (schemaRefuses ? "refuses" : "accepts")
                            + ", Rulebook " + (recordRefuses ? "refuses" : "accepts"));
                }
                refusedByBoth += schemaRefuses && recordRefuses ? 1 : 0;
            }
        }

        assertThat(disagreements).isEmpty();
        assertThat(refusedByBoth).as("the probes refuse some values").isGreaterThan(names.size());
    }

    private static boolean schemaRefuses(String name, double value) {
        String yaml = "version: '1'\nthresholds:\n  \"" + name + "\": " + BigDecimal.valueOf(value) + "\n";
        byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
        return !RulebookLoader.schemaErrors(YamlDocuments.parse(bytes, "rulebook.yaml"), bytes, "rulebook.yaml").isEmpty();
    }

    private static boolean recordRefuses(String name, double value) {
        try {
            new Rulebook(Path.of("/r").toAbsolutePath(), "0".repeat(64), "1", Map.of("p", new GateProfile("p",
                    List.of())), Map.of(), "p", Map.of(), List.of(), Map.of(name, value), List.of());
            return false;
        } catch (InvalidInputException e) {
            return true;
        }
    }
}
